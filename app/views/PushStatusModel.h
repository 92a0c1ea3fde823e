// PushStatusModel: one row per MySQL push server: last success, rows behind, rows/s, last error.
#pragma once

#include "sinks/mysqlpush/Pusher.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class PushStatusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PushStatusModel is provided by the application")
    Q_PROPERTY(bool running READ running NOTIFY changed)

public:
    enum Roles {
        ServerRole = Qt::UserRole + 1,
        OkRole,
        LastSuccessRole,
        BehindRole,
        RateRole,
        ErrorRole,
        PushedRole
    };
    Q_ENUM(Roles)

    explicit PushStatusModel(QObject* parent = nullptr);
    /// Follows a pusher in another thread; null when no server is enabled.
    void attach(Pusher* pusher);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool running() const { return m_running; }

public Q_SLOTS:
    void setStatuses(const QList<fs::PushStatus>& statuses);

Q_SIGNALS:
    void changed();

private:
    QList<PushStatus> m_rows;
    bool m_running = false;
};

} // namespace fs
