// UploadQueueModel: the gascloud batches for QML, one row a batch, newest first.
#pragma once

#include "sinks/gascloud/UploadBatch.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class Uploader;

class UploadQueueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UploadQueueModel is provided by the application")

    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY summaryChanged)
    Q_PROPERTY(int uploadedCount READ uploadedCount NOTIFY summaryChanged)
    Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY summaryChanged)
    Q_PROPERTY(bool running READ running NOTIFY summaryChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY summaryChanged)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        StateRole,
        StateLabelRole,
        RowsRole,
        SizeRole,
        ProgressRole,
        AttemptsRole,
        ErrorRole,
        ReadingsRole,
        UpdatedRole,
    };
    Q_ENUM(Roles)

    explicit UploadQueueModel(QObject* parent = nullptr);

    /// Follows an uploader in another thread; `problem` says why there is none.
    void attach(Uploader* uploader, const QString& problem);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int pendingCount() const;
    int uploadedCount() const;
    int rejectedCount() const;
    bool running() const { return m_running; }
    QString problem() const { return m_problem; }

public Q_SLOTS:
    void setBatches(const QList<fs::UploadBatch>& batches);
    void setProgress(qint64 batch, qint64 bytesSent, qint64 bytesTotal);

Q_SIGNALS:
    void summaryChanged();

private:
    int count(UploadBatch::State s) const;
    QList<UploadBatch> m_batches; // newest first
    bool m_running = false;
    QString m_problem;
};

} // namespace fs
