// Uploader: the queue's state machine (B.4 of the protocol note, with its bugs fixed).
#include "Uploader.h"

#include "BatchFiles.h"
#include "LegacyBatches.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QDateTime>
#include <QFile>
#include <QMetaMethod>
#include <QScopeGuard>
#include <QThread>

namespace fs {

namespace {

constexpr qint64 kTicketMarginMs = 30'000; // do not start an SCP a few seconds before the ticket ends

} // namespace

Uploader::Uploader(Recorder& recorder, QString storePath, Options options,
                   std::unique_ptr<UploadTransport> transport, QObject* parent)
    : QObject(parent), m_recorder(recorder), m_storePath(std::move(storePath)), m_opt(std::move(options)),
      m_pending(m_opt.pendingDir), m_transport(std::move(transport))
{
    m_opt.builder.pendingDir = m_opt.pendingDir;
    if (m_transport)
        m_transport->setStopToken(&m_stop);
    redact::addSecret(m_opt.builder.key); // it is in every source ref and is the SSH user
}

Uploader::~Uploader() = default;

void Uploader::start()
{
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &Uploader::tick);
    m_timer->start(std::max(1, m_opt.tickS) * 1000);
    if (Status s = recover(); !s) {
        qCCritical(lcGascloud).noquote() << "not uploading:" << s.error();
        m_timer->stop();
        return;
    }
    publish();
    QTimer::singleShot(0, this, &Uploader::tick);
}

void Uploader::stop()
{
    m_stop.request();
    if (QThread::currentThread() == thread()) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_timer)
                m_timer->stop();
        },
        Qt::QueuedConnection);
}

void Uploader::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool build = now - m_lastBuildMs >= qint64(m_opt.uploadIntervalS) * 1000;
    for (const QString& problem : runCycle(now, build))
        qCWarning(lcGascloud).noquote() << problem;
}

Status Uploader::recover()
{
    if (Status s = m_pending.take(); !s)
        return s;
    if (Status s = checkApiScheme(m_opt.api, m_opt.allowInsecureHttp); !s)
        return s;
    m_ready = true;
    if (!m_builder) {
        m_builder = std::make_unique<BatchBuilder>(m_recorder, m_storePath, m_opt.builder);
        m_builder->setStopToken(&m_stop);
    }
    if (Status s = m_builder->recover(); !s)
        return s;
    QList<UploadBatch> reset; // told after the job: signals leave from this thread, not the writer's
    const Status recovered = m_recorder.run([&](Store& store) -> Status {
        auto all = batches::all(store);
        if (!all)
            return Error{all.error()};
        QSet<QString> knownIds, knownRefs;
        for (UploadBatch& b : all.value()) {
            knownIds.insert(b.batchId);
            knownRefs.insert(b.sourceRef);
            // Live states do not survive a restart: go back to the last recorded step.
            if (b.state == UploadBatch::State::Requesting || b.state == UploadBatch::State::Uploading) {
                b.state = b.batchId.isEmpty() ? UploadBatch::State::Pending : UploadBatch::State::Ticketed;
                if (Status s = batches::save(store, b); !s)
                    return s;
                reset.append(b);
            }
        }
        return legacy::adoptInto(store, m_opt.pendingDir, m_opt.builder.gadgetId, knownIds, knownRefs,
                                 QDateTime::currentMSecsSinceEpoch());
    });
    for (const UploadBatch& b : std::as_const(reset))
        Q_EMIT batchChanged(b);
    return recovered;
}

QStringList Uploader::runCycle(qint64 nowMs, bool build)
{
    // GascloudApi and the SCP wait in nested event loops, where this thread's timer can fire: a
    // second pass would work on copies of batches the first is changing.
    if (m_inCycle) {
        qCDebug(lcGascloud) << "a pass is still running; this tick is skipped";
        return {};
    }
    m_inCycle = true;
    const auto done = qScopeGuard([this] {
        m_inCycle = false;
        if (!m_asked.isEmpty())
            QTimer::singleShot(0, this, &Uploader::runAsked);
    });
    QStringList problems;
    for (const QString& p : cycle(nowMs, build))
        problems << shortenBatchIds(p);
    return problems;
}

QStringList Uploader::cycle(qint64 nowMs, bool build)
{
    if (!m_ready)
        return {QStringLiteral("the upload queue was not taken (recover() failed or was not called)")};
    if (m_stop.requested())
        return {};
    if (!m_api) {
        m_api = std::make_unique<GascloudApi>(m_opt.api, m_opt.requestTimeoutS, m_opt.allowInsecureHttp);
        m_api->setStopToken(&m_stop);
    }
    if (!m_builder) {
        m_builder = std::make_unique<BatchBuilder>(m_recorder, m_storePath, m_opt.builder);
        m_builder->setStopToken(&m_stop);
    }
    QStringList problems;
    if (build) {
        m_lastBuildMs = nowMs;
        // A backlog (after an outage) becomes as many batches as it needs, max_rows_per_batch each.
        for (int i = 0; i < 1000 && !m_stop.requested(); ++i) {
            auto built = m_builder->buildNext(nowMs);
            if (!built && !m_stop.requested())
                problems << redact::apply(built.error());
            if (!built || !built->has_value())
                break;
            Q_EMIT batchChanged(**built);
            publish();
        }
    }
    QList<UploadBatch> open;
    m_recorder.run([&](Store& store) -> Status {
        auto r = batches::open(store);
        if (r)
            open = r.value();
        return Status();
    });
    for (UploadBatch& b : open) {
        if (m_stop.requested())
            break;
        const QString problem = process(b, nowMs);
        if (!problem.isEmpty())
            problems << redact::apply(QStringLiteral("batch %1: %2").arg(b.id).arg(problem));
    }
    return problems;
}

QString Uploader::process(UploadBatch& b, qint64 nowMs)
{
    if (b.nextAttemptMs > nowMs)
        return {};
    m_attemptsBefore = b.attempts;
    if (b.state == UploadBatch::State::Pending) {
        if (QString e = requestTicket(b, nowMs); !e.isEmpty())
            return e;
    }
    if (b.state == UploadBatch::State::Ticketed) {
        if (QString e = upload(b, nowMs); !e.isEmpty())
            return e;
    }
    if (b.state == UploadBatch::State::AwaitingStatus)
        return checkStatus(b, nowMs);
    return {};
}

QString Uploader::requestTicket(UploadBatch& b, qint64 nowMs)
{
    const auto payload = batchfiles::readPayload(m_pending.path(b.sourceRef, ".yaml"));
    if (!payload) {
        backOff(b, nowMs, payload.error());
        return payload.error();
    }
    b.state = UploadBatch::State::Requesting;
    ++b.attempts;
    save(b, nowMs);
    publish();
    const QString key = m_opt.builder.key;
    auto ticket = m_api->requestQuarantine(key, payload.value());
    if (!ticket) {
        b.state = UploadBatch::State::Pending;
        if (m_stop.requested())
            return interrupted(b, nowMs);
        backOff(b, nowMs, ticket.error());
        return ticket.error();
    }
    // Record the ticket first, then rename: after a crash in between, the record tells which name to expect.
    b.batchId = ticket->batchId;
    b.ticketDomain = ticket->domain;
    b.ticketPort = ticket->port;
    b.ticketDestination = ticket->destination;
    b.ticketExpiresMs = ticket->expiresMs;
    b.state = UploadBatch::State::Ticketed;
    save(b, nowMs);
    crashPoint("ticket-recorded");
    if (Status s = m_pending.renameFiles(b.sourceRef, b.batchId); !s) {
        backOff(b, nowMs, s.error());
        return s.error();
    }
    crashPoint("renamed-to-batchid");
    qCInfo(lcGascloud).noquote() << "batch" << b.id << "has ticket" << shownBatchId(b.batchId) << "for"
                                 << b.ticketDomain << b.ticketPort;
    return {};
}

QString Uploader::upload(UploadBatch& b, qint64 nowMs)
{
    // After a crash the pair may still carry the source ref.
    if (!QFile::exists(m_pending.path(b.batchId, ".zip")) &&
        QFile::exists(m_pending.path(b.sourceRef, ".zip"))) {
        if (Status s = m_pending.renameFiles(b.sourceRef, b.batchId); !s)
            return s.error();
    }
    if (nowMs > b.ticketExpiresMs - kTicketMarginMs) {
        // The ticket ran out. If the zip got there before (a crash after the SCP), do not send it again.
        auto status = m_api->uploadStatus(m_opt.builder.key, b.batchId);
        if (!status && m_stop.requested())
            return {}; // unchanged: looked at again at the next start
        if (status &&
            (status.value() == QLatin1String("Unprocessed") || status.value() == QLatin1String("Processed") ||
             status.value() == QLatin1String("Rejected"))) {
            b.state = UploadBatch::State::AwaitingStatus;
            save(b, nowMs);
            return {};
        }
        qCInfo(lcGascloud).noquote() << "ticket" << shownBatchId(b.batchId) << "of batch" << b.id
                                     << "expired; asking for a new one";
        if (Status s = m_pending.renameFiles(b.batchId, b.sourceRef); !s)
            return s.error();
        b.batchId.clear();
        b.state = UploadBatch::State::Pending;
        save(b, nowMs);
        return requestTicket(b, nowMs).isEmpty() ? upload(b, nowMs) : b.lastError;
    }
    QString suffix = m_opt.destinationSuffix;
    suffix.replace(QLatin1String("{key}"), m_opt.builder.key);
    QString dir = b.ticketDestination;
    if (!dir.endsWith(QLatin1Char('/')))
        dir += QLatin1Char('/');
    dir += suffix;
    if (!dir.endsWith(QLatin1Char('/')))
        dir += QLatin1Char('/');
    const UploadTarget target{b.ticketDomain, b.ticketPort, m_opt.builder.key, b.batchId, dir};
    b.state = UploadBatch::State::Uploading;
    b.bytesSent = 0;
    save(b, nowMs);
    publish();
    qint64 lastReport = 0;
    const Status s = m_transport->upload(m_pending.path(b.batchId, ".zip"),
                                         b.batchId + QStringLiteral(".zip"), target, [&](qint64 sent) {
                                             if (sent - lastReport >= 256 * 1024 || sent == b.zipSize) {
                                                 lastReport = sent;
                                                 Q_EMIT progress(b.id, sent, b.zipSize);
                                             }
                                         });
    if (!s) {
        // Back to the source ref: the next attempt asks for a fresh ticket (the contract).
        m_pending.renameFiles(b.batchId, b.sourceRef);
        b.batchId.clear();
        b.state = UploadBatch::State::Pending;
        if (m_stop.requested())
            return interrupted(b, nowMs);
        backOff(b, nowMs, s.error());
        return s.error();
    }
    crashPoint("scp-done");
    b.bytesSent = b.zipSize;
    b.state = UploadBatch::State::AwaitingStatus;
    b.lastError.clear();
    save(b, nowMs);
    crashPoint("awaiting-status");
    publish();
    qCInfo(lcGascloud).noquote() << "batch" << b.id << "sent as" << shownBatchId(b.batchId) << "("
                                 << b.zipSize << "bytes)";
    return {};
}

QString Uploader::checkStatus(UploadBatch& b, qint64 nowMs)
{
    auto status = m_api->uploadStatus(m_opt.builder.key, b.batchId);
    if (!status && m_stop.requested())
        return {}; // unchanged: asked again at the next start
    if (!status) {
        b.lastError = shortenBatchIds(status.error());
        b.nextAttemptMs = nowMs + qint64(m_opt.tickS) * 1000;
        save(b, nowMs);
        return status.error();
    }
    const QString st = status.value();
    if (st == QLatin1String("Unprocessed") || st == QLatin1String("Processed")) {
        if (Status s = m_pending.finish(b.batchId, m_opt.deleteBatchOnUpload ? QString() : m_opt.uploadedDir);
            !s)
            return s.error();
        b.state = UploadBatch::State::Uploaded;
        b.lastError.clear();
        save(b, nowMs);
        publish();
        qCInfo(lcGascloud).noquote() << "batch" << b.id << "(" << shownBatchId(b.batchId) << ") is" << st;
        return {};
    }
    if (st == QLatin1String("Rejected")) {
        if (Status s = m_pending.finish(b.batchId, m_opt.rejectedDir); !s)
            return s.error();
        b.state = UploadBatch::State::Rejected;
        b.lastError = QStringLiteral("rejected by gascloud; the files are in %1").arg(m_opt.rejectedDir);
        save(b, nowMs);
        publish();
        qCCritical(lcGascloud).noquote()
            << "batch" << b.id << "(" << shownBatchId(b.batchId) << ") was REJECTED;" << b.lastError;
        return b.lastError;
    }
    // Anything else: not decided yet; look again on a later tick.
    b.lastError = QStringLiteral("status \"%1\"; checking again later").arg(st);
    b.nextAttemptMs = nowMs + qint64(m_opt.tickS) * 1000;
    save(b, nowMs);
    return {};
}

void Uploader::backOff(UploadBatch& b, qint64 nowMs, const QString& error)
{
    const int exponent = std::clamp(b.attempts - 1, 0, 20);
    const qint64 delayS = std::min<qint64>(qint64(m_opt.retryMinS) << exponent, m_opt.retryMaxS);
    b.lastError = shortenBatchIds(redact::apply(error));
    b.nextAttemptMs = nowMs + delayS * 1000;
    save(b, nowMs);
    publish();
    qCWarning(lcGascloud).noquote() << "batch" << b.id << ":" << b.lastError << "- retrying in" << delayS
                                    << "s";
}

QString Uploader::interrupted(UploadBatch& b, qint64 nowMs)
{
    b.attempts = m_attemptsBefore;
    save(b, nowMs);
    publish();
    qCInfo(lcGascloud).noquote() << "batch" << b.id << "was cut short by stop; it is sent at the next start";
    return {};
}

Status Uploader::save(UploadBatch& b, qint64 nowMs)
{
    b.updatedMs = nowMs;
    Status s = m_recorder.run([&](Store& store) { return batches::save(store, b); });
    if (!s)
        qCCritical(lcGascloud) << "cannot record batch" << b.id << ":" << s.error();
    else
        Q_EMIT batchChanged(b);
    return s;
}

QList<UploadBatch> Uploader::snapshot()
{
    QList<UploadBatch> out;
    m_recorder.run([&](Store& store) -> Status {
        auto r = batches::recent(store, 200);
        if (r)
            out = r.value();
        return Status();
    });
    return out;
}

void Uploader::publish()
{
    // The snapshot reads every open batch: thousands after an outage. Only read it for a listener.
    if (!isSignalConnected(QMetaMethod::fromSignal(&Uploader::queueChanged)))
        return;
    Q_EMIT queueChanged(snapshot());
}

} // namespace fs
