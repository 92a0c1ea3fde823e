// StoreReaderThread: a thread of its own with a read-only connection to the store, opened by the
// first job and closed in that thread. The screen's readers (charts, the upload queue) run on one.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace fs {

class Store;

class StoreReaderThread
{
public:
    /// The store at `storePath` must exist (the Recorder creates it). `threadName` names the thread.
    StoreReaderThread(QString storePath, const QString& threadName);
    /// Waits for a job in progress, closes the connection in its thread, ends the thread.
    ~StoreReaderThread();
    StoreReaderThread(const StoreReaderThread&) = delete;
    StoreReaderThread& operator=(const StoreReaderThread&) = delete;

    const QString& storePath() const { return m_path; }
    /// A new ticket for a request (1, 2, …; any thread).
    quint64 nextTicket() { return m_nextTicket.fetch_add(1); }
    /// Whether `ticket` was handed out already.
    bool issued(quint64 ticket) const { return ticket != 0 && ticket < m_nextTicket.load(); }

    /// Any thread; returns at once. `job(store, error)` runs in the reader's thread, jobs in the
    /// order posted; `store` is null and `error` says why when the store cannot be opened.
    void post(std::function<void(Store* store, const QString& error)> job);

private:
    const QString m_path;
    QThread m_thread;
    QObject* m_worker;              // lives in m_thread: the context the jobs run in
    std::unique_ptr<Store> m_store; // opened, used and closed in m_thread only
    std::atomic<quint64> m_nextTicket{1};
};

} // namespace fs
