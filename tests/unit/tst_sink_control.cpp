// SinkControl: a password typed on the screen lands in the secret store under the very name the
// command line's --set-password uses, off the GUI thread, and nowhere else (no property, no log, no
// other file); then the sink is asked for a pass at once.
#include "CliRun.h"
#include "PushStation.h"
#include "TestSupport.h"
#include "views/SinkControl.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMetaProperty>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace fs;

namespace {

QStringList g_log;

void capture(QtMsgType, const QMessageLogContext& ctx, const QString& msg)
{
    g_log << QStringLiteral("%1: %2").arg(QLatin1String(ctx.category ? ctx.category : ""), msg);
}

/// A loopback port nothing listens on: the pusher's passes fail at once.
int closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

/// Every property value of `o` and its children, as text.
QStringList propertyTexts(const QObject* o)
{
    QStringList out;
    const QMetaObject* mo = o->metaObject();
    for (int i = 0; i < mo->propertyCount(); ++i)
        out << mo->property(i).read(o).toString();
    for (const QByteArray& name : o->dynamicPropertyNames())
        out << o->property(name.constData()).toString();
    for (const QObject* child : o->children())
        out << propertyTexts(child);
    return out;
}

} // namespace

class TestSinkControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true"));
        qInstallMessageHandler(capture);
    }
    void cleanupTestCase() { qInstallMessageHandler(nullptr); }

    void passwordGoesToTheStoreOnlyAndAPassFollows()
    {
        test::PushStation st(closedPort(), QStringLiteral("cogent"));
        const SecretStore secrets(st.dir.path(), StationSettings::Secrets::File, false);
        QList<PushStatus> failures; // one per failed pass
        connect(
            st.pusher.get(), &Pusher::statusChanged, this,
            [&](const QList<PushStatus>& all) {
                if (all.value(0).failures > 0 &&
                    (failures.isEmpty() || failures.last().failures != all.value(0).failures))
                    failures << all.value(0);
            },
            Qt::QueuedConnection);
        st.pusher->start();
        // The first pass fails (nothing listens): the next would come only after a 5 s back-off.
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, test::timeoutMs(5000));

        SinkControl control(secrets);
        control.attach(QStringLiteral("push"), st.pusher.get());
        QSignalSpy stored(&control, &SinkControl::passwordStored);
        QSignalSpy requested(&control, &SinkControl::passRequested);
        const QString password = QStringLiteral("Tr0ub4dor&3-screen");
        g_log.clear();
        control.setPassword(QStringLiteral("push"), QStringLiteral("central"), password);
        QVERIFY(control.storing());
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        QVERIFY(!control.storing());
        QCOMPARE(stored.first().at(0).toBool(), true);
        const QString where = stored.first().at(1).toString();
        QVERIFY2(where.startsWith(st.dir.path()), qPrintable(where));
        QCOMPARE(secrets.read(Pusher::passwordSecret(QStringLiteral("central"))).value(), password);

        // Then a pass at once, inside the back-off. Judged by the sink's own clock, not by how long
        // the test waited: a loaded machine may take as long as the 5 s back-off to get here.
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(2).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 2, test::timeoutMs(10000));
        QCOMPARE(failures[1].failures, 2);
        const qint64 secondPassEnded = failures[1].nextAttemptMs - 10'000; // the 2nd back-off is 10 s
        QVERIFY2(secondPassEnded < failures[0].nextAttemptMs,
                 qPrintable(QStringLiteral("the second pass ended %1 ms after the back-off was up")
                                .arg(secondPassEnded - failures[0].nextAttemptMs)));
        st.pusher->stop();

        QVERIFY(!propertyTexts(&control).join(QLatin1Char('\n')).contains(password));
        QVERIFY(!g_log.isEmpty()); // the pass logged its failure: the capture works
        QVERIFY2(!g_log.join(QLatin1Char('\n')).contains(password),
                 qPrintable(g_log.join(QLatin1Char('\n'))));
        // Not in the store, nor any other file of the data dir: only in the secret's own file.
        QDirIterator files(st.dir.path(), QDir::Files, QDirIterator::Subdirectories);
        int checked = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            if (path == where)
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(password.toUtf8()), qPrintable(path));
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    void sameSecretNamesAsTheCommandLine()
    {
        QTemporaryDir dir;
        const QString config =
            test::writeFile(dir, "fieldstation.yaml", "station:\n  secrets: file\ninflux:\n  name: site\n");
        const QString data = dir.filePath(QStringLiteral("data"));
        const SecretStore secrets(data, StationSettings::Secrets::File, false);
        for (const auto& [kind, server, command] :
             {std::tuple{"push", "central",
                         QStringList{QStringLiteral("push"), QStringLiteral("--set-password"),
                                     QStringLiteral("central")}},
              std::tuple{"influx", "site",
                         QStringList{QStringLiteral("influx"), QStringLiteral("--set-password")}}}) {
            const test::Run r = test::runConfigured(dir, config, command, "from-the-command-line\n");
            QVERIFY2(r.code == 0, r.err.constData());
            const QString name = SinkControl::secretName(QLatin1String(kind), QLatin1String(server));
            QCOMPARE(secrets.read(name).value(), QStringLiteral("from-the-command-line"));

            SinkControl control(secrets);
            QSignalSpy stored(&control, &SinkControl::passwordStored);
            QSignalSpy requested(&control, &SinkControl::passRequested);
            control.setPassword(QLatin1String(kind), QLatin1String(server),
                                QStringLiteral("from-the-screen"));
            QVERIFY(stored.wait(test::timeoutMs(5000)));
            QVERIFY(stored.first().at(0).toBool());
            QCOMPARE(secrets.read(name).value(), QStringLiteral("from-the-screen"));
            // No sink runs here: the pass it asks for is refused, and says so.
            QCOMPARE(requested.size(), 1);
            QCOMPARE(requested.first().at(1).toString(), QLatin1String(server));
            QCOMPARE(requested.first().at(2).toBool(), false);
        }
    }

    void unknownKindIsRefused()
    {
        QTemporaryDir dir;
        SinkControl control(SecretStore(dir.path(), StationSettings::Secrets::File, false));
        QSignalSpy stored(&control, &SinkControl::passwordStored);
        control.setPassword(QStringLiteral("ftp"), QStringLiteral("x"), QStringLiteral("secret"));
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().at(0).toBool(), false);
        QVERIFY(!stored.first().at(1).toString().contains(QStringLiteral("secret")));
        QVERIFY(!control.pushNow(QStringLiteral("push"), QStringLiteral("central")));
        QVERIFY(!QDir(dir.filePath(QStringLiteral("secrets"))).exists());
    }
};

QTEST_GUILESS_MAIN(TestSinkControl)
#include "tst_sink_control.moc"
