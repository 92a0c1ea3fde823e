// SourceListModel: rows refreshed from the sources' getters whenever one of them signals a change.
#include "SourceListModel.h"

#include "sources/Source.h"

#include <QMetaEnum>

namespace fs {

SourceListModel::SourceListModel(QObject* parent) : QAbstractListModel(parent) {}

void SourceListModel::attach(const QList<RunningSource>& sources)
{
    QList<Row> rows;
    m_sources.clear();
    for (const RunningSource& r : sources) {
        Row row;
        row.id = r.id;
        row.type = r.type;
        row.name = r.source->name();
        rows.append(row);
        m_sources.append(r.source);
    }
    setRows(rows);
    for (int i = 0; i < m_sources.size(); ++i) {
        Source* s = m_sources[i];
        connect(
            s, &Source::healthChanged, this, [this, i] { refresh(i); }, Qt::QueuedConnection);
        connect(
            s, &Source::deviceInfoChanged, this, [this, i] { refresh(i); }, Qt::QueuedConnection);
        refresh(i);
    }
}

void SourceListModel::refresh(int row)
{
    const Source* s = m_sources.value(row);
    if (!s || row >= m_rows.size())
        return;
    Row& r = m_rows[row];
    r.health = QString::fromLatin1(QMetaEnum::fromType<Source::Health>().valueToKey(int(s->health())));
    r.detail = s->healthDetail();
    r.deviceInfo = s->deviceInfo();
    ++m_revision;
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT changed();
}

void SourceListModel::setRows(const QList<Row>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
    ++m_revision;
    Q_EMIT changed();
}

int SourceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SourceListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return r.id;
    case TypeRole:
        return r.type;
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case HealthRole:
        return r.health;
    case DetailRole:
        return r.detail;
    case HealthyRole:
        return r.health == QLatin1String("Ok");
    case DeviceInfoRole:
        return r.deviceInfo;
    }
    return {};
}

QHash<int, QByteArray> SourceListModel::roleNames() const
{
    return {{IdRole, "sourceId"},          {TypeRole, "type"},     {NameRole, "name"},
            {HealthRole, "health"},        {DetailRole, "detail"}, {HealthyRole, "healthy"},
            {DeviceInfoRole, "deviceInfo"}};
}

QVariantMap SourceListModel::get(const QString& id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id != id)
            continue;
        QVariantMap m;
        const QHash<int, QByteArray> names = roleNames();
        for (auto it = names.begin(); it != names.end(); ++it)
            m.insert(QString::fromLatin1(it.value()), data(index(i), it.key()));
        return m;
    }
    return {};
}

QStringList SourceListModel::idsOfType(const QString& type) const
{
    QStringList out;
    for (const Row& r : m_rows) {
        if (r.type == type)
            out.append(r.id);
    }
    return out;
}

} // namespace fs
