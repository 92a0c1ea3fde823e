// AlarmModel: the station's active health alarms (from core/health), for the banner and the tiles.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class AlarmModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlarmModel is provided by the application")

public:
    explicit AlarmModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
};

} // namespace fs
