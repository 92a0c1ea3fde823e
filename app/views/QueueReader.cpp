// QueueReader: pages and counts of the batches table, read on a StoreReaderThread.
#include "QueueReader.h"

#include "store/Store.h"

namespace fs {

QueueReader::QueueReader(QString storePath, QObject* parent)
    : QObject(parent), m_reader(std::move(storePath), QStringLiteral("queue-reader"))
{
    qRegisterMetaType<QueuePage>();
}

QueueReader::~QueueReader() = default;

quint64 QueueReader::request(const QueueRequest& request)
{
    const quint64 ticket = m_reader.nextTicket();
    m_reader.post([this, ticket, request](Store* store, const QString& error) {
        if (store) {
            Q_EMIT loaded(ticket, read(*store, request));
            return;
        }
        QueuePage page;
        page.request = request;
        page.error = error;
        Q_EMIT loaded(ticket, page);
    });
    return ticket;
}

QueuePage QueueReader::read(Store& store, const QueueRequest& request) const
{
    QueuePage page;
    page.request = request;
    if (request.counts) {
        auto counts = batches::counts(store);
        if (!counts) {
            page.error = counts.error();
            return page;
        }
        page.counts = counts.value();
    }
    auto rows = batches::page(store, request.filter, request.beforeId, request.limit);
    if (!rows)
        page.error = QStringLiteral("%1: reading the batches: %2").arg(m_reader.storePath(), rows.error());
    else
        page.batches = rows.value();
    return page;
}

} // namespace fs
