// Schema 6 on a store from before (written with migrations 1-5 as they shipped): it opens, migrates,
// keeps every reading and old aggregate, and the fold counts each reading once; a fold that fails
// between counting and saving its cut leaves nothing counted, so the next one does not count twice.
#include "RecorderQuery.h"
#include "store/HistoryReader.h"
#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Retention.h"
#include "store/Schema.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;
using fs::test::scalar;

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr int kChannels = 3;
constexpr int kSeconds = 900;

double value(int second, int channel)
{
    return second == 444 ? 1000.0 + channel : (second % 17) * 0.5 + channel * 10.0;
}

Status exec(Recorder& rec, const QString& sql)
{
    return rec.run([&](Store& st) {
        QSqlQuery q(st.db());
        return q.exec(sql) ? Status() : Status(Error{q.lastError().text()});
    });
}

RetentionOptions options()
{
    RetentionOptions o;
    o.keepDays = 30;
    o.minFreeMb = 0;
    return o;
}

} // namespace

class TestMinuteFold : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(QString::fromLatin1(name)); }

    /// A schema-5 store, as a station running the release before wrote it: readings of the last
    /// hours on one node, and one minute retention already folded away a month ago.
    void writeSchema5Store(const QString& file, qint64 fromMs)
    {
        const QString conn = QStringLiteral("schema5");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(db.transaction());
            for (int v = 1; v <= 5; ++v)
                for (const QString& sql : schema::migrations().at(v - 1))
                    QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO sensor_types VALUES (0, 'T', 'temperature', 'deg.C')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO nodes (id, key, kind, name, created_ms, source) "
                                          "VALUES (1, 't:1', 't', 'T', 0, 'src')")));
            for (int c = 0; c < kChannels; ++c)
                QVERIFY(q.exec(QStringLiteral("INSERT INTO channels VALUES (%1, 1, 'c%2', 0, 'deg.C')")
                                   .arg(c + 1)
                                   .arg(c)));
            q.prepare(QStringLiteral("INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)"));
            for (int s = 0; s < kSeconds; ++s)
                for (int c = 0; c < kChannels; ++c) {
                    q.addBindValue(fromMs + s * 1000LL);
                    q.addBindValue(c + 1);
                    q.addBindValue(value(s, c));
                    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                }
            QVERIFY(q.exec(QStringLiteral("INSERT INTO minute_aggregates VALUES (1, %1, 60, -7, 1, 3)")
                               .arg(MinuteAggregates::minuteOf(fromMs - 30 * 24 * kHour))));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=5")));
            QVERIFY(db.commit());
            db.close();
        }
        QSqlDatabase::removeDatabase(conn);
    }

private Q_SLOTS:
    void aSchema5StoreMigratesKeepsEveryReadingAndFoldsItOnce()
    {
        // Readings from a few hours before now: before the migration's cut, so the catch-up counts them.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 from = MinuteAggregates::minuteOf(now - 3 * kHour);
        const QString file = path("schema5.db");
        writeSchema5Store(file, from);
        if (QTest::currentTestFailed())
            return;
        Recorder rec(file);
        QVERIFY(rec.start().ok());
        QCOMPARE(scalar(rec, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(scalar(rec, QStringLiteral("SELECT COUNT(*) FROM readings")), qint64(kSeconds * kChannels));
        QCOMPARE(scalar(rec, QStringLiteral("SELECT SUM(n) FROM minute_aggregates")), 60);
        QCOMPARE(scalar(rec, QStringLiteral("SELECT COUNT(*) FROM chart_minutes")), 0);
        // Nothing counted yet: the cut is the migration's minute, no seq folded.
        QCOMPARE(scalar(rec, QStringLiteral("SELECT folded_seq FROM minute_folds")), 0);
        QVERIFY(scalar(rec, QStringLiteral("SELECT folded_to_ms FROM minute_folds")) > from);

        Retention r(rec, file, options());
        QVERIFY(r.foldMinutes(now).ok());
        QCOMPARE(scalar(rec, QStringLiteral("SELECT SUM(n) FROM chart_minutes")), kSeconds * kChannels);
        QVERIFY(r.foldMinutes(now).ok()); // again: nothing counted twice
        QCOMPARE(scalar(rec, QStringLiteral("SELECT SUM(n) FROM chart_minutes")), kSeconds * kChannels);
        QCOMPARE(scalar(rec, QStringLiteral("SELECT COUNT(*) FROM readings")), qint64(kSeconds * kChannels));
        QCOMPARE(scalar(rec, QStringLiteral("SELECT SUM(n) FROM minute_aggregates")), 60);
        // Per minute exactly what the readings say.
        QCOMPARE(
            scalar(rec, QStringLiteral("SELECT COUNT(*) FROM chart_minutes c WHERE n != (SELECT COUNT(*) "
                                       "FROM readings r WHERE r.channel_id = c.channel_id AND r.time_ms "
                                       ">= c.minute_ms AND r.time_ms < c.minute_ms + 60000) OR max != "
                                       "(SELECT MAX(value) FROM readings r WHERE r.channel_id = "
                                       "c.channel_id AND r.time_ms >= c.minute_ms AND r.time_ms < "
                                       "c.minute_ms + 60000)")),
            0);
        rec.stop();

        // A 7-day chart of the migrated store reaches both the old aggregate and the spike.
        auto store = Store::open(file, Store::Mode::ReadOnly);
        QVERIFY(store.ok());
        const auto pts =
            HistoryReader::read(*store.value(), HistoryRequest{QStringLiteral("src"), QStringLiteral("c0"),
                                                               now - 40 * 24 * kHour, now, 300});
        QVERIFY2(pts.ok(), qPrintable(pts.error()));
        const auto has = [&](double y) {
            return std::any_of(pts->begin(), pts->end(), [y](const QPointF& p) { return p.y() == y; });
        };
        QVERIFY(has(-7.0));   // the minute retention folded before the upgrade
        QVERIFY(has(1000.0)); // the spike among the kept readings
    }

    void aFoldFailingBeforeItsCutIsSavedCountsNothing()
    {
        // The fold adds to chart_minutes, then moves the cut; were those two not one transaction, a
        // power cut between them would count the same readings again at the next fold.
        const QString file = path("halfway.db");
        Recorder rec(file);
        QVERIFY(rec.start().ok());
        NodeSpec spec{QStringLiteral("t:1"), QStringLiteral("t"), QStringLiteral("T"), {}, {}};
        spec.channels.append(
            {QStringLiteral("c0"), QStringLiteral("T"), QStringLiteral("C"), QStringLiteral("deg.C")});
        const auto ids = rec.registerNode(spec);
        QVERIFY(ids.ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 from = MinuteAggregates::minuteOf(now - kHour);
        for (int s = 0; s < 600; ++s)
            rec.submit(Sample{from + s * 1000LL, ids->channels[0], value(s, 0)});
        QVERIFY(rec.flush().ok());
        QVERIFY(exec(rec, QStringLiteral("UPDATE minute_folds SET folded_seq = 0, folded_to_ms = 0")).ok());
        QVERIFY(exec(rec, QStringLiteral("CREATE TEMP TRIGGER cut BEFORE UPDATE ON minute_folds "
                                         "BEGIN SELECT RAISE(ABORT, 'power cut'); END"))
                    .ok());
        const auto fold = [&] {
            std::optional<Result<bool>> r;
            const Status s = rec.run([&](Store& st) {
                r = MinuteAggregates::foldClosed(st.db(), now);
                return r->ok() ? Status() : Status(Error{r->error()});
            });
            return s;
        };
        QVERIFY(!fold().ok());
        QCOMPARE(scalar(rec, QStringLiteral("SELECT COUNT(*) FROM chart_minutes")), 0);
        QCOMPARE(scalar(rec, QStringLiteral("SELECT folded_seq FROM minute_folds")), 0);
        QVERIFY(exec(rec, QStringLiteral("DROP TRIGGER temp.cut")).ok());
        QVERIFY(fold().ok());
        QVERIFY(fold().ok());
        QCOMPARE(scalar(rec, QStringLiteral("SELECT SUM(n) FROM chart_minutes")), 600);
        QCOMPARE(scalar(rec, QStringLiteral("SELECT COUNT(*) FROM chart_minutes")), 10);
    }
};

QTEST_GUILESS_MAIN(TestMinuteFold)
#include "tst_minute_fold.moc"
