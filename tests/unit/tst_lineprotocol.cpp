// Line protocol and the points of each layout: escaping per the InfluxDB 1.x reference, Peper's
// tags and kW, times in UTC at every precision, and the influx: settings with file:line errors.
#include "InfluxStation.h"
#include "config/Settings.h"
#include "sinks/influx/InfluxPoints.h"
#include "sinks/influx/LineProtocol.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fs;
using namespace fs::influx;

class TestLineProtocol : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    /// A store with one eGauge meter (two registers, one node each, as the contract maps them) and
    /// one OPC-N3; answers the channel ids: P register, A register, OPC temperature.
    QList<ChannelId> makeStore(std::unique_ptr<Store>& store)
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("s%1.db").arg(++m_stores)));
        if (!s)
            qFatal("%s", qPrintable(s.error()));
        store = std::move(s).value();
        const auto p = store->ensureNode(
            test::egaugeNode(QStringLiteral("eg1"), QStringLiteral("eGauge12345"), QStringLiteral("TEST_YK"),
                             QStringLiteral("POW"), QStringLiteral("W")));
        const auto a = store->ensureNode(
            test::egaugeNode(QStringLiteral("eg1"), QStringLiteral("eGauge12345"),
                             QStringLiteral("CT1_Amperage"), QStringLiteral("current"), QStringLiteral("A")));
        const auto t = store->ensureNode({QStringLiteral("opcn3:1"),
                                          QStringLiteral("opcn3"),
                                          QStringLiteral("OPC"),
                                          {{QStringLiteral("temperature"), QStringLiteral("T"),
                                            QStringLiteral("Temperature"), QStringLiteral("deg.C")}},
                                          QStringLiteral("opc")});
        if (!p || !a || !t)
            qFatal("ensureNode failed");
        return {p->channels[0], a->channels[0], t->channels[0]};
    }
    int m_stores = 0;

    static SourceCatalog catalog()
    {
        SourceCatalog c;
        c.insert(QStringLiteral("eg1"), {QStringLiteral("egauge"),
                                         QStringLiteral("eGauge12345"),
                                         {{QStringLiteral("TEST_YK"), QStringLiteral("P")},
                                          {QStringLiteral("CT1_Amperage"), QStringLiteral("A")}}});
        c.insert(QStringLiteral("opc"), {QStringLiteral("opcn3"), QStringLiteral("OPC-N3"), {}});
        return c;
    }

private Q_SLOTS:
    void escapesPerSpec()
    {
        QCOMPARE(escapeMeasurement(QStringLiteral("my measure,x=1")), QByteArray("my\\ measure\\,x=1"));
        QCOMPARE(escapeKey(QStringLiteral("Rue de la Paix, 3=b")),
                 QByteArray("Rue\\ de\\ la\\ Paix\\,\\ 3\\=b"));
        QCOMPARE(escapeKey(QStringLiteral("two\nlines")), QByteArray("two\\ lines"));
        QCOMPARE(escapeKey(QStringLiteral("Créteil")), QStringLiteral("Créteil").toUtf8());
        QCOMPARE(quoteString(QStringLiteral("say \"hi\" \\ o")), QByteArray("\"say \\\"hi\\\" \\\\ o\""));
    }

    void floatsReadBackExactly()
    {
        QCOMPARE(floatText(4.198), QByteArray("4.198"));
        QCOMPARE(floatText(1234.5 * 0.001), QByteArray("1.2345"));
        QCOMPARE(floatText(-274.86), QByteArray("-274.86"));
        QCOMPARE(floatText(1e20), QByteArray("1e+20"));
        QCOMPARE(floatText(0.1 + 0.2).toDouble(), 0.1 + 0.2);
        QVERIFY(floatText(qQNaN()).isEmpty());
        QVERIFY(floatText(qInf()).isEmpty());
    }

    void timestampsInEachPrecision()
    {
        const qint64 t = 1562686920123; // 2019-07-09T15:42:00.123Z
        QCOMPARE(timestampIn(t, Precision::Milliseconds), t);
        QCOMPARE(timestampIn(t, Precision::Seconds), qint64(1562686920));
        QCOMPARE(timestampIn(t, Precision::Nanoseconds), qint64(1562686920123000000));
        QCOMPARE(timestampIn(-1, Precision::Seconds), qint64(-1)); // floored, never rounded up
        QCOMPARE(precisionName(Precision::Nanoseconds), QByteArray("ns"));
    }

    void seriesKeySortsTagsAndDropsEmptyValues()
    {
        const QByteArray key =
            seriesKey(QStringLiteral("measure"), {{QStringLiteral("Ville"), QStringLiteral("Paris")},
                                                  {QStringLiteral("CP"), QStringLiteral("75000")},
                                                  {QStringLiteral("IP"), QString()},
                                                  {QStringLiteral("ID"), QStringLiteral("eGauge 1")}});
        QCOMPARE(key, QByteArray("measure,CP=75000,ID=eGauge\\ 1,Ville=Paris"));
        QByteArray line;
        QVERIFY(appendPoint(line, key, "CT1_Amperage", 4.198, 1562686920000));
        QCOMPARE(line,
                 QByteArray("measure,CP=75000,ID=eGauge\\ 1,Ville=Paris CT1_Amperage=4.198 1562686920000\n"));
        QVERIFY(!appendPoint(line, key, "x", qInf(), 1));
        QCOMPARE(line.count('\n'), 1);
    }

    void peperLayoutWritesKilowattsAndItsTags()
    {
        std::unique_ptr<Store> store;
        const QList<ChannelId> ch = makeStore(store);
        InfluxSettings s;
        s.tags[QStringLiteral("eg1")] = {{QStringLiteral("IP"), QStringLiteral("192.168.1.20")},
                                         {QStringLiteral("Ville"), QStringLiteral("Paris")},
                                         {QStringLiteral("Rue"), QStringLiteral("Rue de Rivoli")}};
        PointBuilder b(s, catalog());
        QVERIFY(b.load(*store));
        QByteArray out;
        QCOMPARE(b.append(out, {1, 1562686920000, ch[0], 1234.5}), PointBuilder::Outcome::Written);
        QCOMPARE(b.append(out, {2, 1562686920000, ch[1], 4.198}), PointBuilder::Outcome::Written);
        // Only eGauge sources when `sources:` is empty; a channel the store does not know is Unknown.
        QCOMPARE(b.append(out, {3, 1562686920000, ch[2], 21.5}), PointBuilder::Outcome::Skipped);
        QCOMPARE(b.append(out, {4, 1562686920000, 9999, 1}), PointBuilder::Outcome::Unknown);
        QCOMPARE(out,
                 QByteArray("measure,ID=eGauge12345,IP=192.168.1.20,Rue=Rue\\ de\\ Rivoli,Unit=P,Ville=Paris "
                            "TEST_YK=1.2345 1562686920000\n"
                            "measure,ID=eGauge12345,IP=192.168.1.20,Rue=Rue\\ de\\ Rivoli,Unit=A,Ville=Paris "
                            "CT1_Amperage=4.198 1562686920000\n"));
    }

    void peperLayoutScalesAsPeperDidWhateverTheLetter()
    {
        // Peper divided every counter difference by 1000 and multiplied back only for =W, whatever
        // the register's type: a power-like register (quantum 1) came out in kilo-units under any other
        // letter (=VA gave kVA, =kW kW), a milli-quantum one (V, A, Hz) as measured, or ×1000 under =W.
        std::unique_ptr<Store> store;
        auto s = Store::open(m_dir.filePath(QStringLiteral("letters.db")));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        store = std::move(s).value();
        struct Reg
        {
            const char *name, *letter, *type, *unit;
            double stored, written;
        };
        const QList<Reg> regs = {{"Solar_VA", "VA", "apparent_power", "VA", 1500, 1.5},
                                 {"Grid_kW", "kW", "POW", "W", 2500, 2.5},
                                 {"Grid_W", "W", "POW", "W", 2500, 2500},
                                 {"L1_Voltage", "V", "voltage", "V", 230.5, 230.5},
                                 {"L1_mV", "W", "voltage", "V", 230.5, 230500}};
        SourceCatalog c;
        c.insert(QStringLiteral("eg1"), {QStringLiteral("egauge"), QStringLiteral("eGauge12345"), {}});
        QList<ChannelId> ids;
        for (const Reg& r : regs) {
            c[QStringLiteral("eg1")].registerUnits.insert(QLatin1String(r.name), QLatin1String(r.letter));
            const auto n = store->ensureNode(
                test::egaugeNode(QStringLiteral("eg1"), QStringLiteral("eGauge12345"), QLatin1String(r.name),
                                 QLatin1String(r.type), QLatin1String(r.unit)));
            QVERIFY(n.ok());
            ids << n->channels[0];
        }
        const InfluxSettings peper;
        PointBuilder b(peper, c);
        QVERIFY(b.load(*store));
        for (qsizetype i = 0; i < regs.size(); ++i) {
            QByteArray out;
            QCOMPARE(b.append(out, {i + 1, 1000, ids[i], regs[i].stored}), PointBuilder::Outcome::Written);
            const QByteArray expected =
                QByteArray(regs[i].name) + '=' + floatText(regs[i].written) + " 1000\n";
            QVERIFY2(out.endsWith(expected), out.constData());
        }
    }

    void otherSourcesAndSiLayout()
    {
        std::unique_ptr<Store> store;
        const QList<ChannelId> ch = makeStore(store);
        InfluxSettings s;
        s.sources = {QStringLiteral("eg1"), QStringLiteral("opc")};
        PointBuilder peper(s, catalog());
        QVERIFY(peper.load(*store));
        QByteArray out;
        QCOMPARE(peper.append(out, {3, 1000, ch[2], 21.5}), PointBuilder::Outcome::Written);
        QCOMPARE(out, QByteArray("opcn3,node=opcn3:1,source=opc temperature=21.5 1000\n"));

        s.layout = InfluxSettings::Layout::Si;
        s.precision = Precision::Seconds;
        s.tags[QStringLiteral("eg1")] = {{QStringLiteral("Ville"), QStringLiteral("Paris")}};
        s.tagNames = {{QStringLiteral("Ville"), QStringLiteral("city")},
                      {QStringLiteral("Unit"), QStringLiteral("unit")}};
        PointBuilder si(s, catalog());
        QVERIFY(si.load(*store));
        out.clear();
        QCOMPARE(si.append(out, {1, 1999, ch[0], 1234.5}), PointBuilder::Outcome::Written);
        QCOMPARE(out, QByteArray(
                          "egauge,city=Paris,node=egauge:eg1:TEST_YK,source=eg1,unit=W TEST_YK=1234.5 1\n"));
        QCOMPARE(si.append(out, {2, 2000, ch[1], qQNaN()}), PointBuilder::Outcome::Skipped);
        QCOMPARE(si.refused(), qint64(1));
    }

    void settingsDefaultsReproducePeper()
    {
        const auto s =
            Settings::parse("influx:\n  enabled: true\n  url: http://127.0.0.1:8086\n  database: peper\n",
                            QStringLiteral("i.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->influx.layout, InfluxSettings::Layout::Peper);
        QCOMPARE(s->influx.measurementFor(QStringLiteral("egauge")), QStringLiteral("measure"));
        QCOMPARE(s->influx.batchPoints, 5000);
        QCOMPARE(int(s->influx.precision), int(Precision::Milliseconds));
    }

    void settingsValuesAreRead()
    {
        const QByteArray yaml = "influx:\n  enabled: true\n  name: central\n  url: https://influx.example/\n"
                                "  database: db\n  user: writer\n  layout: si\n  measurement: fs\n"
                                "  precision: s\n  batch_points: 200\n  sources: [eg1, opc]\n"
                                "  tags:\n    eg1: {ID: eGauge12345, GPS_lat: \"48.85\", CP: \"75001\"}\n"
                                "  tag_names: {Ville: city}\n";
        const auto s = Settings::parse(yaml, QStringLiteral("i.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->influx.name, QStringLiteral("central"));
        QCOMPARE(s->influx.layout, InfluxSettings::Layout::Si);
        QCOMPARE(s->influx.measurementFor(QStringLiteral("opcn3")), QStringLiteral("fs"));
        QCOMPARE(int(s->influx.precision), int(Precision::Seconds));
        QCOMPARE(s->influx.batchPoints, 200);
        QCOMPARE(s->influx.sources, QStringList({QStringLiteral("eg1"), QStringLiteral("opc")}));
        QCOMPARE(s->influx.tags.value(QStringLiteral("eg1")).value(QStringLiteral("CP")),
                 QStringLiteral("75001"));
        QCOMPARE(s->influx.tagNames.value(QStringLiteral("Ville")), QStringLiteral("city"));
    }

    void settingsErrorsNameFileAndLine()
    {
        const QByteArray yaml =
            "influx:\n  enabled: true\n  url: ftp://x\n  precision: us\n"
            "  batch_points: 0\n  tags:\n    eg1: {Town: Paris}\n  tag_names: {Street: rue}\n";
        const auto s = Settings::parse(yaml, QStringLiteral("i.yaml"));
        QVERIFY(!s.ok());
        const QString e = s.error();
        QVERIFY2(e.contains(QStringLiteral("i.yaml:3: influx.url: must be an http:// or https:// URL")),
                 qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("i.yaml:4: influx.precision: must be one of s, ms, ns")),
                 qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("i.yaml:5: influx.batch_points")), qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("i.yaml:7: influx.tags.eg1.Town")), qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("i.yaml:8: influx.tag_names: \"Street\" is not one of")),
                 qPrintable(e));
        QVERIFY2(e.contains(QStringLiteral("i.yaml:2: influx.database: must be set")), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestLineProtocol)
#include "tst_lineprotocol.moc"
