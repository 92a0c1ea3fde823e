#include "DashboardModel.h"

namespace fs {

DashboardModel::DashboardModel(QObject* parent) : QAbstractListModel(parent) {}

int DashboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 0; // SKELETON: filled by its owner
}

QVariant DashboardModel::data(const QModelIndex&, int) const
{
    return {};
}

} // namespace fs
