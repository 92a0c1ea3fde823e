// GascloudEmulator: QtHttpServer routes; every request and every received file is logged (fs.sim),
// with MD5, rows and duplicates, so a run can show that nothing was lost or sent twice.
#include "GascloudEmulator.h"

#include "sinks/gascloud/BatchCsv.h"
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
#include <QUrlQuery>
#include <QUuid>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace fs {

namespace {

using Http = QHttpServerResponder::StatusCode;

void reply(QHttpServerResponder& resp, const QJsonObject& body, Http status = Http::Ok)
{
    resp.write(QJsonDocument(body), status);
}

QUrlQuery formOf(const QHttpServerRequest& req)
{
    QByteArray body = req.body();
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
                        onActivate(req, std::move(resp));
                    });
    m_server->route(QStringLiteral("/api/v1/quarantine_request/"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        onQuarantine(req, std::move(resp));
                    });
    m_server->route(QStringLiteral("/api/v1/upload_status/<arg>/"), QHttpServerRequest::Method::Get,
                    [this](const QString& id, const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        onStatus(id, req, std::move(resp));
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
    qCInfo(lcSim).noquote() << "gascloud emulator on" << m_apiUrl
                            << "- accepted PINs:" << m_opt.pins.keys().join(QStringLiteral(", "))
                            << "- SCP to" << m_opt.scpHost << m_opt.scpPort << "into" << m_opt.inboxRoot;
    return bound;
}

void GascloudEmulator::injectFault(Fault fault, int times)
{
    m_faults[fault] += times;
}

bool GascloudEmulator::injected(QHttpServerResponder& resp, const char* what)
{
    if (m_faults.value(Fault::ServerError) > 0) {
        --m_faults[Fault::ServerError];
        qCInfo(lcSim) << what << "-> 500 (injected)";
        reply(resp, {{QStringLiteral("detail"), QStringLiteral("internal error (injected)")}},
              Http::InternalServerError);
        return true;
    }
    if (m_faults.value(Fault::Timeout) > 0) {
        --m_faults[Fault::Timeout];
        qCInfo(lcSim) << what << "-> no answer (injected)";
        m_stalled.push_back(std::make_unique<QHttpServerResponder>(std::move(resp)));
        return true;
    }
    return false;
}

QString GascloudEmulator::authorisedKey(const QHttpServerRequest& req) const
{
    const QByteArray auth = req.value("Authorization");
    if (!auth.startsWith("Bearer "))
        return {};
    const QString key = QString::fromUtf8(auth.mid(7)).trimmed();
    for (const QString& k : m_opt.pins) {
        if (k == key)
            return key;
    }
    return {};
}

void GascloudEmulator::onActivate(const QHttpServerRequest& req, QHttpServerResponder&& resp)
{
    if (injected(resp, "POST /activate/"))
        return;
    const QUrlQuery form = formOf(req);
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

void GascloudEmulator::onQuarantine(const QHttpServerRequest& req, QHttpServerResponder&& resp)
{
    if (injected(resp, "POST /quarantine_request/"))
        return;
    const QString key = authorisedKey(req);
    if (key.isEmpty()) {
        qCInfo(lcSim) << "POST /quarantine_request/ -> 401";
        return reply(resp, {{QStringLiteral("detail"), QStringLiteral("unknown gateway key")}},
                     Http::Unauthorized);
    }
    const QUrlQuery form = formOf(req);
    QJsonObject errors;
    static const QRegularExpression md5(QStringLiteral("^[0-9a-f]{32}$"));
    for (const char* f :
         {"key", "source_ref", "filelist", "batch_type", "batch_mode", "zip_size", "zip_md5", "gadget_id"}) {
        if (field(form, f).isEmpty())
            errors.insert(QLatin1String(f), QStringLiteral("required"));
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
    if (!md5.match(field(form, "zip_md5")).hasMatch() ||
        field(form, "zip_md5") == QLatin1String("d41d8cd98f00b204e9800998ecf8427e"))
        errors.insert(QStringLiteral("zip_md5"),
                      QStringLiteral("must be the MD5 of the zip (not of nothing)"));
    const QString ref = field(form, "source_ref");
    if (field(form, "filelist") != QStringLiteral("%1.csv,%1.yaml").arg(ref))
        errors.insert(QStringLiteral("filelist"),
                      QStringLiteral("must be <source_ref>.csv,<source_ref>.yaml"));
    if (!errors.isEmpty()) {
        qCInfo(lcSim).noquote() << "POST /quarantine_request/" << ref << "-> 400"
                                << QJsonDocument(errors).toJson(QJsonDocument::Compact);
        return reply(resp, {{QStringLiteral("errors"), errors}}, Http::BadRequest);
    }
    Ticket t;
    t.key = key;
    t.sourceRef = ref;
    t.md5 = field(form, "zip_md5");
    t.size = size;
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
    qCInfo(lcSim) << "POST /quarantine_request/" << ref << "md5" << t.md5 << "->" << id
                  << (expired ? "(expired, injected)" : "");
    reply(resp, {{QStringLiteral("batchid"), id},
                 {QStringLiteral("domain"), m_opt.scpHost},
                 {QStringLiteral("port"), m_opt.scpPort},
                 {QStringLiteral("destination"), m_opt.inboxRoot + QLatin1Char('/')}});
}

void GascloudEmulator::onStatus(const QString& id, const QHttpServerRequest& req, QHttpServerResponder&& resp)
{
    if (injected(resp, "GET /upload_status/"))
        return;
    const QString key = authorisedKey(req);
    auto it = m_tickets.find(id);
    if (key.isEmpty() || it == m_tickets.end() || it->key != key) {
        qCInfo(lcSim) << "GET /upload_status/" << id << "-> 404";
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
    qCInfo(lcSim) << "GET /upload_status/" << id << "->" << status;
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
    if (r.md5 != t.md5 || r.size != t.size)
        r.problem = QStringLiteral("MD5 %1 / %2 bytes, the request said %3 / %4")
                        .arg(r.md5)
                        .arg(r.size)
                        .arg(t.md5)
                        .arg(t.size);
    QStringList timestamps;
    if (r.problem.isEmpty()) {
        QuaZip zip(file);
        QuaZipFile csv(&zip);
        if (!zip.open(QuaZip::mdUnzip) || !zip.setCurrentFile(t.sourceRef + QStringLiteral(".csv")) ||
            !csv.open(QIODevice::ReadOnly)) {
            r.problem = QStringLiteral("the zip has no %1.csv").arg(t.sourceRef);
        } else if (csv.readLine() != batchcsv::header()) {
            r.problem = QStringLiteral("the CSV header is not the canonical one");
        } else {
            while (!csv.atEnd()) {
                const QByteArray line = csv.readLine();
                if (line.trimmed().isEmpty())
                    continue;
                const QList<QByteArray> cells = line.split(',');
                if (cells.size() != batchcsv::valueColumns() + 3) {
                    r.problem = QStringLiteral("row %1 has %2 fields, the header %3")
                                    .arg(r.rows + 2)
                                    .arg(cells.size())
                                    .arg(batchcsv::valueColumns() + 3);
                    break;
                }
                timestamps << QString::fromUtf8(cells[1] + ' ' + cells[0]);
                ++r.rows;
            }
        }
    }
    if (t.reject && r.problem.isEmpty())
        r.problem = QStringLiteral("rejected on request (injected)");
    if (!r.problem.isEmpty()) {
        r.status = QStringLiteral("Rejected");
        qCWarning(lcSim).noquote() << "received" << id << "(" << t.sourceRef << ") md5" << r.md5
                                   << "- REJECTED:" << r.problem;
        return;
    }
    for (const QString& ts : timestamps) {
        if (m_seenRows.contains(ts))
            ++r.duplicateRows;
        else
            m_seenRows.insert(ts, id);
    }
    r.status = QStringLiteral("Unprocessed");
    qCInfo(lcSim).noquote() << "received" << id << "(" << t.sourceRef << ") md5" << r.md5 << r.size
                            << "bytes," << r.rows << "rows," << r.duplicateRows << "already received";
    if (r.duplicateRows > 0)
        qCWarning(lcSim).noquote() << "DUPLICATE:" << r.duplicateRows << "rows of" << id
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
