// StoreHealthView: the Recorder's health for the screen: refused values, dropped samples, disk full.
#pragma once

#include "store/Recorder.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

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

public:
    explicit StoreHealthView(QObject* parent = nullptr);

    /// Follows the Recorder's healthChanged (queued: it comes from the writer thread).
    void attach(Recorder* recorder);
    void setHealth(const RecorderHealth& health);

    /// Nothing refused, nothing dropped, space on the disk.
    bool ok() const;
    bool diskFull() const { return m_health.diskFull; }
    double refusedNonFinite() const { return double(m_health.refusedNonFinite); }
    double refusedByStore() const { return double(m_health.refusedByStore); }
    double droppedDiskFull() const { return double(m_health.droppedDiskFull); }
    QString lastError() const { return m_health.lastError; }

Q_SIGNALS:
    void changed();

private:
    RecorderHealth m_health;
};

} // namespace fs
