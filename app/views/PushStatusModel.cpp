// PushStatusModel: replaced whole after each push round (a handful of servers).
#include "PushStatusModel.h"

#include <QDateTime>

namespace fs {

PushStatusModel::PushStatusModel(QObject* parent) : QAbstractListModel(parent) {}

void PushStatusModel::attach(Pusher* pusher)
{
    m_running = pusher != nullptr;
    if (pusher)
        connect(pusher, &Pusher::statusChanged, this, &PushStatusModel::setStatuses, Qt::QueuedConnection);
    Q_EMIT changed();
}

int PushStatusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PushStatusModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PushStatus& s = m_rows[index.row()];
    switch (role) {
    case ServerRole:
        return s.server;
    case OkRole:
        return s.ok;
    case LastSuccessRole:
        return s.lastSuccessMs ? QDateTime::fromMSecsSinceEpoch(s.lastSuccessMs)
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                               : tr("never");
    case BehindRole:
        return s.rowsBehind;
    case RateRole:
        return s.rowsPerSecond;
    case ErrorRole:
        return s.lastError;
    case PushedRole:
        return s.pushedReadings;
    }
    return {};
}

QHash<int, QByteArray> PushStatusModel::roleNames() const
{
    return {{ServerRole, "server"}, {OkRole, "ok"},     {LastSuccessRole, "lastSuccess"},
            {BehindRole, "behind"}, {RateRole, "rate"}, {ErrorRole, "lastError"},
            {PushedRole, "pushed"}};
}

void PushStatusModel::setStatuses(const QList<PushStatus>& statuses)
{
    beginResetModel();
    m_rows = statuses;
    endResetModel();
    Q_EMIT changed();
}

} // namespace fs
