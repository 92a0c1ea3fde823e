// SinkStatusModel: one row per push server and InfluxDB sink: state, rows behind, throughput, last error.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SinkStatusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SinkStatusModel is provided by the application")

public:
    explicit SinkStatusModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
};

} // namespace fs
