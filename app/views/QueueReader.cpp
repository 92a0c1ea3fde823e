// QueueReader: the HistoryReader pattern (a worker object in a thread of its own) for the batches table.
#include "QueueReader.h"

#include "store/Store.h"

namespace fs {

QueueReader::QueueReader(QString storePath, QObject* parent)
    : QObject(parent), m_path(std::move(storePath)), m_worker(new QObject)
{
    qRegisterMetaType<QueuePage>();
    m_thread.setObjectName(QStringLiteral("queue-reader"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

QueueReader::~QueueReader()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint64 QueueReader::request(const QueueRequest& request)
{
    const quint64 ticket = m_nextTicket.fetch_add(1);
    QMetaObject::invokeMethod(m_worker, [this, ticket, request] { Q_EMIT loaded(ticket, read(request)); });
    return ticket;
}

QueuePage QueueReader::read(const QueueRequest& request)
{
    QueuePage page;
    page.request = request;
    if (!m_store) {
        auto opened = Store::open(m_path, Store::Mode::ReadOnly);
        if (!opened) {
            page.error = opened.error();
            return page;
        }
        m_store = std::move(opened).value();
    }
    if (request.counts) {
        auto counts = batches::counts(*m_store);
        if (!counts) {
            page.error = counts.error();
            return page;
        }
        page.counts = counts.value();
    }
    auto rows = batches::page(*m_store, request.filter, request.beforeId, request.limit);
    if (!rows)
        page.error = QStringLiteral("%1: reading the batches: %2").arg(m_path, rows.error());
    else
        page.batches = rows.value();
    return page;
}

} // namespace fs
