// AlarmBook: merge of each evaluation into the active set, keeping when each alarm began.
#include "AlarmBook.h"

#include <algorithm>

namespace fs {

AlarmBook::AlarmBook(QObject* parent) : QObject(parent) {}

AlarmBook::Change AlarmBook::update(const QList<Alarm>& current)
{
    Change change;
    {
        std::lock_guard lock(m_mutex);
        QHash<QString, Alarm> before;
        for (const Alarm& a : std::as_const(m_active))
            before.insert(a.identity(), a);
        QList<Alarm> next;
        bool textOnly = false;
        for (Alarm a : current) {
            const auto it = before.constFind(a.identity());
            if (it == before.cend()) {
                change.raised.append(a);
            } else {
                a.sinceMs = std::min(a.sinceMs, it->sinceMs);
                if (a.severity != it->severity)
                    change.raised.append(a);
                else if (a.text != it->text)
                    textOnly = true;
                before.remove(a.identity());
            }
            next.append(a);
        }
        change.cleared = before.values();
        std::stable_sort(next.begin(), next.end(), [](const Alarm& x, const Alarm& y) {
            if (x.severity != y.severity)
                return x.severity == Alarm::Severity::Fail;
            return x.sinceMs < y.sinceMs;
        });
        m_active = next;
        if (!change.any() && !textOnly)
            return change;
    }
    Q_EMIT changed();
    return change;
}

QList<Alarm> AlarmBook::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_active;
}

void AlarmBook::setNodeSource(const QString& nodeKey, const QString& source)
{
    std::lock_guard lock(m_mutex);
    m_nodeSources.insert(nodeKey, source);
}

QHash<QString, QString> AlarmBook::nodeSources() const
{
    std::lock_guard lock(m_mutex);
    return m_nodeSources;
}

QList<Alarm> AlarmBook::forNode(const QString& nodeKey) const
{
    std::lock_guard lock(m_mutex);
    const QString source = m_nodeSources.value(nodeKey);
    QList<Alarm> out;
    for (const Alarm& a : m_active) {
        if (a.subject == nodeKey || (!source.isEmpty() && a.subject == source))
            out.append(a);
    }
    return out;
}

QList<Alarm> AlarmBook::stationAlarms() const
{
    std::lock_guard lock(m_mutex);
    QList<Alarm> out;
    for (const Alarm& a : m_active) {
        if (a.subject == QLatin1String("store") || a.subject.startsWith(QLatin1String("sink:")))
            out.append(a);
    }
    return out;
}

} // namespace fs
