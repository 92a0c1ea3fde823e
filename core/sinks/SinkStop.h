// SinkStop: how a sink's stop reaches every wait of its worker: a flag checked between chunks, and
// aborts registered by whatever blocks on the network (a relay, a tunnel) that end the wait at once.
#pragma once

#include <QtGlobal>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>

namespace fs {

class SinkStop
{
public:
    /// Unregisters its abort on destruction; once destroyed, the abort is not running and never will.
    class Registration
    {
    public:
        Registration() = default;
        Registration(SinkStop* stop, int id) : m_stop(stop), m_id(id) {}
        Registration(Registration&& o) noexcept : m_stop(o.m_stop), m_id(o.m_id) { o.m_stop = nullptr; }
        Registration& operator=(Registration&& o) noexcept;
        Registration(const Registration&) = delete;
        Registration& operator=(const Registration&) = delete;
        ~Registration() { release(); }
        void release();

    private:
        SinkStop* m_stop = nullptr;
        int m_id = 0;
    };

    bool requested() const { return m_requested.load(); }
    /// Any thread: sets the flag, runs every registered abort (they must not block), wakes waiters.
    void request();
    /// Clears the flag for the next start.
    void reset();
    /// Sleeps up to `ms`, until stop is requested or until wake(); true when stop was requested.
    bool waitFor(qint64 ms);
    /// Any thread: ends a waitFor() under way without asking for a stop (someone wants a pass now).
    void wake();
    /// `abort` runs on the stopping thread when stop is requested; at once if it already was.
    [[nodiscard]] Registration onStop(std::function<void()> abort);

private:
    void unregister(int id);

    std::atomic<bool> m_requested{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<int, std::function<void()>> m_aborts;
    int m_next = 1;
    quint64 m_wakes = 0; // counts wake() calls, so a waiter can tell a wake from a spurious return
};

} // namespace fs
