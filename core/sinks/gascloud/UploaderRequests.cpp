// Uploader's requests from a person on the screen: "upload now" and "retry" for one batch, each
// recorded like any other step and followed by a pass, never in the middle of one.
#include "BatchPages.h"
#include "GascloudApi.h"
#include "Uploader.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QDateTime>
#include <QTimer>
#include <utility>

namespace fs {

void Uploader::uploadNow(qint64 id)
{
    ask(Ask::UploadNow, id);
}

void Uploader::retry(qint64 id)
{
    ask(Ask::Retry, id);
}

void Uploader::ask(Ask what, qint64 id)
{
    // A pass works on copies of the open batches: a change made now would be overwritten by it.
    if (m_inCycle) {
        m_asked.append({what, id});
        return;
    }
    std::optional<UploadBatch> found = load(id);
    if (!found) {
        qCInfo(lcGascloud) << "batch" << id << "is not in the queue"; // gone since the screen showed it
        return;
    }
    UploadBatch& b = *found;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (what == Ask::UploadNow) {
        if (!batches::matches(batches::Filter::Pending, b.state)) {
            qCInfo(lcGascloud).noquote()
                << "batch" << id << "is" << toString(b.state) << "- nothing to upload";
            return;
        }
        b.nextAttemptMs = 0;
        save(b, now);
        qCInfo(lcGascloud) << "batch" << id << "is attempted now, on request";
        passNow();
        return;
    }
    if (b.state != UploadBatch::State::Rejected) {
        qCInfo(lcGascloud).noquote() << "batch" << id << "is" << toString(b.state)
                                     << "- only a rejected batch is retried";
        return;
    }
    // Files first, then the record: after a crash in between the batch still reads rejected, and a
    // second retry passes over the files already back.
    if (Status s = m_pending.bringBack(m_opt.rejectedDir, b.batchId, b.sourceRef); !s) {
        // A batch id in a path is still a password where its ticket lasts: shortened, as everywhere.
        const QString why = shortenBatchIds(redact::apply(s.error()));
        b.lastError = QStringLiteral("retry: %1").arg(why);
        save(b, now);
        qCWarning(lcGascloud).noquote() << "batch" << id << "cannot be retried:" << why;
        return;
    }
    b.state = UploadBatch::State::Pending;
    b.batchId.clear();
    b.ticketDomain.clear();
    b.ticketPort = 0;
    b.ticketDestination.clear();
    b.ticketExpiresMs = 0;
    b.attempts = 0;
    b.bytesSent = 0;
    b.nextAttemptMs = 0;
    b.lastError.clear();
    save(b, now);
    publish();
    qCInfo(lcGascloud) << "rejected batch" << id << "is back in the queue, on request";
    passNow();
}

void Uploader::runAsked()
{
    const auto asked = std::exchange(m_asked, {});
    for (const auto& [what, id] : asked)
        ask(what, id);
}

std::optional<UploadBatch> Uploader::load(qint64 id)
{
    std::optional<UploadBatch> out;
    const Status s = m_recorder.run([&](Store& store) -> Status {
        auto r = batches::byId(store, id);
        if (!r)
            return Error{r.error()};
        out = r.value();
        return Status();
    });
    if (!s)
        qCWarning(lcGascloud).noquote() << "reading batch" << id << ":" << s.error();
    return out;
}

void Uploader::passNow()
{
    for (const QString& problem : runCycle(QDateTime::currentMSecsSinceEpoch(), false))
        qCWarning(lcGascloud).noquote() << problem;
}

} // namespace fs
