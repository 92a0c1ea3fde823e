// DashboardModel: one tile per source and per sink for the home screen: headline values, level and reason.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class DashboardModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DashboardModel is provided by the application")

public:
    explicit DashboardModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
};

} // namespace fs
