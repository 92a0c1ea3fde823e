// StoreHealthView: a snapshot taken in the GUI thread each time the writer reports a change.
#include "StoreHealthView.h"

namespace fs {

StoreHealthView::StoreHealthView(QObject* parent) : QObject(parent) {}

void StoreHealthView::attach(Recorder* recorder)
{
    connect(
        recorder, &Recorder::healthChanged, this, [this, recorder] { setHealth(recorder->health()); },
        Qt::QueuedConnection);
    setHealth(recorder->health());
}

void StoreHealthView::setHealth(const RecorderHealth& health)
{
    m_health = health;
    Q_EMIT changed();
}

bool StoreHealthView::ok() const
{
    return !m_health.diskFull && m_health.refusedNonFinite == 0 && m_health.refusedByStore == 0 &&
           m_health.droppedDiskFull == 0;
}

} // namespace fs
