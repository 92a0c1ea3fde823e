// The ISEMS node emulator's router log as a real router serves it: one line a minute, and at 3660
// lines archived so that the served file starts again from empty; polled through the rotation,
// every line served is stored once.
#include "sim/IsemsNodeEmulator.h"
#include "sources/isems/IsemsIngest.h"

#include <QTest>

using namespace fs;
using Node = IsemsNodeEmulator::Node;

namespace {

constexpr qint64 kStart = 1782036000000LL; // 2026-06-21 10:00:00 UTC, on a minute

int linesIn(const QByteArray& log)
{
    return int(log.count('\n'));
}

} // namespace

class TestIsemsEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theRouterLogStartsAgainAfterItsLastLine()
    {
        IsemsNodeEmulator::Options o;
        o.clock = [] { return kStart; };
        o.routerHistoryS = 0;
        IsemsNodeEmulator emulator(o);
        QCOMPARE(IsemsNodeEmulator::Options().routerRotateLines, 3660); // ~61 h, as the router's script
        QCOMPARE(linesIn(emulator.logAt(Node::Router, kStart)), 1);
        const qint64 minute = 60000;
        QCOMPARE(linesIn(emulator.logAt(Node::Router, kStart + 3658 * minute)), 3659);
        QCOMPARE(emulator.logAt(Node::Router, kStart + 3659 * minute), QByteArray()); // archived
        const QByteArray after = emulator.logAt(Node::Router, kStart + 3660 * minute);
        QCOMPARE(after, emulator.lineAt(Node::Router, kStart + 3660 * minute) + '\n');
    }

    void pollingThroughARotationStoresEveryLineOnce()
    {
        IsemsNodeEmulator::Options o;
        o.clock = [] { return kStart; };
        o.routerHistoryS = 600; // ten lines before the start
        o.routerRotateLines = 25;
        IsemsNodeEmulator emulator(o);
        isems::IsemsIngest ingest(QStringLiteral("isems"), nullptr, [](const NodeSpec& spec) {
            NodeChannels ids;
            ids.node = 1;
            for (qsizetype i = 0; i < spec.channels.size(); ++i)
                ids.channels.append(ChannelId(i + 1));
            return Result<NodeChannels>(ids);
        });
        qint64 stored = 0, duplicates = 0, served = 0;
        for (qint64 t = kStart; t <= kStart + 60 * 60000; t += 60000) {
            const QByteArray log = emulator.logAt(Node::Router, t);
            served += linesIn(log);
            const auto b = ingest.ingestText(log, t);
            stored += b.stored;
            duplicates += b.duplicates;
            QCOMPARE(b.refused, 0);
        }
        // 10 before the start, the start and 60 after, less the 25th and 50th: the line that fills
        // the log goes to the archive in the same run of the router's script, never served.
        QCOMPARE(stored, 71 - 2);
        QCOMPARE(stored + duplicates, served); // every served line counted once, as one or the other
    }
};

QTEST_GUILESS_MAIN(TestIsemsEmulator)
#include "tst_isems_emulator.moc"
