// LiveTap: forwarding first, so the screen never shows a value the store was not given.
#include "LiveTap.h"

#include "Source.h"

#include <cmath>

namespace fs {

LiveTap::LiveTap(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<Sample>();
    qRegisterMetaType<QList<Sample>>();
    qRegisterMetaType<NodeSpec>();
    qRegisterMetaType<NodeChannels>();
    qRegisterMetaType<NodeState>();
}

void LiveTap::submit(std::span<const Sample> samples)
{
    m_next->submit(samples);
    QList<Sample> finite;
    finite.reserve(qsizetype(samples.size()));
    for (const Sample& s : samples) {
        if (std::isfinite(s.value))
            finite.append(s);
    }
    if (!finite.isEmpty())
        Q_EMIT this->samples(finite);
}

void LiveTap::submitState(const NodeState& state)
{
    m_next->submitState(state);
    Q_EMIT stateChanged(state);
}

Result<NodeChannels> LiveTap::registerNode(const NodeSpec& spec)
{
    Result<NodeChannels> ids = m_next->registerNode(spec);
    if (ids)
        Q_EMIT nodeRegistered(spec, ids.value());
    return ids;
}

} // namespace fs
