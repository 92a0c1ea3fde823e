// EgaugePoller: one request at a time per meter, each bounded by a transfer timeout; a failure
// backs off, a bad answer stores nothing, and catch-up chunks follow each other without waiting.
#include "EgaugePoller.h"

#include <QAuthenticator>
#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>

Q_LOGGING_CATEGORY(lcEgaugePoller, "fs.egauge.poller")

namespace fs {

namespace {

/// Marks a reply whose credentials were offered once already: a second challenge means they were refused.
constexpr char kAuthTried[] = "fs_egauge_auth_tried";

/// Row spacing of the newest block that has rows: 1 for second rows, 60 for minute rows …
double newestStep(const egauge::ShowAnswer& answer)
{
    for (const egauge::Block& b : answer.blocks) {
        if (b.rows > 0)
            return b.timeDelta;
    }
    return 1;
}

} // namespace

EgaugePoller::EgaugePoller(Options options, QObject* parent)
    : QObject(parent), m_opt(std::move(options)), m_plan(m_opt.maxRows, m_opt.firstRows), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may be 5 % off: 15 s in 300
    connect(&m_timer, &QTimer::timeout, this, &EgaugePoller::poll);
}

EgaugePoller::~EgaugePoller()
{
    stop();
}

qint64 EgaugePoller::nowMs() const
{
    return m_opt.clockMs ? m_opt.clockMs() : QDateTime::currentMSecsSinceEpoch();
}

void EgaugePoller::start(qint64 storedNewestS, FirstAnswer firstAnswer)
{
    m_firstAnswer = std::move(firstAnswer);
    m_last.reset();
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        connect(m_nam, &QNetworkAccessManager::authenticationRequired, this, &EgaugePoller::onAuthentication);
    }
    m_plan.setStored(storedNewestS);
    m_failures = 0;
    m_running = true;
    m_continuing = false;
    scheduleNext(0);
}

void EgaugePoller::stop()
{
    m_running = false;
    m_timer.stop();
    if (m_reply) {
        QNetworkReply* r = m_reply;
        m_reply = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

void EgaugePoller::scheduleNext(int delayMs)
{
    if (m_running)
        m_timer.start(std::max(0, delayMs));
}

void EgaugePoller::poll()
{
    if (!m_running || m_reply)
        return;
    if (!m_continuing)
        m_pollStarted.start();
    m_query = m_plan.next(nowMs() / 1000);
    QUrl url = m_opt.url;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/cgi-bin/egauge-show"));
    url.setQuery(m_query.query());
    QNetworkRequest request(url);
    request.setTransferTimeout(m_opt.timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qCDebug(lcEgaugePoller).noquote() << "GET" << url.toDisplayString();
    m_reply = m_nam->get(request);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void EgaugePoller::onAuthentication(QNetworkReply* reply, QAuthenticator* auth)
{
    // Leaving the authenticator empty makes the reply finish with AuthenticationRequiredError.
    if (m_opt.user.isEmpty() || reply->property(kAuthTried).toBool())
        return;
    reply->setProperty(kAuthTried, true);
    auth->setUser(m_opt.user);
    auth->setPassword(m_opt.password);
}

QString EgaugePoller::describeError(QNetworkReply* reply) const
{
    const QString where = m_opt.url.toDisplayString(QUrl::RemoveUserInfo);
    switch (reply->error()) {
    case QNetworkReply::AuthenticationRequiredError:
        return m_opt.user.isEmpty()
                   ? QStringLiteral("%1 asks for a password: set user and the secret \"egauge/<source id>\"")
                         .arg(where)
                   : QStringLiteral("%1 refused user \"%2\": wrong password?").arg(where, m_opt.user);
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("%1 did not answer within %2 s").arg(where).arg(m_opt.timeoutMs / 1000.0);
    default:
        break;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0)
        return QStringLiteral("%1 answered HTTP %2 %3")
            .arg(where)
            .arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    return QStringLiteral("%1: %2").arg(where, reply->errorString());
}

void EgaugePoller::onFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    if (!m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(describeError(reply));
        return;
    }
    Result<egauge::ShowAnswer> parsed = egauge::parseShow(reply->readAll());
    if (!parsed) {
        fail(QStringLiteral("%1: bad answer to ?%2: %3")
                 .arg(m_opt.url.toDisplayString(QUrl::RemoveUserInfo), m_query.query(), parsed.error()));
        return;
    }
    const egauge::ShowAnswer& answer = parsed.value();
    m_failures = 0;
    if (m_firstAnswer) {
        qint64 stored = m_firstAnswer(answer);
        m_firstAnswer = {};
        if (stored <= 0 && m_opt.backfillS > 0)
            stored = nowMs() / 1000 - m_opt.backfillS; // a first start reaches back as configured
        if (stored > 0) {
            // The store has history: catch up from it; this answer only told the meter's layout.
            m_plan.setStored(stored);
            m_continuing = true;
            scheduleNext(0);
            return;
        }
    }
    const std::optional<egauge::Anchor> newest = egauge::newestRow(answer);
    const std::optional<egauge::Anchor> oldest = egauge::oldestRow(answer);
    const EgaugeCatchUp::Verdict v =
        m_plan.answered(m_query, oldest ? oldest->timeMs / 1000 : 0, newest ? newest->timeMs / 1000 : 0,
                        answer.rowCount(), nowMs() / 1000, newestStep(answer));
    if (!v.note.isEmpty())
        qCWarning(lcEgaugePoller).noquote() << m_opt.url.toDisplayString(QUrl::RemoveUserInfo) << v.note;
    if (v.deliver) {
        const egauge::Rates rates = egauge::differences(answer, {m_last, std::nullopt});
        for (const QString& w : rates.warnings)
            qCWarning(lcEgaugePoller).noquote() << m_opt.url.toDisplayString(QUrl::RemoveUserInfo) << w;
        if (newest && (!m_last || newest->timeMs > m_last->timeMs))
            m_last = newest;
        Q_EMIT answered(answer, rates);
    }
    if (v.more) {
        m_continuing = true;
        scheduleNext(0);
        return;
    }
    m_continuing = false;
    Q_EMIT polled();
    // Keep to the schedule from the start of this poll, however long its catch-up took.
    scheduleNext(int(m_opt.intervalMs - m_pollStarted.elapsed()));
}

void EgaugePoller::fail(const QString& why)
{
    ++m_failures;
    qCWarning(lcEgaugePoller).noquote() << why;
    Q_EMIT failed(why);
    // Twice as long after each failure in a row, so a meter that stays offline costs little.
    const int shift = std::min(m_failures - 1, 16);
    const qint64 wait = std::min<qint64>(qint64(m_opt.intervalMs) << shift,
                                         std::max<qint64>(m_opt.intervalMs, m_opt.maxBackoffMs));
    m_continuing = false;
    scheduleNext(int(wait));
}

} // namespace fs
