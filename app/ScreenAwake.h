// ScreenAwake: keeps a kiosk's screen from blanking while something live is shown.
#pragma once

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace fs {

/// While `active`, resets the display's idle timer every `intervalMs`, so the screen saver and DPMS
/// do not blank a screen people are reading. On X11 (xcb) that is the X screen saver reset (what
/// `xset s reset` does); other platforms have no such call in Qt 6.4 and are configured instead
/// (see packaging/kiosk/README.md), so `supported` is false there.
class ScreenAwake : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(int intervalMs READ intervalMs WRITE setIntervalMs NOTIFY intervalMsChanged)
    Q_PROPERTY(bool supported READ supported CONSTANT)
    Q_PROPERTY(int resets READ resets NOTIFY resetsChanged)

public:
    explicit ScreenAwake(QObject* parent = nullptr);

    bool active() const { return m_active; }
    void setActive(bool active);
    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms);
    /// Whether this platform lets the application reset the idle timer (xcb only).
    bool supported() const;
    /// How many resets were sent (for tests and the log).
    int resets() const { return m_resets; }

Q_SIGNALS:
    void activeChanged();
    void intervalMsChanged();
    void resetsChanged();

private:
    void reset();

    QTimer m_timer;
    bool m_active = false;
    int m_resets = 0;
};

} // namespace fs
