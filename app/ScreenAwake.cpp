// ScreenAwake: the periodic idle-timer reset, through Qt's X11 native interface when on xcb.
#include "ScreenAwake.h"

#include "util/Logging.h"

#include <QGuiApplication>
#include <QtGui/qguiapplication_platform.h>

#if FS_HAVE_XCB && QT_CONFIG(xcb)
#include <xcb/xcb.h>
#endif

namespace fs {

namespace {

#if FS_HAVE_XCB && QT_CONFIG(xcb)
xcb_connection_t* x11Connection()
{
    auto* app = qobject_cast<QGuiApplication*>(QCoreApplication::instance());
    auto* x11 = app ? app->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    return x11 ? x11->connection() : nullptr;
}
#endif

} // namespace

ScreenAwake::ScreenAwake(QObject* parent) : QObject(parent)
{
    // Screen savers start after a minute at the earliest; 30 s keeps well inside that.
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &ScreenAwake::reset);
}

void ScreenAwake::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        static bool told = false; // once per run: which way this screen is kept awake, or is not
        if (!told) {
            told = true;
            if (supported())
                qCInfo(lcApp) << "keeping the screen awake: X screen saver reset every" << intervalMs()
                              << "ms";
            else
                qCWarning(lcApp) << "cannot keep the screen awake on" << QGuiApplication::platformName()
                                 << "from here: the session must not blank it (packaging/kiosk/README.md)";
        }
        reset(); // a page just opened counts as activity at once, not only after the first interval
        m_timer.start();
    } else {
        m_timer.stop();
    }
    Q_EMIT activeChanged();
}

void ScreenAwake::setIntervalMs(int ms)
{
    if (ms == m_timer.interval() || ms <= 0)
        return;
    m_timer.setInterval(ms);
    Q_EMIT intervalMsChanged();
}

bool ScreenAwake::supported() const
{
#if FS_HAVE_XCB && QT_CONFIG(xcb)
    return x11Connection() != nullptr;
#else
    return false;
#endif
}

void ScreenAwake::reset()
{
#if FS_HAVE_XCB && QT_CONFIG(xcb)
    if (xcb_connection_t* c = x11Connection()) {
        xcb_force_screen_saver(c, XCB_SCREEN_SAVER_RESET);
        xcb_flush(c);
        ++m_resets;
        Q_EMIT resetsChanged();
    }
#endif
}

} // namespace fs
