// Source: the shared bookkeeping of health, identity and declared nodes.
#include "Source.h"

namespace fs {

Source::Source(QString id, QString type, QString name, SampleSink* sink, QObject* parent)
    : QObject(parent), m_id(std::move(id)), m_type(std::move(type)), m_name(std::move(name)), m_sink(sink)
{}

Source::Health Source::health() const
{
    std::lock_guard lock(m_mutex);
    return m_health;
}

QString Source::healthDetail() const
{
    std::lock_guard lock(m_mutex);
    return m_detail;
}

QString Source::deviceInfo() const
{
    std::lock_guard lock(m_mutex);
    return m_info;
}

QList<NodeSpec> Source::nodes() const
{
    std::lock_guard lock(m_mutex);
    return m_nodes;
}

void Source::setHealth(Health health, const QString& detail)
{
    {
        std::lock_guard lock(m_mutex);
        if (health == m_health && detail == m_detail)
            return;
        m_health = health;
        m_detail = detail;
    }
    Q_EMIT healthChanged(health, detail);
}

void Source::setDeviceInfo(const QString& info)
{
    {
        std::lock_guard lock(m_mutex);
        if (info == m_info)
            return;
        m_info = info;
    }
    Q_EMIT deviceInfoChanged(info);
}

Result<NodeChannels> Source::declareNode(NodeSpec spec)
{
    spec.source = m_id;
    Result<NodeChannels> ids = m_sink ? m_sink->registerNode(spec) : Result<NodeChannels>(NodeChannels{});
    if (!ids)
        return ids;
    {
        std::lock_guard lock(m_mutex);
        auto same = [&](const NodeSpec& n) { return n.key == spec.key; };
        m_nodes.erase(std::remove_if(m_nodes.begin(), m_nodes.end(), same), m_nodes.end());
        m_nodes.append(spec);
    }
    Q_EMIT nodeDeclared(spec);
    return ids;
}

} // namespace fs
