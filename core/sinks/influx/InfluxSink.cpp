// InfluxSink: per pass, one writer (one kept-alive connection), the channel plans, then readings
// chunk by chunk. Resending a chunk changes nothing: a point is keyed by its series and time, and
// each channel's series key is built from settings only, so it is the same every time.
#include "InfluxSink.h"

#include "InfluxWriter.h"

#include <QLoggingCategory>
#include <optional>

Q_LOGGING_CATEGORY(lcInflux, "fs.influx")

namespace fs {

namespace {

/// Batches posted at once, each on its own connection: the server parses one while the others
/// travel, and a chunk read from the store covers them all.
constexpr int kBatchesInFlight = 4;

/// One chunk of readings as line-protocol bodies of at most `batchPoints` readings each.
struct Batches
{
    QList<QByteArray> bodies;
    QList<qint64> lastSeqs; ///< the seq of each body's last reading (sent or not)
    qint64 unknown = 0;     ///< readings of channels the store did not know even after a reload
};

Result<Batches> cut(const QList<StoredReading>& chunk, influx::PointBuilder& points, Store& store,
                    int batchPoints)
{
    Batches out;
    bool reloaded = false;
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        if (i % batchPoints == 0) {
            out.bodies.append(QByteArray());
            out.lastSeqs.append(0);
        }
        const StoredReading& r = chunk[i];
        auto outcome = points.append(out.bodies.last(), r);
        if (outcome == influx::PointBuilder::Outcome::Unknown && !reloaded) {
            // A node registered after this pass began: read the channels again, once a chunk.
            reloaded = true;
            if (Status l = points.load(store); !l)
                return Error{l.error()};
            outcome = points.append(out.bodies.last(), r);
        }
        out.unknown += outcome == influx::PointBuilder::Outcome::Unknown ? 1 : 0;
        out.lastSeqs.last() = r.seq;
    }
    return out;
}

} // namespace

InfluxSink::InfluxSink(Recorder& recorder, QString storePath, InfluxSettings settings,
                       influx::SourceCatalog sources, SecretStore secrets, QObject* parent)
    : CursorSink(recorder, std::move(storePath), parent), m_settings(std::move(settings)),
      m_sources(std::move(sources)), m_secrets(std::move(secrets))
{}

InfluxSink::~InfluxSink()
{
    stop();
}

QStringList InfluxSink::servers() const
{
    return m_settings.enabled ? QStringList{m_settings.name} : QStringList{};
}

QStringList InfluxSink::cursorNames() const
{
    return m_settings.enabled ? QStringList{cursorName(m_settings.name)} : QStringList{};
}

Status InfluxSink::runPass(const QString& server, SinkStatus& st)
{
    QString password;
    if (!m_settings.user.isEmpty()) {
        auto secret = m_secrets.read(secretName(server));
        if (!secret)
            return Error{secret.error()};
        password = secret->value_or(QString());
    }
    influx::InfluxWriter writer(m_settings, password, stopToken());
    if (m_settings.createDatabase) {
        if (Status s = writer.createDatabase(); !s)
            return s;
    }
    auto store = reader();
    if (!store)
        return Error{store.error()};
    influx::PointBuilder points(m_settings, m_sources);
    if (Status s = points.load(**store); !s)
        return s;
    qint64 refusedLines = 0;
    // A failure after some batches of a chunk were confirmed: the confirmed part moves the cursor,
    // and the failure ends the pass at the next call.
    std::optional<QString> pending;
    Status s = forwardReadings(
        cursorName(server), m_settings.batchPoints * kBatchesInFlight,
        [&](const QList<StoredReading>& chunk) -> Result<qint64> {
            if (pending)
                return Error{*pending};
            auto batches = cut(chunk, points, **store, m_settings.batchPoints);
            if (!batches)
                return Error{batches.error()};
            const QList<QByteArray>& bodies = batches->bodies;
            const QList<qint64>& lastSeqs = batches->lastSeqs;
            if (batches->unknown > 0)
                qCWarning(lcInflux) << server << ":" << batches->unknown << "readings up to seq"
                                    << chunk.last().seq << "have channels the store does not know; not sent";
            // Batches with nothing to send are confirmed as they are.
            QList<QByteArray> sent;
            for (const QByteArray& b : bodies) {
                if (!b.isEmpty())
                    sent.append(b);
            }
            const QList<Result<influx::WriteOutcome>> answers = writer.writeAll(sent);
            qint64 upto = chunk.first().seq - 1;
            qsizetype next = 0;
            for (qsizetype b = 0; b < bodies.size(); ++b) {
                if (!bodies[b].isEmpty()) {
                    const Result<influx::WriteOutcome>& a = answers[next++];
                    if (!a) {
                        pending = a.error();
                        break;
                    }
                    if (!a->refused.isEmpty()) {
                        ++refusedLines;
                        qCWarning(lcInflux).noquote()
                            << QStringLiteral("%1: %2 refused part of the readings up to seq %3 for good: %4")
                                   .arg(server, writer.describe())
                                   .arg(lastSeqs[b])
                                   .arg(a->refused);
                    }
                }
                upto = lastSeqs[b];
            }
            if (upto < chunk.first().seq)
                return Error{pending.value_or(QStringLiteral("nothing confirmed"))};
            return upto;
        },
        st.pushedReadings);
    if (points.refused() > 0)
        qCWarning(lcInflux) << server << ":" << points.refused() << "readings were not finite and not sent";
    if (s && refusedLines > 0)
        qCWarning(lcInflux) << server << ":" << refusedLines << "batches had lines the server refused";
    return s;
}

} // namespace fs
