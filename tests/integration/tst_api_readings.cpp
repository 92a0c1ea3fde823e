// /api/channels/<id>/readings end to end over real HTTP: raw points when few, min and max per bucket
// (at most 2 × max_points) when many, minute aggregates where retention deleted the readings, and
// times given as milliseconds or ISO-8601.
#include "ApiRig.h"
#include "api/ApiServer.h"
#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace fs;
using namespace fs::test;

namespace {

const qint64 t0 = 1'790'000'000'000; // 2026-09-21T14:13:20Z

/// The value recorded at second i: a gentle wave with one spike up and one down.
double valueAt(int i, int n)
{
    return i == n / 3 ? 1000.0 : i == (2 * n) / 3 ? -500.0 : double(i % 7);
}

QList<QPair<qint64, double>> pointsOf(const QJsonObject& o)
{
    QList<QPair<qint64, double>> out;
    for (const QJsonValue& p : o.value(QStringLiteral("points")).toArray())
        out.append({p.toArray()[0].toInteger(), p.toArray()[1].toDouble()});
    return out;
}

} // namespace

class TestApiReadings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Recorder> m_rec;
    std::unique_ptr<ApiServer> m_api;
    QNetworkAccessManager m_nam;
    ChannelId m_channel = 0;
    const int m_n = 10'800; // three hours a second apart

    QString storePath() const { return m_dir.filePath(QStringLiteral("store.db")); }

    QJsonObject readings(const QString& query)
    {
        const HttpAnswer a = http(m_nam, m_api->port(),
                                  QStringLiteral("/api/channels/%1/readings?%2").arg(m_channel).arg(query));
        if (a.status != 200)
            qWarning("%d %s", a.status, a.body.constData());
        return a.object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_rec = startRecorder(storePath());
        m_channel =
            registerIsemsNode(*m_rec, QStringLiteral("n1")).channels.value(QStringLiteral("batteryVoltage"));
        std::vector<Sample> s;
        for (int i = 0; i < m_n; ++i)
            s.push_back({t0 + i * 1000LL, m_channel, valueAt(i, m_n)});
        m_rec->submit(std::span<const Sample>(s));
        QVERIFY(m_rec->flush().ok());
        m_api = startApi(storePath());
    }

    void cleanupTestCase()
    {
        m_api.reset();
        m_rec->stop();
    }

    void fewReadingsComeAsTheyAre()
    {
        const QJsonObject o =
            readings(QStringLiteral("from=%1&to=%2&max_points=800").arg(t0).arg(t0 + 99'000));
        QCOMPARE(o.value(QStringLiteral("channel")).toInteger(), m_channel);
        QCOMPARE(o.value(QStringLiteral("unit")).toString(), QStringLiteral("V"));
        QCOMPARE(o.value(QStringLiteral("decimated")).toBool(), false);
        const auto points = pointsOf(o);
        QCOMPARE(points.size(), 100); // both ends included
        for (int i = 0; i < points.size(); ++i)
            QCOMPARE(points[i], qMakePair(t0 + i * 1000LL, valueAt(i, m_n)));
    }

    void manyReadingsGiveMinAndMaxPerBucket_data()
    {
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("100") << 100;
        QTest::newRow("800") << 800;
        QTest::newRow("7") << 7;
    }

    void manyReadingsGiveMinAndMaxPerBucket()
    {
        QFETCH(int, maxPoints);
        const qint64 to = t0 + (m_n - 1) * 1000LL;
        const QJsonObject o =
            readings(QStringLiteral("from=%1&to=%2&max_points=%3").arg(t0).arg(to).arg(maxPoints));
        QCOMPARE(o.value(QStringLiteral("decimated")).toBool(), true);
        const auto points = pointsOf(o);
        QVERIFY2(points.size() <= 2 * maxPoints, qPrintable(QString::number(points.size())));
        // Each bucket's own extremes, computed here the long way.
        const qint64 width = (to - t0 + maxPoints) / maxPoints;
        std::map<qint64, QPair<double, double>> want;
        for (int i = 0; i < m_n; ++i) {
            const qint64 b = (i * 1000LL) / width;
            const double v = valueAt(i, m_n);
            auto [it, fresh] = want.try_emplace(b, qMakePair(v, v));
            it->second = {std::min(it->second.first, v), std::max(it->second.second, v)};
        }
        std::map<qint64, QPair<double, double>> got;
        for (int k = 0; k < points.size(); ++k) {
            if (k > 0)
                QVERIFY(points[k].first > points[k - 1].first); // time order
            const int i = int((points[k].first - t0) / 1000);
            QCOMPARE(points[k].second, valueAt(i, m_n)); // a reading that was stored, at its own time
            const qint64 b = (points[k].first - t0) / width;
            auto [it, fresh] = got.try_emplace(b, qMakePair(points[k].second, points[k].second));
            it->second = {std::min(it->second.first, points[k].second),
                          std::max(it->second.second, points[k].second)};
        }
        QCOMPARE(got.size(), want.size());
        QVERIFY(got == want);
        QVERIFY(std::any_of(points.begin(), points.end(), [](const auto& p) { return p.second == 1000.0; }));
        QVERIFY(std::any_of(points.begin(), points.end(), [](const auto& p) { return p.second == -500.0; }));
    }

    void millisecondsAndIsoGiveTheSameAnswer()
    {
        const qint64 from = t0 + 60'000, to = t0 + 120'000;
        const QByteArray byMs = QJsonDocument(readings(QStringLiteral("from=%1&to=%2").arg(from).arg(to)))
                                    .toJson(QJsonDocument::Compact);
        QCOMPARE(pointsOf(QJsonDocument::fromJson(byMs).object()).size(), 61);
        const auto iso = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODate);
        };
        for (const QString& q :
             {QStringLiteral("from=%1&to=%2").arg(iso(from), iso(to)),
              QStringLiteral("from=%1&to=%2").arg(iso(from).chopped(1), iso(to).chopped(1)),
              QStringLiteral("from=%1&to=%2")
                  .arg(QDateTime::fromMSecsSinceEpoch(from)
                           .toOffsetFromUtc(7200)
                           .toString(Qt::ISODate)
                           .replace(QLatin1Char('+'), QStringLiteral("%2B")),
                       QDateTime::fromMSecsSinceEpoch(to).toUTC().toString(Qt::ISODateWithMs)),
              // A "+" left unencoded, as people type it into a browser's address bar.
              QStringLiteral("from=%1&to=%2")
                  .arg(QDateTime::fromMSecsSinceEpoch(from).toOffsetFromUtc(3600).toString(Qt::ISODate))
                  .arg(to),
              // … and the same offset's "+" turned into a space by a form encoder.
              QStringLiteral("from=%1&to=%2")
                  .arg(QDateTime::fromMSecsSinceEpoch(from)
                           .toOffsetFromUtc(5400)
                           .toString(Qt::ISODate)
                           .replace(QLatin1Char('+'), QStringLiteral("%20")))
                  .arg(to)}) {
            QCOMPARE(QJsonDocument(readings(q)).toJson(QJsonDocument::Compact), byMs);
        }
    }

    void theLastDayByDefault()
    {
        // Every reading here is from 2026-09: far more than a day before now, so none is in range.
        QVERIFY(QDateTime::currentMSecsSinceEpoch() > t0 + m_n * 1000LL + 86'400'000);
        const QJsonObject o = readings(QString());
        QCOMPARE(o.value(QStringLiteral("decimated")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("points")).toArray().size(), 0);
    }

    // Last: it deletes the first two hours' readings.
    void minuteAggregatesStandInForDeletedReadings()
    {
        const qint64 cut = t0 + 7'200'000;
        const Status folded = m_rec->run([cut](Store& s) -> Status {
            auto n = MinuteAggregates::foldAndDelete(s.db(), 0, s.maxReadingSeq(), cut);
            return n ? Status() : Status(Error{n.error()});
        });
        QVERIFY2(folded.ok(), qPrintable(folded.error()));
        const qint64 to = t0 + (m_n - 1) * 1000LL;
        // Undecimated: one point per folded minute (its mean, at its start, or at `from` for the
        // minute t0 falls in), merged with the raw readings. t0 is 20 s into its minute, so the
        // minute of the cut holds 20 folded readings and 40 raw ones: none is lost or counted twice.
        const qint64 firstMinute = MinuteAggregates::minuteOf(t0);
        QCOMPARE(t0 - firstMinute, 20'000);
        const auto points =
            pointsOf(readings(QStringLiteral("from=%1&to=%2&max_points=100000").arg(t0).arg(to)));
        QCOMPARE(points.size(), 121 + 3600);
        for (int m = 0; m <= 120; ++m) {
            const qint64 start = firstMinute + m * 60'000LL;
            QCOMPARE(points[m].first, std::max(t0, start));
            double sum = 0;
            int n = 0;
            for (qint64 t = std::max(t0, start); t < std::min(start + 60'000, cut); t += 1000, ++n)
                sum += valueAt(int((t - t0) / 1000), m_n);
            QVERIFY2(qFuzzyCompare(points[m].second, sum / n), qPrintable(QString::number(m)));
        }
        QCOMPARE(points[121], qMakePair(cut, valueAt(7200, m_n)));
        QCOMPARE(points.last(), qMakePair(to, valueAt(m_n - 1, m_n)));
        // Decimated: the deleted spikes survive as their minutes' extremes.
        const QJsonObject d = readings(QStringLiteral("from=%1&to=%2&max_points=20").arg(t0).arg(to));
        QCOMPARE(d.value(QStringLiteral("decimated")).toBool(), true);
        const auto few = pointsOf(d);
        QVERIFY(few.size() <= 40);
        const qint64 spikeUpMinute = MinuteAggregates::minuteOf(t0 + (m_n / 3) * 1000LL);
        QVERIFY(spikeUpMinute < cut);
        // The minute's max at the minute's end (its bucket is far wider than a minute).
        QVERIFY(few.contains(qMakePair(spikeUpMinute + 59'999, 1000.0)));
        QVERIFY(few.contains(qMakePair(t0 + ((2 * m_n) / 3) * 1000LL, -500.0))); // still raw
        for (int k = 1; k < few.size(); ++k)
            QVERIFY(few[k].first > few[k - 1].first);
    }
};

QTEST_GUILESS_MAIN(TestApiReadings)
#include "tst_api_readings.moc"
