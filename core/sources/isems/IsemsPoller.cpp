// IsemsPoller: nothing here waits on a node: each transfer is asynchronous with its own timeout,
// so a node that never answers delays no other (the old collector polled them one after another
// with no timeout at all).
#include "IsemsPoller.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

Q_LOGGING_CATEGORY(lcIsemsPoller, "fs.isems.poller")

namespace fs::isems {

IsemsPoller::IsemsPoller(QList<QUrl> urls, Options options, IsemsIngest* ingest, QObject* parent)
    : QObject(parent), m_urls(std::move(urls)), m_opt(std::move(options)), m_ingest(ingest),
      m_net(new QNetworkAccessManager(this))
{
    if (!m_opt.clock)
        m_opt.clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    for (int i = 0; i < m_urls.size(); ++i) {
        auto* t = new QTimer(this);
        t->setSingleShot(true);
        connect(t, &QTimer::timeout, this, [this, i] { pollNow(i); });
        m_timers.append(t);
        m_inFlight.append(nullptr);
        m_logged.append(QSet<QString>());
        NodeStatus s;
        s.url = m_urls[i];
        m_status.append(s);
    }
}

IsemsPoller::~IsemsPoller()
{
    stop();
}

qint64 IsemsPoller::now() const
{
    return m_opt.clock();
}

void IsemsPoller::start()
{
    m_running = true;
    for (int i = 0; i < m_urls.size(); ++i)
        pollNow(i);
}

void IsemsPoller::stop()
{
    m_running = false;
    for (QTimer* t : m_timers)
        t->stop();
    for (int i = 0; i < m_inFlight.size(); ++i) {
        if (QNetworkReply* r = std::exchange(m_inFlight[i], nullptr)) {
            r->disconnect(this);
            r->abort();
            r->deleteLater();
        }
    }
}

void IsemsPoller::pollNow(int index)
{
    if (!m_running || index < 0 || index >= m_urls.size() || m_inFlight[index])
        return;
    m_timers[index]->stop();
    QNetworkRequest request(m_urls[index]);
    request.setTransferTimeout(m_opt.timeoutMs);
    // ESP32 nodes answer HTTP/1.0 with text/html and no length: nothing is asked of the headers.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply* reply = m_net->get(request);
    m_inFlight[index] = reply;
    connect(reply, &QNetworkReply::finished, this, [this, index, reply] { finished(index, reply); });
    // Nothing a node serves comes near the limit: a URL that points at something else is dropped
    // as it arrives instead of being held in memory whole.
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, limit = m_opt.maxAnswerBytes](qint64 got, qint64) {
                if (got > limit && !reply->property("tooLarge").toBool()) {
                    reply->setProperty("tooLarge", true);
                    reply->abort();
                }
            });
}

void IsemsPoller::finished(int index, QNetworkReply* reply)
{
    reply->deleteLater();
    if (m_inFlight[index] != reply)
        return;
    m_inFlight[index] = nullptr;
    if (!m_running)
        return;
    NodeStatus& st = m_status[index];
    st.polled = true;
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->property("tooLarge").toBool()) {
        fail(index, QStringLiteral("garbage"),
             QStringLiteral("garbage: answer larger than %1 bytes, not a node's log")
                 .arg(m_opt.maxAnswerBytes));
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        // setTransferTimeout cancels the transfer: the only other cancel, since stop() disconnects first.
        fail(index, QStringLiteral("unreachable"),
             QStringLiteral("no answer within %1 s").arg(m_opt.timeoutMs / 1000.0));
    } else if (reply->error() != QNetworkReply::NoError && http == 0) {
        fail(index, QStringLiteral("unreachable"), reply->errorString());
    } else if (http != 200) {
        fail(index, QStringLiteral("unreachable"), QStringLiteral("HTTP %1").arg(http));
    } else {
        const IsemsIngest::Batch b = m_ingest->ingestText(reply->readAll(), now());
        st.stored += b.stored;
        st.duplicates += b.duplicates;
        st.refused += b.refused;
        for (const QString& id : b.nodeIds) {
            if (!st.nodeIds.contains(id))
                st.nodeIds.append(id);
        }
        // A router serves the same bad line every poll for up to 61 h: say it once.
        for (const QString& e : b.errors) {
            if (m_logged[index].size() > 4096)
                m_logged[index].clear();
            if (!m_logged[index].contains(e)) {
                m_logged[index].insert(e);
                qCWarning(lcIsemsPoller).noquote() << m_urls[index].toString() << e;
            }
        }
        const bool placeholderOnly =
            b.refused > 0 && b.errors.filter(QStringLiteral("placeholder")).size() == b.refused;
        if (b.nodeIds.isEmpty() && b.refused > 0 && !placeholderOnly) {
            fail(index, QStringLiteral("garbage"),
                 QStringLiteral("garbage: %1 line(s) refused, first: %2")
                     .arg(b.refused)
                     .arg(b.errors.value(0)));
        } else {
            st.ok = true;
            st.problem.clear();
            st.failuresInRow = 0;
        }
    }
    schedule(index);
    Q_EMIT polled(index);
}

void IsemsPoller::fail(int index, const QString& state, const QString& problem)
{
    NodeStatus& st = m_status[index];
    const bool changed = st.ok || st.problem != problem || st.failuresInRow == 0;
    st.ok = false;
    st.problem = problem;
    ++st.failuresInRow;
    if (!changed)
        return;
    qCWarning(lcIsemsPoller).noquote() << m_urls[index].toString() << problem;
    // A state only on a change, not on every poll of a dead node. A URL that never gave a line
    // has no node id yet: its failure shows in the source's health detail only.
    for (const QString& id : st.nodeIds)
        m_ingest->reportNodeFailure(id, state,
                                    QStringLiteral("%1: %2").arg(m_urls[index].toString(), problem), now());
}

qint64 IsemsPoller::nextDelayMs(const Options& options, int failuresInRow)
{
    if (failuresInRow <= 1)
        return options.intervalMs; // one lost answer is retried on time
    const qint64 doubled = qint64(options.intervalMs) << std::min(failuresInRow - 1, 16);
    return std::min<qint64>(doubled, std::max(options.intervalMs, options.maxBackoffMs));
}

void IsemsPoller::schedule(int index)
{
    m_timers[index]->start(int(nextDelayMs(m_opt, m_status[index].failuresInRow)));
}

QString IsemsPoller::summary() const
{
    int ok = 0;
    QStringList failing;
    for (const NodeStatus& s : m_status) {
        if (s.ok)
            ++ok;
        else if (s.polled)
            failing.append(QStringLiteral("%1 (%2)").arg(s.url.toString(), s.problem));
    }
    QString text = QStringLiteral("%1 of %2 nodes ok").arg(ok).arg(m_status.size());
    if (!failing.isEmpty())
        text += QStringLiteral("; failing: ") + failing.join(QStringLiteral(", "));
    return text;
}

} // namespace fs::isems
