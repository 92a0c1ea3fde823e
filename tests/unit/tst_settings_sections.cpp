// tst_settings_sections: the settings file cut into top-level sections and put together again, with
// every comment and blank line kept where it was.
#include "config/SettingsSections.h"

#include <QTest>

using namespace fs;
namespace ss = fs::settingssections;

class TstSettingsSections : public QObject
{
    Q_OBJECT

    const QString file = QStringLiteral("# FieldStation settings\n"
                                        "\n"
                                        "# who we are\n"
                                        "station:\n"
                                        "  name: roof # the roof box\n"
                                        "  secrets: file\n"
                                        "\n"
                                        "# upload\n"
                                        "# (needs a registration)\n"
                                        "gascloud:\n"
                                        "  enabled: true\n"
                                        "sources:\n"
                                        "  - id: opc\n"
                                        "    type: opcn3\n"
                                        "# trailing words\n"
                                        "log_rules: \"fs.*.debug=true\"\n");

private Q_SLOTS:
    void splitsAtTopLevelKeys()
    {
        const QList<SettingsSection> s = ss::split(file);
        QStringList names;
        for (const SettingsSection& x : s)
            names << x.name;
        QCOMPARE(names, (QStringList{"", "station", "gascloud", "sources", "log_rules"}));
        QCOMPARE(s[0].text, QStringLiteral("# FieldStation settings\n\n"));
        // The comment block right above a key goes with it; the blank line stays behind.
        QCOMPARE(s[1].text,
                 QStringLiteral("# who we are\nstation:\n  name: roof # the roof box\n  secrets: file\n\n"));
        QCOMPARE(s[2].text,
                 QStringLiteral("# upload\n# (needs a registration)\ngascloud:\n  enabled: true\n"));
        QCOMPARE(s[3].text, QStringLiteral("sources:\n  - id: opc\n    type: opcn3\n"));
        QCOMPARE(s[4].text, QStringLiteral("# trailing words\nlog_rules: \"fs.*.debug=true\"\n"));
    }

    void joinGivesTheFileBack_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("sample") << file;
        QTest::newRow("empty") << QString();
        QTest::newRow("only comments") << QStringLiteral("# a\n\n# b\n");
        QTest::newRow("document marker") << QStringLiteral("---\nstation:\n  name: x\n...\n");
        QTest::newRow("indented list at top")
            << QStringLiteral("sources:\n- id: a\n  type: opcn3\n- id: b\n");
        QTest::newRow("quoted key") << QStringLiteral("\"station\":\n  name: q\n");
    }
    void joinGivesTheFileBack()
    {
        QFETCH(QString, text);
        QCOMPARE(ss::join(ss::split(text)), text);
    }

    void aMissingLastNewlineIsAdded()
    {
        QCOMPARE(ss::join(ss::split(QStringLiteral("station:\n  name: x"))),
                 QStringLiteral("station:\n  name: x\n"));
    }

    void listItemsAndQuotedKeysAreNoSections()
    {
        const QList<SettingsSection> s =
            ss::split(QStringLiteral("sources:\n- id: a\n  type: opcn3\n\"station\":\n  name: q\n"));
        QCOMPARE(s.size(), 2);
        QCOMPARE(s[0].name, QStringLiteral("sources"));
        QCOMPARE(s[1].name, QStringLiteral("station"));
    }

    void replaceKeepsEveryOtherLine()
    {
        const QString changed = ss::replace(file, QStringLiteral("gascloud"),
                                            QStringLiteral("# upload\ngascloud:\n  enabled: false\n"));
        QVERIFY(changed.contains(QStringLiteral("  name: roof # the roof box\n")));
        QVERIFY(changed.contains(QStringLiteral("# FieldStation settings\n")));
        QVERIFY(changed.contains(QStringLiteral("# trailing words\n")));
        QVERIFY(changed.contains(QStringLiteral("gascloud:\n  enabled: false\nsources:")));
        QVERIFY(!changed.contains(QStringLiteral("(needs a registration)")));
        QCOMPARE(ss::split(changed).size(), 5);
    }

    void replaceAppendsAMissingSection()
    {
        const QString changed =
            ss::replace(file, QStringLiteral("api"), QStringLiteral("api:\n  port: 8080\n"));
        QVERIFY(changed.startsWith(file));
        QVERIFY(changed.endsWith(QStringLiteral("api:\n  port: 8080\n")));
    }

    void meaningfulDropsCommentsAndBlankLines()
    {
        QCOMPARE(ss::meaningful(QStringLiteral("# a\nstation:\n\n  # b\n  name: x\n")),
                 QStringLiteral("station:\n  name: x"));
        QCOMPARE(ss::meaningful(QStringLiteral("station:\n  name: x # roof  \n  tag: \"a #b\" # c\n")),
                 QStringLiteral("station:\n  name: x\n  tag: \"a #b\""));
        QVERIFY(ss::meaningful(QStringLiteral("station:\n  name: x\n")) !=
                ss::meaningful(QStringLiteral("station:\n  name: y\n")));
    }

    void lineCounts()
    {
        QCOMPARE(ss::lineCount(QStringLiteral("a\nb\n")), 2);
        QCOMPARE(ss::lineCount(QString()), 0);
    }
};

QTEST_GUILESS_MAIN(TstSettingsSections)
#include "tst_settings_sections.moc"
