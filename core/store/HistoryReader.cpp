// HistoryReader: the chart's way into the store; never on the GUI thread, never a writer.
#include "HistoryReader.h"

#include "Store.h"
#include "model/MinMaxColumns.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fs {

namespace {

Result<QList<qint64>> channelsOf(Store& store, const HistoryRequest& r)
{
    QSqlQuery q(store.db());
    // Without a node, every node the source ever read (a swapped device keeps its history).
    q.prepare(QStringLiteral("SELECT c.id FROM channels c JOIN nodes n ON n.id = c.node_id "
                             "WHERE n.source = ? AND c.key = ? AND (COALESCE(?, '') = '' OR n.key = ?)"));
    q.addBindValue(r.source);
    q.addBindValue(r.channelKey);
    q.addBindValue(r.nodeKey);
    q.addBindValue(r.nodeKey);
    if (!q.exec())
        return Error{q.lastError().text()};
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

/// The minute tables this store has: minute_aggregates (schema 5, what retention deleted) and
/// chart_minutes (schema 6, folded continuously while the readings stay).
QStringList minuteTables(Store& store)
{
    QSqlQuery q(store.db());
    QStringList tables;
    if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                              "name IN ('minute_aggregates', 'chart_minutes') ORDER BY name"))) {
        while (q.next())
            tables << q.value(0).toString();
    }
    return tables;
}

QString placeholders(qsizetype n)
{
    QStringList marks(n, QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

/// Adds each minute's min and max from `tables`; returns the last minute read, or -1. A minute in
/// both tables (its readings partly deleted) only adds extremes twice, which min/max does not mind.
Result<qint64> addAggregates(Store& store, const QStringList& tables, const QList<qint64>& ids,
                             const HistoryRequest& r, MinMaxColumns& out)
{
    QStringList selects;
    for (const QString& table : tables)
        selects << QStringLiteral("SELECT minute_ms, min, max FROM %1 WHERE channel_id IN (%2) "
                                  "AND minute_ms >= ? AND minute_ms <= ?")
                       .arg(table, placeholders(ids.size()));
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    q.prepare(selects.join(QStringLiteral(" UNION ALL ")) + QStringLiteral(" ORDER BY minute_ms"));
    for (qsizetype t = 0; t < tables.size(); ++t) {
        for (qint64 id : ids)
            q.addBindValue(id);
        q.addBindValue(r.fromMs);
        q.addBindValue(r.toMs);
    }
    if (!q.exec())
        return Error{q.lastError().text()};
    qint64 last = -1;
    while (q.next()) {
        last = q.value(0).toLongLong();
        // The minute's extremes, placed at its start and end so both stay inside the minute.
        out.add(double(last), q.value(1).toDouble());
        out.add(double(last + 59999), q.value(2).toDouble());
    }
    return last;
}

Status addRaw(Store& store, const QList<qint64>& ids, qint64 fromMs, qint64 toMs, MinMaxColumns& out)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT time_ms, value FROM readings WHERE channel_id IN (%1) "
                             "AND time_ms >= ? AND time_ms <= ? ORDER BY time_ms")
                  .arg(placeholders(ids.size())));
    for (qint64 id : ids)
        q.addBindValue(id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return Error{q.lastError().text()};
    while (q.next())
        out.add(double(q.value(0).toLongLong()), q.value(1).toDouble());
    return {};
}

} // namespace

HistoryReader::HistoryReader(QString storePath, QObject* parent)
    : QObject(parent), m_reader(std::move(storePath), QStringLiteral("history"))
{
    qRegisterMetaType<HistoryRequest>();
    qRegisterMetaType<QList<QPointF>>();
}

HistoryReader::~HistoryReader() = default;

quint64 HistoryReader::request(const HistoryRequest& request)
{
    const quint64 ticket = m_reader.nextTicket();
    m_reader.post([this, ticket, request](Store* store, const QString& error) {
        {
            std::lock_guard lock(m_cancelMutex);
            m_started = ticket;
            if (m_cancelled.remove(ticket))
                return;
        }
        if (!store) {
            Q_EMIT loaded(ticket, request, {}, error);
            return;
        }
        auto points = read(*store, request);
        Q_EMIT loaded(ticket, request, points ? points.value() : QList<QPointF>(), points.error());
    });
    return ticket;
}

void HistoryReader::cancel(quint64 ticket)
{
    if (!m_reader.issued(ticket))
        return;
    std::lock_guard lock(m_cancelMutex);
    if (ticket > m_started) // one already started is answered anyway: nothing to remember
        m_cancelled.insert(ticket);
}

Result<QList<QPointF>> HistoryReader::read(Store& store, const HistoryRequest& r)
{
    auto ids = channelsOf(store, r);
    if (!ids)
        return Error{ids.error()};
    MinMaxColumns columns(double(r.fromMs), double(r.toMs), r.columns);
    if (ids->isEmpty())
        return columns.points();
    qint64 rawFrom = r.fromMs;
    const QStringList tables = r.toMs - r.fromMs > kAggregatesAboveMs ? minuteTables(store) : QStringList();
    if (!tables.isEmpty()) {
        auto last = addAggregates(store, tables, ids.value(), r, columns);
        if (!last)
            return Error{last.error()};
        if (last.value() >= 0)
            rawFrom = last.value() + 60000; // raw readings only where no minute covers them
    }
    if (Status s = addRaw(store, ids.value(), rawFrom, r.toMs, columns); !s)
        return Error{s.error()};
    return columns.points();
}

} // namespace fs
