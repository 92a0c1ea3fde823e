// Translations: German and French are complete for every visible string (a new qsTr() without a
// translation fails here), the language comes from the settings or the system locale, and a switch
// re-translates a live QML scene.
#include "LanguageSwitch.h"
#include "TestSupport.h"
#include "config/Settings.h"
#include "health/AlarmRules.h"
#include "views/DashboardTiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace fs;

namespace {

/// The messages of a .ts file that still wait for a translation (unfinished, or empty), each as
/// "context: source"; obsolete and vanished ones are not shown, so they do not count.
QStringList untranslated(const QString& tsPath)
{
    QFile f(tsPath);
    if (!f.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + tsPath};
    QXmlStreamReader xml(&f);
    QStringList out;
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || (type.isEmpty() && text.isEmpty()))
                out << context + QStringLiteral(": ") + source;
        }
    }
    if (xml.hasError())
        out << tsPath + QStringLiteral(": ") + xml.errorString();
    return out;
}

const QString kTranslations = QStringLiteral(FS_SOURCE_DIR "/translations");

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("fr") << QStringLiteral("fr");
    }
    /// Every message in the committed file has its translation.
    void complete()
    {
        QFETCH(QString, language);
        const QStringList missing =
            untranslated(kTranslations + QStringLiteral("/fieldstation_%1.ts").arg(language));
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    void upToDate_data() { complete_data(); }
    /// lupdate over today's sources (into a copy) adds no message: no qsTr() waits for a translator.
    void upToDate()
    {
        QFETCH(QString, language);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("fieldstation_%1.ts").arg(language));
        QVERIFY(QFile::copy(kTranslations + QStringLiteral("/fieldstation_%1.ts").arg(language), copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(FS_SOURCE_DIR));
        lupdate.start(QStringLiteral(FS_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-silent"), QStringLiteral("qml"),
                       QStringLiteral("app"), QStringLiteral("core/health/AlarmRules.cpp"),
                       QStringLiteral("core/sim/DemoFarEnds.cpp"), QStringLiteral("core/StationDemo.cpp"),
                       QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(test::timeoutMs(60000)));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        const QStringList missing = untranslated(copy);
        QVERIFY2(
            missing.isEmpty(),
            qPrintable(
                QStringLiteral("lupdate finds %1 message(s) without a translation:\n").arg(missing.size()) +
                missing.join(QLatin1Char('\n'))));
    }

    /// "auto" takes the first of the user's languages that has a translation, else English.
    void resolve()
    {
        QCOMPARE(LanguageSwitch::resolve(QStringLiteral("auto"), QLocale(QStringLiteral("de_CH"))),
                 QStringLiteral("de"));
        QCOMPARE(LanguageSwitch::resolve(QStringLiteral("auto"), QLocale(QStringLiteral("fr_FR"))),
                 QStringLiteral("fr"));
        QCOMPARE(LanguageSwitch::resolve(QStringLiteral("auto"), QLocale(QStringLiteral("ja_JP"))),
                 QStringLiteral("en"));
        QCOMPARE(LanguageSwitch::resolve(QStringLiteral("fr"), QLocale(QStringLiteral("de_DE"))),
                 QStringLiteral("fr"));
    }

    /// Switching installs the translation and re-evaluates the qsTr() bindings of a live scene.
    void switchRetranslates()
    {
        QQmlEngine engine;
        LanguageSwitch language(QStringLiteral(FS_QM_DIR)); // lrelease's output, as put into :/i18n
        language.attach(&engine);
        QQmlComponent component(&engine);
        // The context of a qsTr() in QML is the file's base name, as for the real badge.
        component.setData("import QtQml\nQtObject { property string text: qsTr(\"Store OK\") }",
                          QUrl(QStringLiteral("qrc:/test/StoreHealthBadge.qml")));
        std::unique_ptr<QObject> badge(component.create());
        QVERIFY2(badge, qPrintable(component.errorString()));
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QCOMPARE(badge->property("text").toString(), QStringLiteral("Store OK"));
        QVERIFY(language.setLanguage(QStringLiteral("de")));
        QCOMPARE(language.current(), QStringLiteral("de"));
        QCOMPARE(badge->property("text").toString(), QStringLiteral("Speicher OK"));
        QVERIFY(language.setLanguage(QStringLiteral("fr")));
        const QString french = badge->property("text").toString();
        QVERIFY(french != QLatin1String("Store OK") && french != QLatin1String("Speicher OK"));
        // No such translation: refused, the French one stays.
        QVERIFY(!language.setLanguage(QStringLiteral("xx")));
        QCOMPARE(language.current(), QStringLiteral("fr"));
        QCOMPARE(badge->property("text").toString(), french);
    }

    /// Texts built in C++ outside a QObject (the home tiles) are looked up under the context lupdate
    /// gave them, so they follow the language too.
    void tilesFollowLanguage()
    {
        LanguageSwitch language(QStringLiteral(FS_QM_DIR));
        const qint64 now = 10 * 60 * 1000;
        QVERIFY(language.setLanguage(QStringLiteral("de")));
        QCOMPARE(tiles::ageText(0, now), QStringLiteral("nie"));
        QCOMPARE(tiles::ageText(now - 2 * 60 * 1000, now), QStringLiteral("vor 2 min"));
        QVERIFY(language.setLanguage(QStringLiteral("fr")));
        QCOMPARE(tiles::ageText(0, now), QStringLiteral("jamais"));
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QCOMPARE(tiles::ageText(0, now), QStringLiteral("never"));
    }

    /// The alarms' texts (built in core) follow the language on the tile and banner; the code stays.
    void alarmsFollowLanguage()
    {
        LanguageSwitch language(QStringLiteral(FS_QM_DIR));
        HealthSnapshot snapshot;
        snapshot.nodes.append({QStringLiteral("opcn3:177"),
                               QStringLiteral("opc"),
                               {{QStringLiteral("opc_fan_rev_count"), 0.0}}});
        snapshot.heartbeats.append({QStringLiteral("house"), QStringLiteral("house"),
                                    QStringLiteral("eGauge"), 1'000, 60'000, true});
        const auto texts = [&snapshot] {
            QStringList out;
            for (const Alarm& a : AlarmRules().evaluate(snapshot, 1'000 + 10 * 60'000))
                out << a.code + QLatin1Char('=') + a.text;
            return out;
        };
        QVERIFY(language.setLanguage(QStringLiteral("de")));
        QCOMPARE(texts(), (QStringList{QStringLiteral("opc_fan=Lüfter steht"),
                                       QStringLiteral("silent=seit 10 min keine Daten")}));
        QVERIFY(language.setLanguage(QStringLiteral("fr")));
        QCOMPARE(texts(), (QStringList{QStringLiteral("opc_fan=ventilateur arrêté"),
                                       QStringLiteral("silent=aucune donnée depuis 10 min")}));
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QCOMPARE(texts(), (QStringList{QStringLiteral("opc_fan=fan stopped"),
                                       QStringLiteral("silent=no data for 10 min")}));
    }

    /// station.language in the settings: the four choices, and a bad one named with file and line.
    void settingsKey()
    {
        QCOMPARE(Settings().station.language, QStringLiteral("auto"));
        Result<Settings> de =
            Settings::parse("station:\n  name: x\n  language: de\n", QStringLiteral("s.yaml"));
        QVERIFY2(de, de ? "" : qPrintable(de.error()));
        QCOMPARE(de->station.language, QStringLiteral("de"));
        const Result<Settings> bad =
            Settings::parse("station:\n  name: x\n  language: klingon\n", QStringLiteral("s.yaml"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QStringLiteral("s.yaml:3")), qPrintable(bad.error()));
        QVERIFY2(bad.error().contains(QStringLiteral("language")), qPrintable(bad.error()));
        QVERIFY2(bad.error().contains(QStringLiteral("klingon")), qPrintable(bad.error()));
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
