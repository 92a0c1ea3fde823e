// BackgroundJob: one job at a time on a thread of its own, its result handed back in the owner's
// thread, so a view model never blocks the screen and never runs the same job twice at once.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <memory>

namespace fs {

class BackgroundJob
{
public:
    BackgroundJob() = default;
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;
    ~BackgroundJob() { wait(); }

    /// True from start() until `done` has run.
    bool busy() const { return m_busy; }

    /// Runs `work()` on a new thread, then `done(result)` in `owner`'s thread (queued). Refused
    /// (false) while a job is busy. `owner` must own this BackgroundJob.
    template <class Work, class Done>
    bool start(QObject* owner, Work work, Done done)
    {
        if (m_busy)
            return false;
        m_busy = true;
        wait();
        m_thread.reset(QThread::create([this, owner, work, done]() mutable {
            auto result = work();
            QMetaObject::invokeMethod(
                owner,
                [this, done, result]() mutable {
                    m_busy = false;
                    done(result);
                },
                Qt::QueuedConnection);
        }));
        m_thread->setObjectName(QStringLiteral("view-job"));
        m_thread->start();
        return true;
    }

    /// Waits for the thread (the owner's destructor does, through this one's).
    void wait()
    {
        if (m_thread)
            m_thread->wait();
    }

private:
    std::unique_ptr<QThread> m_thread;
    bool m_busy = false;
};

} // namespace fs
