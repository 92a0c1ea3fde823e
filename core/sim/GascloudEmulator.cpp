// GascloudEmulator: QtHttpServer routes; every request and every received file is logged (fs.sim),
// with MD5, rows and duplicates, so a run can show that nothing was lost or sent twice. Batch ids
// are the SCP password for ten minutes: info lines show them shortened.
#include "GascloudEmulator.h"

#include "GascloudInbox.h"
#include "sinks/gascloud/BatchFiles.h"
#include "sinks/gascloud/GascloudApi.h"
#include "util/Logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace fs {

namespace {

using Http = QHttpServerResponder::StatusCode;

void reply(QHttpServerResponder& resp, const QJsonObject& body, Http status = Http::Ok)
{
    resp.write(QJsonDocument(body), status);
}

QUrlQuery formOf(const QByteArray& raw)
{
    QByteArray body = raw;
    body.replace('+', ' ');
    return QUrlQuery(QString::fromUtf8(body));
}

QString field(const QUrlQuery& q, const char* name)
{
    return q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

} // namespace

GascloudEmulator::GascloudEmulator(Options options, QObject* parent)
    : QObject(parent), m_opt(std::move(options)), m_server(new QHttpServer(this))
{
    m_server->route(QStringLiteral("/api/v1/activate/"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        serve(QStringLiteral("POST /activate/"), req, std::move(resp),
                              [this](const Request& r, QHttpServerResponder& o) { onActivate(r, o); });
                    });
    m_server->route(QStringLiteral("/api/v1/quarantine_request/"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        serve(QStringLiteral("POST /quarantine_request/"), req, std::move(resp),
                              [this](const Request& r, QHttpServerResponder& o) { onQuarantine(r, o); });
                    });
    m_server->route(QStringLiteral("/api/v1/upload_status/<arg>/"), QHttpServerRequest::Method::Get,
                    [this](const QString& id, const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        serve(QStringLiteral("GET /upload_status/"), req, std::move(resp),
                              [this, id](const Request& r, QHttpServerResponder& o) { onStatus(id, r, o); });
                    });
}

GascloudEmulator::~GascloudEmulator() = default;

Result<quint16> GascloudEmulator::listen(const QHostAddress& address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return Error{
            QStringLiteral("gascloud emulator: cannot listen on %1:%2").arg(address.toString()).arg(port)};
    m_apiUrl = QStringLiteral("http://%1:%2/api/v1").arg(address.toString()).arg(bound);
    qCInfo(lcSim).noquote() << "gascloud emulator on" << m_apiUrl << (m_opt.strict ? "(strict)" : "(lenient)")
                            << "- accepted PINs:" << m_opt.pins.keys().join(QStringLiteral(", "))
                            << "- SCP to" << m_opt.scpHost << m_opt.scpPort << "into" << m_opt.inboxRoot;
    return bound;
}

void GascloudEmulator::injectFault(Fault fault, int times)
{
    m_faults[fault] += times;
}

void GascloudEmulator::warn(const QString& text)
{
    m_warnings << text;
    qCWarning(lcSim).noquote() << "LENIENT:" << text;
}

void GascloudEmulator::serve(const QString& what, const QHttpServerRequest& req, QHttpServerResponder&& resp,
                             std::function<void(const Request&, QHttpServerResponder&)> handler)
{
    m_maxInFlight = std::max(m_maxInFlight, ++m_inFlight);
    if (injected(resp, what)) {
        --m_inFlight;
        return;
    }
    Request copy{req.body(), req.value("Authorization")};
    if (m_faults.value(Fault::SlowAnswer) > 0) {
        --m_faults[Fault::SlowAnswer];
        qCInfo(lcSim).noquote() << what << "- answering in" << m_opt.slowAnswerMs << "ms (injected)";
        auto held = std::make_shared<QHttpServerResponder>(std::move(resp));
        QTimer::singleShot(m_opt.slowAnswerMs, this, [this, held, copy, handler] {
            handler(copy, *held);
            --m_inFlight;
        });
        return;
    }
    handler(copy, resp);
    --m_inFlight;
}

bool GascloudEmulator::injected(QHttpServerResponder& resp, const QString& what)
{
    if (m_faults.value(Fault::ServerError) > 0) {
        --m_faults[Fault::ServerError];
        qCInfo(lcSim).noquote() << what << "-> 500 (injected)";
        reply(resp, {{QStringLiteral("detail"), QStringLiteral("internal error (injected)")}},
              Http::InternalServerError);
        return true;
    }
    if (m_faults.value(Fault::Timeout) > 0) {
        --m_faults[Fault::Timeout];
        qCInfo(lcSim).noquote() << what << "-> no answer (injected)";
        m_stalled.push_back(std::make_unique<QHttpServerResponder>(std::move(resp)));
        return true;
    }
    return false;
}

QString GascloudEmulator::keyOf(const QByteArray& authorization, const QString& formKey, const QString& what)
{
    const QString bearer =
        authorization.startsWith("Bearer ") ? QString::fromUtf8(authorization.mid(7)).trimmed() : QString();
    const QList<QString> keys = m_opt.pins.values();
    if (keys.contains(bearer))
        return bearer;
    // The old client sent the literal text "Bearer {self.device_key}" (an f-string bug) and still
    // worked: the real service must identify the device by the form's key.
    if (!m_opt.strict && !formKey.isEmpty() && keys.contains(formKey)) {
        warn(QStringLiteral("%1: the Authorization header \"%2\" names no key; identified by the key field")
                 .arg(what, QString::fromUtf8(authorization.left(40))));
        return formKey;
    }
    return {};
}

void GascloudEmulator::onActivate(const Request& req, QHttpServerResponder& resp)
{
    const QUrlQuery form = formOf(req.body);
    const QString pin = field(form, "pin");
    if (field(form, "device_id").isEmpty() || pin.isEmpty()) {
        qCInfo(lcSim) << "POST /activate/ -> 400 (device_id and pin are required)";
        return reply(resp, {{QStringLiteral("detail"), QStringLiteral("device_id and pin are required")}},
                     Http::BadRequest);
    }
    if (!m_opt.pins.contains(pin)) {
        qCInfo(lcSim) << "POST /activate/ from" << field(form, "device_id") << "-> 403 (PIN refused)";
        return reply(resp, {{QStringLiteral("detail"), QStringLiteral("Invalid PIN")}}, Http::Forbidden);
    }
    qCInfo(lcSim) << "POST /activate/ from" << field(form, "device_id") << "name" << field(form, "name")
                  << "-> 200";
    reply(resp, {{QStringLiteral("key"), m_opt.pins.value(pin)}});
}

QJsonObject GascloudEmulator::contractErrors(const QUrlQuery& form, const QString& key)
{
    QJsonObject errors;
    const QString ref = field(form, "source_ref");
    const QString what = QStringLiteral("POST /quarantine_request/ %1").arg(ref);
    for (const char* f :
         {"key", "source_ref", "filelist", "batch_type", "batch_mode", "zip_size", "zip_md5"}) {
        if (field(form, f).isEmpty())
            errors.insert(QLatin1String(f), QStringLiteral("required"));
    }
    if (field(form, "gadget_id").isEmpty()) {
        if (m_opt.strict)
            errors.insert(QStringLiteral("gadget_id"), QStringLiteral("required"));
        else
            warn(QStringLiteral("%1: no gadget_id (the readings-era client sent none)").arg(what));
    }
    if (field(form, "key") != key)
        errors.insert(QStringLiteral("key"), QStringLiteral("does not match the Authorization header"));
    if (!QStringList{QStringLiteral("LIVE"), QStringLiteral("TEST"), QStringLiteral("PASS")}.contains(
            field(form, "batch_mode")))
        errors.insert(QStringLiteral("batch_mode"), QStringLiteral("must be LIVE, TEST or PASS"));
    bool sizeOk = false;
    const qint64 size = field(form, "zip_size").toLongLong(&sizeOk);
    if (!sizeOk || size <= 0)
        errors.insert(QStringLiteral("zip_size"), QStringLiteral("must be a positive number of bytes"));
    static const QRegularExpression md5(QStringLiteral("^[0-9a-f]{32}$"));
    if (!md5.match(field(form, "zip_md5")).hasMatch())
        errors.insert(QStringLiteral("zip_md5"), QStringLiteral("must be 32 lowercase hex characters"));
    else if (field(form, "zip_md5") == QLatin1String(batchfiles::kEmptyMd5)) {
        if (m_opt.strict)
            errors.insert(QStringLiteral("zip_md5"),
                          QStringLiteral("must be the MD5 of the zip (not of nothing)"));
        else
            warn(
                QStringLiteral("%1: zip_md5 is the MD5 of nothing (the old client's); the zip is not checked "
                               "against it")
                    .arg(what));
    }
    if (field(form, "filelist") != QStringLiteral("%1.csv,%1.yaml").arg(ref))
        errors.insert(QStringLiteral("filelist"),
                      QStringLiteral("must be <source_ref>.csv,<source_ref>.yaml"));
    return errors;
}

void GascloudEmulator::onQuarantine(const Request& req, QHttpServerResponder& resp)
{
    const QUrlQuery form = formOf(req.body);
    const QString key =
        keyOf(req.authorization, field(form, "key"), QStringLiteral("POST /quarantine_request/"));
    if (key.isEmpty()) {
        qCInfo(lcSim) << "POST /quarantine_request/ -> 401";
        return reply(resp, {{QStringLiteral("detail"), QStringLiteral("unknown gateway key")}},
                     Http::Unauthorized);
    }
    const QJsonObject errors = contractErrors(form, key);
    const QString ref = field(form, "source_ref");
    if (!errors.isEmpty()) {
        qCInfo(lcSim).noquote() << "POST /quarantine_request/" << ref << "-> 400"
                                << QJsonDocument(errors).toJson(QJsonDocument::Compact);
        return reply(resp, {{QStringLiteral("errors"), errors}}, Http::BadRequest);
    }
    Ticket t;
    t.key = key;
    t.sourceRef = ref;
    t.md5 = field(form, "zip_md5");
    t.md5OfNothing = t.md5 == QLatin1String(batchfiles::kEmptyMd5);
    t.size = field(form, "zip_size").toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool expired = m_faults.value(Fault::ExpiredTicket) > 0;
    if (expired)
        --m_faults[Fault::ExpiredTicket];
    t.expiresMs = expired ? now - 1 : now + m_opt.ticketLifetimeMs;
    if (m_faults.value(Fault::RejectNext) > 0) {
        --m_faults[Fault::RejectNext];
        t.reject = true;
    }
    const QString id = QUuid::createUuid().toString(QUuid::Id128);
    m_tickets.insert(id, t);
    // An expired ticket's password is never set: the SCP is refused, as the real host would.
    if (m_opt.onTicket && !expired)
        m_opt.onTicket(key, id);
    if (!m_opt.inboxRoot.isEmpty())
        QDir().mkpath(QDir(m_opt.inboxRoot).filePath(key + QStringLiteral("/inbox")));
    qCInfo(lcSim).noquote() << "POST /quarantine_request/" << ref << "md5" << t.md5 << "->"
                            << shownBatchId(id) << (expired ? "(expired, injected)" : "");
    reply(resp, {{QStringLiteral("batchid"), id},
                 {QStringLiteral("domain"), m_opt.scpHost},
                 {QStringLiteral("port"), m_opt.scpPort},
                 {QStringLiteral("destination"), m_opt.inboxRoot + QLatin1Char('/')}});
}

void GascloudEmulator::onStatus(const QString& id, const Request& req, QHttpServerResponder& resp)
{
    const QString key = keyOf(req.authorization, QString(), QStringLiteral("GET /upload_status/"));
    auto it = m_tickets.find(id);
    if (key.isEmpty() || it == m_tickets.end() || it->key != key) {
        qCInfo(lcSim).noquote() << "GET /upload_status/" << shownBatchId(id) << "-> 404";
        return reply(resp, {{QStringLiteral("detail"), QStringLiteral("Not found")}}, Http::NotFound);
    }
    Ticket& t = *it;
    const QString file = QDir(m_opt.inboxRoot).filePath(QStringLiteral("%1/inbox/%2.zip").arg(t.key, id));
    QString status;
    if (!t.examined && QFile::exists(file)) {
        examine(id, t);
        status = t.result.status;
    } else if (t.examined) {
        status = t.result.status == QLatin1String("Rejected") ? t.result.status : QStringLiteral("Processed");
        t.result.status = status;
    } else {
        status = QDateTime::currentMSecsSinceEpoch() > t.expiresMs ? QStringLiteral("Expired")
                                                                   : QStringLiteral("Awaiting upload");
    }
    ++t.polls;
    qCInfo(lcSim).noquote() << "GET /upload_status/" << shownBatchId(id) << "->" << status;
    reply(resp, {{QStringLiteral("status"), status}});
}

void GascloudEmulator::examine(const QString& id, Ticket& t)
{
    t.examined = true;
    Received& r = t.result;
    r.batchId = id;
    r.sourceRef = t.sourceRef;
    const QString file = QDir(m_opt.inboxRoot).filePath(QStringLiteral("%1/inbox/%2.zip").arg(t.key, id));
    QFile f(file);
    f.open(QIODevice::ReadOnly);
    r.size = f.size();
    QCryptographicHash h(QCryptographicHash::Md5);
    h.addData(&f);
    r.md5 = QString::fromLatin1(h.result().toHex());
    f.close();
    if ((r.md5 != t.md5 && !t.md5OfNothing) || r.size != t.size)
        r.problem = QStringLiteral("MD5 %1 / %2 bytes, the request said %3 / %4")
                        .arg(r.md5)
                        .arg(r.size)
                        .arg(t.md5)
                        .arg(t.size);
    gascloudinbox::CsvCount count;
    if (r.problem.isEmpty()) {
        auto csv = gascloudinbox::csvInZip(file, t.sourceRef);
        if (!csv)
            r.problem = csv.error();
        else
            count = gascloudinbox::countRows(csv.value(), m_opt.strict);
        if (r.problem.isEmpty())
            r.problem = count.problem;
        for (const QString& w : count.warnings)
            warn(QStringLiteral("%1: %2").arg(t.sourceRef, w));
        r.rows = count.rows;
        r.layout = count.layout;
    }
    if (t.reject && r.problem.isEmpty())
        r.problem = QStringLiteral("rejected on request (injected)");
    if (!r.problem.isEmpty()) {
        r.status = QStringLiteral("Rejected");
        qCWarning(lcSim).noquote() << "received" << shownBatchId(id) << "(" << t.sourceRef << ") md5" << r.md5
                                   << "- REJECTED:" << r.problem;
        return;
    }
    for (const QString& ts : count.rowKeys) {
        if (m_seenRows.contains(ts))
            ++r.duplicateRows;
        else
            m_seenRows.insert(ts, id);
    }
    r.status = QStringLiteral("Unprocessed");
    qCInfo(lcSim).noquote() << "received" << shownBatchId(id) << "(" << t.sourceRef << ") md5" << r.md5
                            << r.size << "bytes," << r.rows << "rows (" << r.layout << "layout),"
                            << r.duplicateRows << "already received";
    if (r.duplicateRows > 0)
        qCWarning(lcSim).noquote() << "DUPLICATE:" << r.duplicateRows << "rows of" << shownBatchId(id)
                                   << "came in an earlier batch";
}

QList<GascloudEmulator::Received> GascloudEmulator::received() const
{
    QList<Received> out;
    for (auto it = m_tickets.begin(); it != m_tickets.end(); ++it) {
        if (it->examined)
            out << it->result;
    }
    std::sort(out.begin(), out.end(),
              [](const Received& a, const Received& b) { return a.sourceRef < b.sourceRef; });
    return out;
}

} // namespace fs
