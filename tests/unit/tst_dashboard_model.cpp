// DashboardModel and AlarmModel over a canned station: one tile per source, mesh node and sink, the
// level and reason from the alarm book and the sources' health, rows changed in place (never a
// reset), updates coalesced; the alarm rows follow the book.
#include "AlarmModel.h"
#include "DashboardCanned.h"
#include "DashboardModel.h"
#include "health/AlarmBook.h"

#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fs;
using namespace fs::test;

namespace {

Alarm alarm(const char* code, Alarm::Severity severity, const QString& subject, const QString& source,
            const QString& text)
{
    return {QString::fromLatin1(code), severity, subject, source, kCannedT0, text};
}

QStringList tileIds(const DashboardModel& m)
{
    QStringList out;
    for (int i = 0; i < m.rowCount(); ++i)
        out << m.data(m.index(i), DashboardModel::TileIdRole).toString();
    return out;
}

QString headlineValue(const QVariantMap& tile, int i)
{
    return tile.value(QStringLiteral("headline"))
        .toList()
        .value(i)
        .toMap()
        .value(QStringLiteral("value"))
        .toString();
}

} // namespace

class TestDashboardModel : public QObject
{
    Q_OBJECT

    LiveStream* m_stream = nullptr;
    AlarmBook* m_book = nullptr;
    DashboardModel* m_model = nullptr;
    qint64 m_now = kCannedT0;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c()); // "2.50", whatever the machine's language
    }

    void init()
    {
        m_now = kCannedT0;
        m_stream = new LiveStream(600, this);
        m_book = new AlarmBook(this);
        m_model = new DashboardModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_model);
        cannedNodes(*m_stream);
        for (int s = 0; s < 90; ++s)
            cannedSecond(*m_stream, kCannedT0 - (90 - s) * 1000, 10 + s % 7);
        m_model->setClock([this] { return m_now; });
        m_model->setStream(m_stream);
        m_model->setSources(cannedSources());
        m_model->setAlarmBook(m_book);
        m_model->setUploader(true, {});
        m_model->setSinkStatuses(QStringLiteral("push"), {cannedPush(true, kCannedT0 - 300'000)});
        m_model->refresh();
    }

    void cleanup()
    {
        delete m_model;
        delete m_book;
        delete m_stream;
    }

    void oneTilePerSourceNodeAndSink()
    {
        QCOMPARE(tileIds(*m_model),
                 (QStringList{QStringLiteral("source:opc"), QStringLiteral("source:house"),
                              QStringLiteral("node:isems:a"), QStringLiteral("node:isems:b"),
                              QStringLiteral("sink:gascloud"), QStringLiteral("sink:push/central")}));
        const QVariantMap opc = m_model->get(QStringLiteral("source:opc"));
        QCOMPARE(opc.value(QStringLiteral("page")).toString(), QStringLiteral("particles"));
        QCOMPARE(opc.value(QStringLiteral("title")).toString(), QStringLiteral("OPC-N3 roof"));
        QCOMPARE(headlineValue(opc, 1), QStringLiteral("15.0")); // the newest PM2.5: 10 + 89 % 7
        const QList<qreal> spark = opc.value(QStringLiteral("sparkline")).value<QList<qreal>>();
        QVERIFY2(spark.size() >= 30 && spark.size() <= 62, qPrintable(QString::number(spark.size())));
        const QVariantMap house = m_model->get(QStringLiteral("source:house"));
        QCOMPARE(house.value(QStringLiteral("page")).toString(), QStringLiteral("energy"));
        QCOMPARE(headlineValue(house, 0), QStringLiteral("2.50")); // 2500 W as kW
        QCOMPARE(
            house.value(QStringLiteral("headline")).toList().value(0).toMap().value(QStringLiteral("unit")),
            QVariant(QStringLiteral("kW")));
        // Each quantity shows before a second register of one: power, voltage, current, then more power.
        QStringList labels;
        for (const QVariant& e : house.value(QStringLiteral("headline")).toList())
            labels << e.toMap().value(QStringLiteral("label")).toString();
        QCOMPARE(labels, (QStringList{QStringLiteral("Grid"), QStringLiteral("L1"),
                                      QStringLiteral("CT1_Amperage"), QStringLiteral("Solar")}));
        QCOMPARE(headlineValue(house, 2), QStringLiteral("10.9"));
        QCOMPARE(opc.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Working · fan and laser OK"));
        const QVariantMap a = m_model->get(QStringLiteral("node:isems:a"));
        QCOMPARE(a.value(QStringLiteral("page")).toString(), QStringLiteral("solar"));
        QCOMPARE(headlineValue(a, 2), QStringLiteral("Charging"));
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("node:isems:b")), 2),
                 QStringLiteral("Discharging"));
        const QVariantMap push = m_model->get(QStringLiteral("sink:push/central"));
        QCOMPARE(push.value(QStringLiteral("page")).toString(), QStringLiteral("push"));
        QCOMPARE(headlineValue(push, 0), QStringLiteral("12"));
        QCOMPARE(headlineValue(push, 1), QStringLiteral("5 min ago"));
        QCOMPARE(m_model->get(QStringLiteral("sink:gascloud")).value(QStringLiteral("page")).toString(),
                 QStringLiteral("uploads"));
        for (int i = 0; i < m_model->rowCount(); ++i)
            QCOMPARE(m_model->data(m_model->index(i), DashboardModel::LevelRole).toString(),
                     QStringLiteral("ok"));
        QCOMPARE(m_model->summary(), QStringLiteral("All 6 parts working"));
        QCOMPARE(m_model->worstLevel(), QStringLiteral("ok"));
    }

    void levelsAndReasonsFromAlarmsAndHealth()
    {
        m_book->update({alarm("opc_fan", Alarm::Severity::Fail, QStringLiteral("opcn3:177"),
                              QStringLiteral("opc"), QStringLiteral("fan stopped")),
                        alarm("opc_reject", Alarm::Severity::Warn, QStringLiteral("opcn3:177"),
                              QStringLiteral("opc"), QStringLiteral("60 % of particles rejected")),
                        alarm("isems_battery_low", Alarm::Severity::Warn, QStringLiteral("isems:b"),
                              QStringLiteral("solar"), QStringLiteral("battery low")),
                        alarm("sink_failing", Alarm::Severity::Warn, QStringLiteral("sink:push/central"), {},
                              QStringLiteral("push/central failing for 2 h")),
                        alarm("disk_low", Alarm::Severity::Warn, QStringLiteral("store"), {},
                              QStringLiteral("disk getting full: 300 MB free"))});
        QList<DashboardSource> sources = cannedSources();
        sources[1].health = QStringLiteral("Failing");
        sources[1].detail = QStringLiteral("connection refused");
        m_model->setSources(sources);
        m_model->setUploader(false, QStringLiteral("not registered: run fieldstation gascloud register"));
        m_model->refresh();
        const auto level = [this](const char* id) {
            return m_model->get(QString::fromLatin1(id)).value(QStringLiteral("level")).toString();
        };
        const auto reason = [this](const char* id) {
            return m_model->get(QString::fromLatin1(id)).value(QStringLiteral("reason")).toString();
        };
        QCOMPARE(level("source:opc"), QStringLiteral("fail"));
        QCOMPARE(reason("source:opc"), QStringLiteral("fan stopped (+1)")); // the worst first
        QCOMPARE(level("source:house"), QStringLiteral("fail"));
        QCOMPARE(reason("source:house"), QStringLiteral("connection refused"));
        QCOMPARE(level("node:isems:a"), QStringLiteral("ok")); // its neighbour's alarm is not its own
        QCOMPARE(level("node:isems:b"), QStringLiteral("warn"));
        QCOMPARE(reason("node:isems:b"), QStringLiteral("battery low"));
        QCOMPARE(level("sink:push/central"), QStringLiteral("warn"));
        QCOMPARE(level("sink:gascloud"), QStringLiteral("off"));
        QVERIFY(reason("sink:gascloud").startsWith(QLatin1String("not registered")));
        // The store has a tile only while it needs a look, so that the summary counts it.
        QCOMPARE(tileIds(*m_model).last(), QStringLiteral("store"));
        QCOMPARE(level("store"), QStringLiteral("warn"));
        QCOMPARE(reason("store"), QStringLiteral("disk getting full: 300 MB free"));
        QCOMPARE(m_model->summary(), QStringLiteral("5 of 7 parts need a look, 1 switched off"));
        QCOMPARE(m_model->worstLevel(), QStringLiteral("fail"));
        m_book->update({});
        sources[1].health = QStringLiteral("Ok");
        m_model->setSources(sources);
        m_model->refresh();
        QCOMPARE(level("source:opc"), QStringLiteral("ok"));
        QVERIFY(!tileIds(*m_model).contains(QStringLiteral("store")));
        QCOMPARE(m_model->summary(), QStringLiteral("All 5 parts working, 1 switched off"));
    }

    void startingTilesAreCountedUntilTheirFirstData()
    {
        QCOMPARE(m_model->startingCount(), 0);
        QSignalSpy summary(m_model, &DashboardModel::summaryChanged);
        QList<DashboardSource> sources = cannedSources();
        sources[0].health = QStringLiteral("Starting"); // the OPC-N3 spinning its fan up
        m_model->setSources(sources);
        SinkStatus fresh = cannedPush(false, 0);
        fresh.lastError.clear(); // a far end not tried yet
        m_model->setSinkStatuses(QStringLiteral("push"), {fresh});
        m_model->refresh();
        QCOMPARE(m_model->startingCount(), 2);
        QVERIFY(summary.count() >= 1);
        // A failing source is a problem, not a start: the tour must not wait for it.
        sources[0].health = QStringLiteral("Failing");
        m_model->setSources(sources);
        m_model->setSinkStatuses(QStringLiteral("push"), {cannedPush(true, kCannedT0 - 1000)});
        m_model->refresh();
        QCOMPARE(m_model->startingCount(), 0);
    }

    /// A fan reading 0 is never "fan and laser OK", even before the alarm rules have seen it.
    void stoppedFanIsNotOk()
    {
        QCOMPARE(m_model->get(QStringLiteral("source:opc")).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Working · fan and laser OK"));
        m_stream->onSamples({{kCannedT0, 13, 0}});
        m_model->refresh();
        QCOMPARE(m_model->get(QStringLiteral("source:opc")).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Working"));
    }

    void sinkTilesCountAndAge()
    {
        UploadBatch uploaded;
        uploaded.id = 1;
        uploaded.state = UploadBatch::State::Uploaded;
        uploaded.updatedMs = kCannedT0 - 600'000;
        UploadBatch waiting;
        waiting.id = 2;
        waiting.state = UploadBatch::State::Pending;
        waiting.attempts = 2;
        waiting.lastError = QStringLiteral("quarantine: 503");
        UploadBatch rejected;
        rejected.id = 3;
        rejected.state = UploadBatch::State::Rejected;
        m_model->setQueue({uploaded, waiting, rejected});
        m_model->setSinkStatuses(QStringLiteral("push"), {cannedPush(false, kCannedT0 - 7'200'000)});
        m_model->refresh();
        const QVariantMap g = m_model->get(QStringLiteral("sink:gascloud"));
        QCOMPARE(headlineValue(g, 0), QStringLiteral("1")); // waiting
        QCOMPARE(headlineValue(g, 1), QStringLiteral("1")); // rejected
        QCOMPARE(headlineValue(g, 2), QStringLiteral("10 min ago"));
        // The store's counts (the queue page's reader) win over the uploader's short list: a week
        // offline leaves more rejected batches than its snapshot of the newest finished ones holds.
        m_model->setQueueCounts(7, 250);
        m_model->refresh();
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("sink:gascloud")), 0), QStringLiteral("7"));
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("sink:gascloud")), 1), QStringLiteral("250"));
        m_model->clearQueueCounts(); // the store could not be read: the uploader's list counts again
        m_model->refresh();
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("sink:gascloud")), 1), QStringLiteral("1"));
        // A failure younger than the alarm's hour is said, not coloured: the uploader retries it.
        QCOMPARE(g.value(QStringLiteral("level")).toString(), QStringLiteral("ok"));
        QCOMPARE(g.value(QStringLiteral("reason")).toString(), QStringLiteral("Retrying: quarantine: 503"));
        const QVariantMap p = m_model->get(QStringLiteral("sink:push/central"));
        QCOMPARE(headlineValue(p, 0), QLocale().toString(5400)); // rows behind, grouped as the locale groups
        QCOMPARE(headlineValue(p, 1), QStringLiteral("2 h ago"));
        m_now += 2 * 86'400'000; // the ages follow the clock
        m_model->refresh();
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("sink:push/central")), 1),
                 QStringLiteral("2 days ago"));
    }

    void newDataChangesRowsInPlace()
    {
        QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_model->refresh(); // nothing new: no signal at all
        QCOMPARE(changed.size(), 0);
        m_stream->onSamples({{kCannedT0, 11, 55.5}});
        m_model->refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex().row(), 0);
        const QList<int> roles = changed[0][2].value<QList<int>>();
        QVERIFY(roles.contains(DashboardModel::HeadlineRole));
        QVERIFY(!roles.contains(DashboardModel::TitleRole));
        // A third mesh node heard for the first time: inserted after the other two, nothing reset.
        m_stream->onNodeRegistered({QStringLiteral("isems:c"),
                                    QStringLiteral("isems"),
                                    QStringLiteral("c"),
                                    {cannedChannel("batteryVoltage", "BAT", "V")},
                                    QStringLiteral("solar")},
                                   {6, {50}});
        m_model->refresh();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 4);
        QCOMPARE(tileIds(*m_model).at(4), QStringLiteral("node:isems:c"));
        QCOMPARE(resets.size(), 0);
    }

    void updatesAreCoalesced()
    {
        m_model->setRefreshIntervalMs(100);
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 20; ++i) { // twenty batches within one interval
            m_stream->onSamples({{kCannedT0 + i, 11, 100.0 + i}});
            Q_EMIT m_stream->updated();
        }
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, timeoutMs(5000));
        QTest::qWait(300); // and no second one for the same batches
        QCOMPARE(changed.size(), 1);
        QCOMPARE(headlineValue(m_model->get(QStringLiteral("source:opc")), 1), QStringLiteral("119"));
    }

    void alarmModelMirrorsTheBook()
    {
        AlarmModel model;
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.attach(m_book, {{QStringLiteral("house"), QStringLiteral("egauge"), nullptr}});
        QCOMPARE(model.count(), 0);
        QCOMPARE(model.worstLevel(), QStringLiteral("ok"));
        const Alarm silent = alarm("silent", Alarm::Severity::Fail, QStringLiteral("house"),
                                   QStringLiteral("house"), QStringLiteral("no data for 5 min"));
        const Alarm disk = alarm("disk_low", Alarm::Severity::Warn, QStringLiteral("store"), {},
                                 QStringLiteral("disk getting full"));
        m_book->update({disk});
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 1, timeoutMs(2000)); // queued from the book
        QCOMPARE(model.worstLevel(), QStringLiteral("warn"));
        m_book->update({disk, silent});
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 2, timeoutMs(2000));
        QCOMPARE(model.get(0).value(QStringLiteral("code")).toString(),
                 QStringLiteral("silent")); // fail first
        QCOMPARE(model.get(0).value(QStringLiteral("page")).toString(), QStringLiteral("energy"));
        QCOMPARE(model.get(0).value(QStringLiteral("severity")).toString(), QStringLiteral("fail"));
        QCOMPARE(model.get(1).value(QStringLiteral("page")).toString(), QStringLiteral("home"));
        QCOMPARE(model.worstLevel(), QStringLiteral("fail"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        Alarm longer = silent;
        longer.text = QStringLiteral("no data for 6 min");
        m_book->update({disk, longer});
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, timeoutMs(2000));
        QCOMPARE(model.get(0).value(QStringLiteral("text")).toString(), QStringLiteral("no data for 6 min"));
        m_book->update({});
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 0, timeoutMs(2000));
        QCOMPARE(resets.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDashboardModel)
#include "tst_dashboard_model.moc"
