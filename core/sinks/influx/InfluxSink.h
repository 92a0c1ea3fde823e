// InfluxSink: the InfluxDB 1.x sink on the CursorSink base: the store's readings of the chosen
// sources, in bounded batches of line protocol, to one server; its cursor moves only after the
// server confirmed a batch.
#pragma once

#include "InfluxPoints.h"
#include "InfluxSettings.h"
#include "config/SecretStore.h"
#include "sinks/CursorSink.h"

namespace fs {

class InfluxSink : public CursorSink
{
    Q_OBJECT
public:
    /// `sources` describes the configured sources by id (influx::sourceCatalog builds it).
    InfluxSink(Recorder& recorder, QString storePath, InfluxSettings settings, influx::SourceCatalog sources,
               SecretStore secrets, QObject* parent = nullptr);
    ~InfluxSink() override;

    static QString cursorName(const QString& name) { return QStringLiteral("influx:") + name; }
    /// Secret store entry of the password.
    static QString secretName(const QString& name) { return QStringLiteral("influx/") + name; }
    QStringList cursorNames() const override;

protected:
    QStringList servers() const override;
    int intervalMs(const QString&) const override { return m_settings.intervalS * 1000; }
    QString readingsCursor(const QString& server) const override { return cursorName(server); }
    Status runPass(const QString& server, SinkStatus& status) override;

private:
    InfluxSettings m_settings;
    influx::SourceCatalog m_sources;
    SecretStore m_secrets;
};

} // namespace fs
