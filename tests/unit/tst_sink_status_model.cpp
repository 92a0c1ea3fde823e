// SinkStatusModel: rows for every push server and the InfluxDB sink, changed in place while the set of
// servers stays, reset only when it changes, at most once per interval, and the demo's far-end notes.
#include "TestSupport.h"
#include "views/SinkStatusModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fs;

namespace {

SinkStatus status(const char* server, qint64 behind, bool ok = true, const QString& error = {})
{
    SinkStatus s;
    s.server = QLatin1String(server);
    s.rowsBehind = behind;
    s.ok = ok;
    s.lastError = error;
    s.lastSuccessMs = ok ? 1'790'000'000'000 : 0;
    s.failures = ok ? 0 : 4;
    s.rowsPerSecond = 1234.5;
    s.pushedReadings = 440;
    return s;
}

QVariant role(const SinkStatusModel& m, int row, int r)
{
    return m.data(m.index(row), r);
}

} // namespace

class TestSinkStatusModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsPerServerOfEveryKind()
    {
        SinkStatusModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMinUpdateMs(0);
        m.setStatuses(QStringLiteral("influx"), {status("site", 0)});
        m.setStatuses(QStringLiteral("push"),
                      {status("central", 12), status("backup", -1, false, "refused")});
        QTRY_COMPARE(m.rowCount(), 3);
        // Push servers first, in the sink's order, then the InfluxDB sink.
        QCOMPARE(role(m, 0, SinkStatusModel::ServerRole).toString(), QStringLiteral("central"));
        QCOMPARE(role(m, 1, SinkStatusModel::ServerRole).toString(), QStringLiteral("backup"));
        QCOMPARE(role(m, 2, SinkStatusModel::KindRole).toString(), QStringLiteral("influx"));
        QCOMPARE(role(m, 0, SinkStatusModel::KindRole).toString(), QStringLiteral("push"));
        QCOMPARE(role(m, 0, SinkStatusModel::LevelRole).toString(), QStringLiteral("ok"));
        QCOMPARE(role(m, 1, SinkStatusModel::LevelRole).toString(), QStringLiteral("fail"));
        QCOMPARE(role(m, 1, SinkStatusModel::ErrorRole).toString(), QStringLiteral("refused"));
        QCOMPARE(role(m, 1, SinkStatusModel::LastSuccessTextRole).toString(), QStringLiteral("never"));
        QCOMPARE(role(m, 0, SinkStatusModel::BehindRole).toLongLong(), qint64(12));
        QCOMPARE(role(m, 0, SinkStatusModel::RateRole).toDouble(), 1234.5);
        QCOMPARE(role(m, 0, SinkStatusModel::PushedRole).toLongLong(), qint64(440));
        const QHash<int, QByteArray> names = m.roleNames();
        for (const char* n : {"kind", "server", "level", "state", "behind", "lastSuccessText", "rate",
                              "pushed", "lastError", "nextAttemptText", "farEnd"})
            QVERIFY2(names.values().contains(QByteArray(n)), n);
    }

    void updatesInPlaceAndResetsOnlyWhenTheServersChange()
    {
        SinkStatusModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMinUpdateMs(0);
        m.setStatuses(QStringLiteral("push"), {status("central", 100), status("backup", 5)});
        QCOMPARE(m.rowCount(), 2);
        QSignalSpy resets(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QTest::qWait(1); // let the zero-interval throttle lapse
        m.setStatuses(QStringLiteral("push"), {status("central", 60), status("backup", 5)});
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0); // only the row whose figures moved
        QCOMPARE(role(m, 0, SinkStatusModel::BehindRole).toLongLong(), qint64(60));

        // The influx sink appearing changes the set: one reset, not a row-by-row patch.
        QTest::qWait(1);
        m.setStatuses(QStringLiteral("influx"), {status("site", 0)});
        QTRY_COMPARE(resets.size(), 1);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(role(m, 0, SinkStatusModel::BehindRole).toLongLong(), qint64(60)); // push rows kept
    }

    void atMostOneUpdatePerInterval()
    {
        SinkStatusModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMinUpdateMs(300);
        m.setStatuses(QStringLiteral("push"), {status("central", 1000)});
        QCOMPARE(m.rowCount(), 1); // the first report shows at once
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        // A long catch-up reports every chunk; the screen sees the newest once the interval is up.
        for (qint64 behind = 900; behind >= 0; behind -= 100)
            m.setStatuses(QStringLiteral("push"), {status("central", behind)});
        QCOMPARE(changed.size(), 0);
        QCOMPARE(role(m, 0, SinkStatusModel::BehindRole).toLongLong(), qint64(1000));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, test::timeoutMs(2000));
        QCOMPARE(role(m, 0, SinkStatusModel::BehindRole).toLongLong(), qint64(0));
        QTest::qWait(400);
        QCOMPARE(changed.size(), 1); // nothing new: no further update
    }

    void demoFarEndsShowOnTheirRowOrAsNotes()
    {
        SinkStatusModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMinUpdateMs(0);
        QSignalSpy notes(&m, &SinkStatusModel::farEndsChanged);
        DemoFarEnd maria = DemoFarEnd::of(QStringLiteral("push"), QStringLiteral("demo-central"));
        maria.running = true;
        maria.text = QStringLiteral("demo MariaDB on 127.0.0.1:3307");
        DemoFarEnd influx = DemoFarEnd::of(QStringLiteral("influx"), QStringLiteral("demo-influx"));
        influx.text = QStringLiteral("demo InfluxDB needs influxd: apt install influxdb");
        m.setFarEnds({maria, influx});
        QCOMPARE(notes.size(), 1);
        QCOMPARE(m.notes(), QStringList({maria.text, influx.text})); // no rows yet: both are notes
        m.setStatuses(QStringLiteral("push"), {status("demo-central", 0)});
        QCOMPARE(m.notes(), QStringList({influx.text}));
        QCOMPARE(role(m, 0, SinkStatusModel::FarEndRole).toString(), maria.text);
        QVERIFY(notes.size() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestSinkStatusModel)
#include "tst_sink_status_model.moc"
