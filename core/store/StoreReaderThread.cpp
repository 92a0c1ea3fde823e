// StoreReaderThread: one worker object in a thread of its own; the store opened there on demand.
#include "StoreReaderThread.h"

#include "Store.h"

namespace fs {

StoreReaderThread::StoreReaderThread(QString storePath, const QString& threadName)
    : m_path(std::move(storePath)), m_worker(new QObject)
{
    m_thread.setObjectName(threadName);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StoreReaderThread::~StoreReaderThread()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StoreReaderThread::post(std::function<void(Store*, const QString&)> job)
{
    QMetaObject::invokeMethod(m_worker, [this, job = std::move(job)] {
        if (!m_store) {
            auto opened = Store::open(m_path, Store::Mode::ReadOnly);
            if (!opened) {
                job(nullptr, opened.error());
                return;
            }
            m_store = std::move(opened).value();
        }
        job(m_store.get(), QString());
    });
}

} // namespace fs
