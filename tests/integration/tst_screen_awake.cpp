// ScreenAwake on a real X server (Xvfb): while active it resets the server's idle time (what the
// screen saver and DPMS count from), at once and then every interval; inactive, it leaves it alone.
#include "ScreenAwake.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QTest>
#include <QThread>
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

using namespace fs;

namespace {

/// Milliseconds since the last input or screen-saver reset, as the X server counts them.
unsigned long serverIdleMs(Display* display)
{
    XScreenSaverInfo* info = XScreenSaverAllocInfo();
    XScreenSaverQueryInfo(display, DefaultRootWindow(display), info);
    const unsigned long idle = info->idle;
    XFree(info);
    return idle;
}

} // namespace

class TestScreenAwake : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_display = XOpenDisplay(nullptr);
        QVERIFY(m_display);
    }
    void cleanupTestCase()
    {
        if (m_display)
            XCloseDisplay(m_display);
    }

    void resetsIdleTimeWhileActive()
    {
        ScreenAwake awake;
        QVERIFY(awake.supported()); // xcb, through Qt's X11 native interface
        QCOMPARE(awake.resets(), 0);
        // Nobody touches this server: its idle time grows.
        QTRY_VERIFY_WITH_TIMEOUT(serverIdleMs(m_display) >= 300, test::timeoutMs(5000));
        const unsigned long before = serverIdleMs(m_display);
        awake.setActive(true); // a live page opened: reset at once
        QCOMPARE(awake.resets(), 1);
        // Qt's connection and ours are two: the server may answer ours before it handles the reset.
        QTRY_VERIFY_WITH_TIMEOUT(serverIdleMs(m_display) < before, test::timeoutMs(5000));
        // …and again every interval.
        awake.setIntervalMs(100);
        QTRY_VERIFY_WITH_TIMEOUT(awake.resets() >= 4, test::timeoutMs(5000));
        awake.setActive(false);
        const int resets = awake.resets();
        QTRY_VERIFY_WITH_TIMEOUT(serverIdleMs(m_display) >= 400, test::timeoutMs(5000));
        QCOMPARE(awake.resets(), resets); // stopped: the screen may blank again
    }

private:
    Display* m_display = nullptr;
};

int main(int argc, char** argv)
{
    // A display of our own: Xvfb on the first free number, stopped by its pid at the end.
    int n = 150;
    while (n < 250 && (QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)) ||
                       QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n))))
        ++n;
    QProcess xvfb;
    xvfb.start(QStringLiteral("Xvfb"),
               {QStringLiteral(":%1").arg(n), QStringLiteral("-screen"), QStringLiteral("0"),
                QStringLiteral("800x480x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
    if (!xvfb.waitForStarted(5000))
        qFatal("Xvfb did not start (package xvfb)");
    const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(n);
    for (int i = 0; i < 100 && !QFile::exists(socket); ++i)
        QThread::msleep(50);
    qputenv("DISPLAY", QByteArray(":") + QByteArray::number(n));
    qputenv("QT_QPA_PLATFORM", "xcb");
    int rc = 1;
    {
        QGuiApplication app(argc, argv);
        TestScreenAwake test;
        rc = QTest::qExec(&test, argc, argv);
    }
    xvfb.terminate();
    xvfb.waitForFinished(5000);
    return rc;
}

#include "tst_screen_awake.moc"
