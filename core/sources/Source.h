// Source: what every device reader is to the Station and the screen: start, stop, the nodes and
// channels it declares, and its health. It hands samples to a SampleSink and knows no store.
#pragma once

#include "model/Sample.h"
#include "model/SampleSink.h"

#include <QList>
#include <QObject>
#include <QString>
#include <mutex>

// Declared here, before any signal uses them, for queued connections across source threads.
Q_DECLARE_METATYPE(fs::NodeSpec)
Q_DECLARE_METATYPE(fs::NodeChannels)

namespace fs {

class Source : public QObject
{
    Q_OBJECT
public:
    /// The same four words for every type, so the screen and the log need no per-type code.
    enum class Health { Stopped, Starting, Ok, Failing };
    Q_ENUM(Health)

    /// `sink` may be null (nothing is recorded, e.g. in tests of a state machine).
    Source(QString id, QString type, QString name, SampleSink* sink, QObject* parent = nullptr);

    QString id() const { return m_id; }
    QString type() const { return m_type; }
    QString name() const { return m_name; }

    // Thread-safe snapshots, for the screen and the Station in other threads.
    Health health() const;
    QString healthDetail() const;
    /// What the device says it is (model, serial, firmware); empty until it has said.
    QString deviceInfo() const;
    /// The nodes (devices) this source has declared so far, with their channels.
    QList<NodeSpec> nodes() const;
    /// How often a node of this source should be heard from, for the silence alarm; 0: unknown (no
    /// alarm). Any thread: it reads settings fixed at construction.
    virtual int expectedIntervalMs() const { return 0; }

public Q_SLOTS:
    /// Begins acquisition. Called in the source's own thread.
    virtual void start() = 0;
    /// Ends acquisition and leaves the device idle; returns within seconds. In the source's thread.
    virtual void stop() = 0;

Q_SIGNALS:
    void healthChanged(fs::Source::Health health, const QString& detail);
    void deviceInfoChanged(const QString& info);
    void nodeDeclared(const fs::NodeSpec& spec);

protected:
    SampleSink* sink() const { return m_sink; }
    void setHealth(Health health, const QString& detail = {});
    void setDeviceInfo(const QString& info);
    /// Registers the node with the sink (stamped with this source's id) and remembers it.
    Result<NodeChannels> declareNode(NodeSpec spec);

private:
    const QString m_id;
    const QString m_type;
    const QString m_name;
    SampleSink* const m_sink;
    mutable std::mutex m_mutex;
    Health m_health = Health::Stopped;
    QString m_detail;
    QString m_info;
    QList<NodeSpec> m_nodes;
};

} // namespace fs
