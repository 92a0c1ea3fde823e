#include "AlarmModel.h"

namespace fs {

AlarmModel::AlarmModel(QObject* parent) : QAbstractListModel(parent) {}

int AlarmModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 0; // SKELETON: filled by its owner
}

QVariant AlarmModel::data(const QModelIndex&, int) const
{
    return {};
}

} // namespace fs
