// SinkStop: a stop reaches every registered abort at once (also one registered after it), never
// one that was released, and wakes a sink sleeping out its interval.
#include "TestSupport.h"
#include "sinks/SinkStop.h"

#include <QElapsedTimer>
#include <QTest>
#include <thread>

using namespace fs;

class TestSinkStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void abortsRunOnRequestUnlessReleased()
    {
        SinkStop stop;
        int a = 0, b = 0;
        SinkStop::Registration ra = stop.onStop([&] { ++a; });
        {
            SinkStop::Registration rb = stop.onStop([&] { ++b; });
        }
        QVERIFY(!stop.requested());
        stop.request();
        QVERIFY(stop.requested());
        QCOMPARE(a, 1);
        QCOMPARE(b, 0);
        // Registered after the request: runs at once.
        int c = 0;
        SinkStop::Registration rc = stop.onStop([&] { ++c; });
        QCOMPARE(c, 1);
        stop.reset();
        QVERIFY(!stop.requested());
    }

    void aRequestWakesAWaiter()
    {
        SinkStop stop;
        QVERIFY(!stop.waitFor(10)); // times out without a request
        QElapsedTimer t;
        t.start();
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            stop.request();
        });
        const bool woken = stop.waitFor(30'000);
        stopper.join();
        QVERIFY(woken);
        QVERIFY2(t.elapsed() < test::timeoutMs(2000), qPrintable(QString::number(t.elapsed())));
    }

    void aWakeEndsTheWaitWithoutAStop()
    {
        // "Push now": the worker leaves its sleep early, and carries on.
        SinkStop stop;
        QElapsedTimer t;
        t.start();
        std::thread waker([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            stop.wake();
        });
        const bool stopped = stop.waitFor(30'000);
        waker.join();
        QVERIFY(!stopped);
        QVERIFY(!stop.requested());
        QVERIFY2(t.elapsed() < test::timeoutMs(2000), qPrintable(QString::number(t.elapsed())));
        QVERIFY(!stop.waitFor(10)); // a wake is spent once: the next wait times out
    }
};

QTEST_GUILESS_MAIN(TestSinkStop)
#include "tst_sinkstop.moc"
