// StoreHealthView: the Recorder's health for the screen: refused values, dropped samples, disk full.
#pragma once

#include "store/Recorder.h"

#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

class LiveTap;

class StoreHealthView : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StoreHealthView is provided by the application")

    Q_PROPERTY(bool ok READ ok NOTIFY changed)
    Q_PROPERTY(bool diskFull READ diskFull NOTIFY changed)
    Q_PROPERTY(double refusedNonFinite READ refusedNonFinite NOTIFY changed)
    Q_PROPERTY(double refusedByStore READ refusedByStore NOTIFY changed)
    Q_PROPERTY(double droppedDiskFull READ droppedDiskFull NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    /// The channels whose non-finite values were refused, most first: "opc-roof pm1: 3", one a line.
    Q_PROPERTY(QString refusedChannels READ refusedChannels NOTIFY changed)

public:
    explicit StoreHealthView(QObject* parent = nullptr);

    /// Learns the channels' names from the node registrations that pass through `tap`: connect
    /// before the station starts, so that none is missed.
    void nameChannelsFrom(LiveTap* tap);
    /// Follows the Recorder's healthChanged (queued: it comes from the writer thread).
    void attach(Recorder* recorder);
    void setHealth(const RecorderHealth& health, const QHash<ChannelId, quint64>& refusedByChannel = {});
    /// How a channel is called in refusedChannels.
    void nameChannel(ChannelId channel, const QString& name);

    /// Nothing refused, nothing dropped, space on the disk.
    bool ok() const;
    bool diskFull() const { return m_health.diskFull; }
    double refusedNonFinite() const { return double(m_health.refusedNonFinite); }
    double refusedByStore() const { return double(m_health.refusedByStore); }
    double droppedDiskFull() const { return double(m_health.droppedDiskFull); }
    QString lastError() const { return m_health.lastError; }
    QString refusedChannels() const;

Q_SIGNALS:
    void changed();

private:
    RecorderHealth m_health;
    QHash<ChannelId, quint64> m_refused;
    QHash<ChannelId, QString> m_names;
};

} // namespace fs
