// BatchPages: keyset paging (id < beforeId) so a page costs the same at row 5 000 as at row 0.
#include "BatchPages.h"

#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fs::batches {

namespace {

const char* const kFilters[] = {"all", "pending", "uploaded", "rejected"};

QString whereOf(Filter f)
{
    switch (f) {
    case Filter::All:
        return QStringLiteral("state <> 'building'");
    case Filter::Pending:
        return QStringLiteral("state NOT IN ('building', 'uploaded', 'rejected')");
    case Filter::Uploaded:
        return QStringLiteral("state = 'uploaded'");
    case Filter::Rejected:
        return QStringLiteral("state = 'rejected'");
    }
    return QStringLiteral("0");
}

} // namespace

QString toString(Filter f)
{
    return QString::fromLatin1(kFilters[int(f)]);
}

std::optional<Filter> filterFromString(const QString& text)
{
    for (int i = 0; i < int(std::size(kFilters)); ++i) {
        if (text == QLatin1String(kFilters[i]))
            return Filter(i);
    }
    return std::nullopt;
}

bool matches(Filter filter, UploadBatch::State state)
{
    using S = UploadBatch::State;
    switch (filter) {
    case Filter::All:
        return state != S::Building;
    case Filter::Pending:
        return state != S::Building && state != S::Uploaded && state != S::Rejected;
    case Filter::Uploaded:
        return state == S::Uploaded;
    case Filter::Rejected:
        return state == S::Rejected;
    }
    return false;
}

int Counts::of(Filter f) const
{
    switch (f) {
    case Filter::All:
        return pending + uploaded + rejected;
    case Filter::Pending:
        return pending;
    case Filter::Uploaded:
        return uploaded;
    case Filter::Rejected:
        return rejected;
    }
    return 0;
}

void Counts::add(std::optional<UploadBatch::State> state, int n)
{
    int* bucket = nullptr;
    if (!state || *state == UploadBatch::State::Building)
        return;
    if (*state == UploadBatch::State::Uploaded)
        bucket = &uploaded;
    else if (*state == UploadBatch::State::Rejected)
        bucket = &rejected;
    else
        bucket = &pending;
    *bucket = std::max(0, *bucket + n);
}

void Counts::move(std::optional<UploadBatch::State> from, std::optional<UploadBatch::State> to)
{
    add(from, -1);
    add(to, 1);
}

Result<QList<UploadBatch>> page(Store& store, Filter filter, qint64 beforeId, int limit)
{
    if (limit <= 0)
        return QList<UploadBatch>();
    QString tail = QStringLiteral("WHERE %1").arg(whereOf(filter));
    QVariantList binds;
    if (beforeId > 0) {
        tail += QStringLiteral(" AND id < ?");
        binds << beforeId;
    }
    tail += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    binds << limit;
    return query(store, tail, binds);
}

Result<Counts> counts(Store& store)
{
    QSqlQuery q(store.db());
    if (!q.exec(QStringLiteral("SELECT state, COUNT(*) FROM batches GROUP BY state")))
        return Error{QStringLiteral("counting batches: %1").arg(q.lastError().text())};
    Counts c;
    while (q.next()) {
        c.add(batchStateFromString(q.value(0).toString()), q.value(1).toInt());
    }
    return c;
}

Result<std::optional<UploadBatch>> byId(Store& store, qint64 id)
{
    auto rows = query(store, QStringLiteral("WHERE id = ?"), {id});
    if (!rows)
        return Error{rows.error()};
    if (rows->isEmpty())
        return std::optional<UploadBatch>();
    return std::optional<UploadBatch>(rows->first());
}

} // namespace fs::batches
