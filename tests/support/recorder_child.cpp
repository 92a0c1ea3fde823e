// recorder_child STORE: records samples (value = running index) as fast as it can and prints
// "committed SEQ" after every commit, until it is killed. Used by tst_durability.
#include "store/Recorder.h"

#include <QCoreApplication>
#include <cstdio>

using namespace fs;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: recorder_child STORE\n");
        return 2;
    }
    RecorderOptions o;
    o.flushIntervalMs = 20;
    o.maxBatch = 1000;
    Recorder rec(QString::fromLocal8Bit(argv[1]), o);
    if (Status s = rec.start(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error()));
        return 1;
    }
    QObject::connect(&rec, &Recorder::committed, [](qint64 seq, int) {
        std::printf("committed %lld\n", static_cast<long long>(seq));
        std::fflush(stdout);
    });
    const auto ids = rec.registerNode(
        {QStringLiteral("child:1"),
         QStringLiteral("test"),
         QStringLiteral("child"),
         {{QStringLiteral("v"), QStringLiteral("voltage"), QStringLiteral("V"), QStringLiteral("1")}},
         QString()});
    if (!ids) {
        std::fprintf(stderr, "%s\n", qPrintable(ids.error()));
        return 1;
    }
    const qint64 start = rec.lastCommittedSeq();
    std::printf("ready %lld\n", static_cast<long long>(start));
    std::fflush(stdout);
    // Value k is the k-th sample ever recorded in this store, so seq and value agree.
    for (qint64 k = start + 1;; ++k)
        rec.submit(Sample{k, ids->channels[0], double(k)});
}
