// SinkStatusModel: a pass reports after every chunk; the rows change in place at most once a second,
// and the model resets only when the set of far ends itself changes.
#include "SinkStatusModel.h"

#include <QDateTime>

namespace fs {

namespace {

/// Failures in a row after which a far end is shown failing rather than retrying.
constexpr int kFailingAfter = 3;

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

bool sameFigures(const SinkStatus& a, const SinkStatus& b)
{
    return a.ok == b.ok && a.lastSuccessMs == b.lastSuccessMs && a.rowsBehind == b.rowsBehind &&
           a.rowsPerSecond == b.rowsPerSecond && a.pushedReadings == b.pushedReadings &&
           a.lastError == b.lastError && a.nextAttemptMs == b.nextAttemptMs && a.failures == b.failures;
}

} // namespace

SinkStatusModel::SinkStatusModel(QObject* parent) : QAbstractListModel(parent)
{
    m_throttle.setInterval(1000);
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (!m_pending.isEmpty()) {
            apply();
            m_throttle.start();
        }
    });
}

void SinkStatusModel::attach(const QString& kind, CursorSink* sink)
{
    if (!sink)
        return;
    connect(
        sink, &CursorSink::statusChanged, this,
        [this, kind](const QList<SinkStatus>& all) { setStatuses(kind, all); }, Qt::QueuedConnection);
    setStatuses(kind, sink->statuses());
}

void SinkStatusModel::setFarEnds(const QList<DemoFarEnd>& farEnds)
{
    m_farEnds = farEnds;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {FarEndRole});
    Q_EMIT farEndsChanged();
}

void SinkStatusModel::setStatuses(const QString& kind, const QList<SinkStatus>& statuses)
{
    m_pending[kind] = statuses;
    // The first report after a quiet spell shows at once; the rest wait for the throttle.
    if (m_throttle.interval() == 0) {
        apply();
    } else if (!m_throttle.isActive()) {
        apply();
        m_throttle.start();
    }
}

void SinkStatusModel::apply()
{
    QList<Row> next;
    for (const QString& kind : {QStringLiteral("push"), QStringLiteral("influx")}) {
        const auto pending = m_pending.constFind(kind);
        if (pending != m_pending.constEnd()) {
            for (const SinkStatus& s : *pending)
                next.append({kind, s});
        } else {
            for (const Row& r : std::as_const(m_rows)) {
                if (r.kind == kind)
                    next.append(r);
            }
        }
    }
    m_pending.clear();
    bool sameSet = next.size() == m_rows.size();
    for (qsizetype i = 0; sameSet && i < next.size(); ++i)
        sameSet = next[i].kind == m_rows[i].kind && next[i].status.server == m_rows[i].status.server;
    if (!sameSet) {
        beginResetModel();
        m_rows = next;
        endResetModel();
        Q_EMIT countChanged();
        Q_EMIT farEndsChanged(); // a far end with a row of its own leaves the notes
        return;
    }
    for (qsizetype i = 0; i < next.size(); ++i) {
        if (sameFigures(next[i].status, m_rows[i].status))
            continue;
        m_rows[i] = next[i];
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
    }
}

int SinkStatusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SinkStatusModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const SinkStatus& s = row.status;
    const bool untried = s.lastSuccessMs == 0 && s.lastError.isEmpty();
    switch (role) {
    case KindRole:
        return row.kind;
    case ServerRole:
        return s.server;
    case LevelRole:
        return s.ok                                    ? QStringLiteral("ok")
               : untried || s.failures < kFailingAfter ? QStringLiteral("warn")
                                                       : QStringLiteral("fail");
    case StateRole:
        return s.ok                         ? tr("up to date")
               : untried                    ? tr("first pass pending")
               : s.failures < kFailingAfter ? tr("retrying")
                                            : tr("failing");
    case BehindRole:
        return s.rowsBehind;
    case LastSuccessRole:
        return s.lastSuccessMs;
    case LastSuccessTextRole:
        return s.lastSuccessMs ? localTime(s.lastSuccessMs) : tr("never");
    case RateRole:
        return s.rowsPerSecond;
    case PushedRole:
        return s.pushedReadings;
    case ErrorRole:
        return s.lastError;
    case NextAttemptRole:
        return s.nextAttemptMs;
    case NextAttemptTextRole:
        return s.nextAttemptMs <= QDateTime::currentMSecsSinceEpoch() ? tr("now")
                                                                      : localTime(s.nextAttemptMs);
    case FarEndRole:
        return farEndText(row);
    }
    return {};
}

QString SinkStatusModel::farEndText(const Row& row) const
{
    for (const DemoFarEnd& f : m_farEnds) {
        if (f.kind == row.kind && f.server == row.status.server)
            return f.text;
    }
    return {};
}

QStringList SinkStatusModel::notes() const
{
    QStringList out;
    for (const DemoFarEnd& f : m_farEnds) {
        bool hasRow = false;
        for (const Row& r : m_rows)
            hasRow = hasRow || (r.kind == f.kind && r.status.server == f.server);
        if (!hasRow) // a running far end shows on its row; the others here
            out << f.text;
    }
    return out;
}

QHash<int, QByteArray> SinkStatusModel::roleNames() const
{
    return {{KindRole, "kind"},
            {ServerRole, "server"},
            {LevelRole, "level"},
            {StateRole, "state"},
            {BehindRole, "behind"},
            {LastSuccessRole, "lastSuccess"},
            {LastSuccessTextRole, "lastSuccessText"},
            {RateRole, "rate"},
            {PushedRole, "pushed"},
            {ErrorRole, "lastError"},
            {NextAttemptRole, "nextAttempt"},
            {NextAttemptTextRole, "nextAttemptText"},
            {FarEndRole, "farEnd"}};
}

} // namespace fs
