// SinkStop: aborts run under the mutex, so unregistering waits for a running abort to finish; that
// is what lets the owner of a socket close it safely after its Registration is gone.
#include "SinkStop.h"

#include <chrono>

namespace fs {

SinkStop::Registration& SinkStop::Registration::operator=(Registration&& o) noexcept
{
    if (this != &o) {
        release();
        m_stop = o.m_stop;
        m_id = o.m_id;
        o.m_stop = nullptr;
    }
    return *this;
}

void SinkStop::Registration::release()
{
    if (m_stop)
        m_stop->unregister(m_id);
    m_stop = nullptr;
}

void SinkStop::request()
{
    std::lock_guard lock(m_mutex);
    m_requested = true;
    for (auto& [id, abort] : m_aborts)
        abort();
    m_wake.notify_all();
}

void SinkStop::reset()
{
    std::lock_guard lock(m_mutex);
    m_requested = false;
}

bool SinkStop::waitFor(qint64 ms)
{
    std::unique_lock lock(m_mutex);
    const quint64 wakes = m_wakes;
    m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(0, ms)),
                    [this, wakes] { return m_requested.load() || m_wakes != wakes; });
    return m_requested.load();
}

void SinkStop::wake()
{
    std::lock_guard lock(m_mutex);
    ++m_wakes;
    m_wake.notify_all();
}

SinkStop::Registration SinkStop::onStop(std::function<void()> abort)
{
    std::lock_guard lock(m_mutex);
    if (m_requested)
        abort();
    const int id = m_next++;
    m_aborts.emplace(id, std::move(abort));
    return Registration(this, id);
}

void SinkStop::unregister(int id)
{
    std::lock_guard lock(m_mutex);
    m_aborts.erase(id);
}

} // namespace fs
