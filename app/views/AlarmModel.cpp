// AlarmModel: rows follow the book with inserts, removals and in-place changes, never a reset.
#include "AlarmModel.h"

#include "health/AlarmBook.h"
#include "sources/Source.h"

#include <QDateTime>

namespace fs {

AlarmModel::AlarmModel(QObject* parent) : QAbstractListModel(parent) {}

void AlarmModel::attach(const AlarmBook* book, const QList<RunningSource>& sources)
{
    m_book = book;
    for (const RunningSource& r : sources) {
        m_sourceTypes.insert(r.id, r.type);
        m_sourceNames.insert(r.id, r.source ? r.source->name() : r.id);
    }
    if (book)
        connect(book, &AlarmBook::changed, this, &AlarmModel::reload, Qt::QueuedConnection);
    reload();
}

void AlarmModel::reload()
{
    if (m_book)
        setAlarms(m_book->snapshot());
}

void AlarmModel::setAlarms(const QList<Alarm>& alarms)
{
    const int before = count();
    const QString worstBefore = worstLevel();
    QHash<QString, int> wanted;
    for (int i = 0; i < alarms.size(); ++i)
        wanted.insert(alarms[i].identity(), i);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (wanted.contains(m_rows[i].identity()))
            continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    // What stays keeps its relative order unless a severity changed; move rows where it did not.
    for (int i = 0; i < alarms.size(); ++i) {
        const QString id = alarms[i].identity();
        int at = -1;
        for (int j = i; j < m_rows.size(); ++j) {
            if (m_rows[j].identity() == id) {
                at = j;
                break;
            }
        }
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, alarms[i]);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            endMoveRows();
        }
        if (!(m_rows[i] == alarms[i])) {
            m_rows[i] = alarms[i];
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
    if (count() != before || worstLevel() != worstBefore)
        Q_EMIT changed();
}

QString AlarmModel::worstLevel() const
{
    if (m_rows.isEmpty())
        return QStringLiteral("ok");
    for (const Alarm& a : m_rows) {
        if (a.severity == Alarm::Severity::Fail)
            return QStringLiteral("fail");
    }
    return QStringLiteral("warn");
}

QVariant AlarmModel::value(const Alarm& a, int role) const
{
    switch (role) {
    case CodeRole:
        return a.code;
    case SeverityRole:
        return toString(a.severity);
    case SubjectRole:
        return a.subject;
    case TextRole:
        return a.text;
    case SinceRole:
        return QDateTime::fromMSecsSinceEpoch(a.sinceMs);
    case PageRole:
        return pageOfSubject(a.subject, m_sourceTypes.value(a.source));
    case TitleRole: {
        if (a.subject == QLatin1String("store"))
            return tr("Storage");
        if (a.subject.startsWith(QLatin1String("sink:gascloud")))
            return tr("Upload");
        if (a.subject.startsWith(QLatin1String("sink:")))
            return a.subject.mid(5);
        const QString name = m_sourceNames.value(a.source);
        if (a.subject == a.source || name.isEmpty())
            return name.isEmpty() ? a.subject : name;
        return QStringLiteral("%1 %2").arg(name, a.subject.section(QLatin1Char(':'), -1));
    }
    }
    return {};
}

int AlarmModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AlarmModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(m_rows[index.row()], role);
}

QHash<int, QByteArray> AlarmModel::roleNames() const
{
    return {{CodeRole, "code"},   {SeverityRole, "severity"}, {SubjectRole, "subject"}, {TextRole, "text"},
            {SinceRole, "since"}, {PageRole, "page"},         {TitleRole, "title"}};
}

QVariantMap AlarmModel::get(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    QVariantMap m;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        m.insert(QString::fromLatin1(it.value()), value(m_rows[row], it.key()));
    return m;
}

} // namespace fs
