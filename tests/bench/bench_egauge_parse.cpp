// bench_egauge_parse [--rows N] [--registers R] [--repeat K] [--save PATH]
// Parses and differences an egauge-show answer of N rows × R registers (default 40 000 × 20, the
// most a meter is asked for at once) and prints rows/s, beside Python's xml.etree doing the same
// parse and differencing (egauge_parse_baseline.py) on the same file in the same run; the ratio is
// the figure of issue 9 item 10 (target ≥ 20×). Both sides' sums of rates must agree.
#include "BenchSupport.h"
#include "sources/egauge/EgaugeRates.h"
#include "sources/egauge/EgaugeXml.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <random>

using namespace fs;

namespace {

// A plausible answer: counters of mixed types walking up (P also down: export), one second apart,
// newest first, starting near realistic magnitudes (10^11 … 10^13 raw units).
QByteArray makeAnswer(int rows, int registers)
{
    static const char* const types[] = {"V", "I", "P", "P", "I", "V", "F", "P", "S", "var"};
    std::mt19937_64 gen(42);
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
                     "<!DOCTYPE group PUBLIC \"-//ESL/DTD eGauge 1.0//EN\" "
                     "\"http://www.egauge.net/DTD/egauge-hist.dtd\">\n<group serial=\"0x4e842294\">\n"
                     "<data columns=\"" +
                     QByteArray::number(registers) +
                     "\" time_stamp=\"0x6682a9c0\" time_delta=\"1\" epoch=\"0x5c2aad80\">\n";
    QList<qint64> counter(registers);
    QList<qint64> step(registers);
    for (int r = 0; r < registers; ++r) {
        const QByteArray t = types[r % 10];
        xml += " <cname t=\"" + t + "\" did=\"" + QByteArray::number(r) + "\">Reg" + QByteArray::number(r) +
               "_" + t + "</cname>\n";
        counter[r] = qint64(1e11 + double(gen() % 1000000000000ULL) * 10);
        step[r] = t == "V" ? 230000 : t == "I" ? 4200 : t == "F" ? 50000 : 900;
    }
    xml.reserve(qsizetype(rows) * registers * 20 + xml.size());
    for (int k = 0; k < rows; ++k) {
        xml += " <r>";
        for (int r = 0; r < registers; ++r) {
            xml += "<c>" + QByteArray::number(counter[r]) + "</c>";
            // Older rows hold smaller counters; a P register sometimes runs backwards (export).
            const qint64 jitter = qint64(gen() % 2001) - 1000;
            counter[r] -=
                types[r % 10][0] == 'P' && (k / 600) % 2 ? -(step[r] + jitter) : step[r] + jitter / 10;
        }
        xml += "</r>\n";
    }
    return xml + "</data>\n</group>\n";
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const int rows = bench::option(a, "--rows", QStringLiteral("40000")).toInt();
    const int registers = bench::option(a, "--registers", QStringLiteral("20")).toInt();
    const int repeat = bench::option(a, "--repeat", QStringLiteral("3")).toInt();

    const QByteArray xml = makeAnswer(rows, registers);
    QTemporaryDir tmp;
    // --save PATH keeps the answer (to profile the parser on its own).
    const QString path = bench::option(a, "--save", tmp.filePath(QStringLiteral("answer.xml")));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(xml) != xml.size())
        qFatal("cannot write %s", qPrintable(path));
    f.close();
    std::printf("answer: %d rows x %d registers, %.1f MB\n", rows, registers, xml.size() / 1e6);

    double best = 1e99, bestParse = 1e99, sum = 0;
    qsizetype values = 0;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        const auto answer = egauge::parseShow(xml);
        if (!answer)
            qFatal("parse failed: %s", qPrintable(answer.error()));
        bestParse = std::min(bestParse, t.nsecsElapsed() / 1e9);
        const egauge::Rates rates = egauge::differences(*answer);
        best = std::min(best, t.nsecsElapsed() / 1e9);
        sum = 0;
        values = 0;
        for (double v : rates.values) {
            if (!std::isnan(v)) {
                sum += v;
                ++values;
            }
        }
    }
    std::printf("fieldstation: %.4f s (parse %.4f s), %.0f rows/s (%lld rates, sum %.6f)\n", best, bestParse,
                rows / best, static_cast<long long>(values), sum);

    QProcess py;
    py.start(QStringLiteral("python3"), {QStringLiteral(FS_BENCH_DIR "/egauge_parse_baseline.py"), path,
                                         QStringLiteral("--repeat"), QString::number(repeat)});
    if (!py.waitForFinished(-1) || py.exitCode() != 0) {
        std::fprintf(stderr, "python3 baseline failed: %s\n", py.readAllStandardError().constData());
        return 1;
    }
    const QList<QByteArray> out = py.readAllStandardOutput().trimmed().split(' ');
    const double pySeconds = out.value(0).toDouble();
    const qint64 pyValues = out.value(1).toLongLong();
    const double pySum = out.value(2).toDouble();
    std::printf("python3 xml.etree: %.4f s, %.0f rows/s (%lld rates, sum %.6f)\n", pySeconds,
                rows / pySeconds, static_cast<long long>(pyValues), pySum);
    const bool same = pyValues == values && std::abs(pySum - sum) <= 1e-9 * std::max(1.0, std::abs(sum));
    std::printf("ratio: %.1fx faster than python3 xml.etree (target >= 20x); results %s\n", pySeconds / best,
                same ? "agree" : "DIFFER");
    return same ? 0 : 1;
}
