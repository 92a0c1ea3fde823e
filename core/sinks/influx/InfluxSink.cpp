// InfluxSink: per pass, one writer (one kept-alive connection), the channel plans, then readings
// chunk by chunk. Resending a chunk changes nothing: a point is keyed by its series and time, and
// each channel's series key is built from settings only, so it is the same every time.
#include "InfluxSink.h"

#include "InfluxWriter.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcInflux, "fs.influx")

namespace fs {

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
    QByteArray body;
    Status s = forwardReadings(
        cursorName(server), m_settings.batchPoints,
        [&](const QList<StoredReading>& chunk) -> Result<qint64> {
            body.clear();
            bool reloaded = false;
            for (const StoredReading& r : chunk) {
                auto outcome = points.append(body, r);
                if (outcome == influx::PointBuilder::Outcome::Unknown && !reloaded) {
                    // A node registered after this pass began: read the channels again, once a chunk.
                    reloaded = true;
                    if (Status l = points.load(**store); !l)
                        return Error{l.error()};
                    outcome = points.append(body, r);
                }
                if (outcome == influx::PointBuilder::Outcome::Unknown)
                    qCWarning(lcInflux) << server << ": reading" << r.seq << "has channel" << r.channel
                                        << "that the store does not know; not sent";
            }
            if (body.isEmpty())
                return chunk.last().seq;
            auto written = writer.write(body);
            if (!written)
                return Error{written.error()};
            if (!written->refused.isEmpty()) {
                ++refusedLines;
                qCWarning(lcInflux).noquote()
                    << QStringLiteral("%1: %2 refused part of the readings %3..%4 for good: %5")
                           .arg(server, writer.describe())
                           .arg(chunk.first().seq)
                           .arg(chunk.last().seq)
                           .arg(written->refused);
            }
            return chunk.last().seq;
        },
        st.pushedReadings);
    if (points.refused() > 0)
        qCWarning(lcInflux) << server << ":" << points.refused() << "readings were not finite and not sent";
    if (s && refusedLines > 0)
        qCWarning(lcInflux) << server << ":" << refusedLines << "batches had lines the server refused";
    return s;
}

} // namespace fs
