#include "SinkStatusModel.h"

namespace fs {

SinkStatusModel::SinkStatusModel(QObject* parent) : QAbstractListModel(parent) {}

int SinkStatusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 0; // SKELETON: filled by its owner
}

QVariant SinkStatusModel::data(const QModelIndex&, int) const
{
    return {};
}

} // namespace fs
