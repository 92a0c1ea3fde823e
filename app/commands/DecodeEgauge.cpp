// DecodeEgauge: reads the file, parses and differences it, prints the JSON array; a bad answer is
// one line on stderr and exit 1, values that could not be formed are warned about on stderr.
#include "commands/DecodeEgauge.h"
#include "util/JsonText.h"

#include <QDateTime>
#include <QFile>

#include <cmath>
#include <cstdio>

namespace fs {

namespace {

using json::number;

QByteArray isoTime(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return t.toString(ms % 1000 ? Qt::ISODateWithMs : Qt::ISODate).toUtf8();
}

int fail(const QString& message)
{
    std::fprintf(stderr, "fieldstation decode: %s\n", qPrintable(message));
    return 1;
}

} // namespace

QByteArray egaugeRatesJson(const egauge::Rates& rates)
{
    QByteArray out = "[";
    bool first = true;
    const int columns = int(rates.columns.size());
    for (int k = 0; k < rates.timesMs.size(); ++k) {
        const QByteArray time = json::string(QString::fromUtf8(isoTime(rates.timesMs[k])));
        for (int c = 0; c < columns; ++c) {
            const double v = rates.value(k, c);
            if (std::isnan(v))
                continue;
            out += first ? "\n  " : ",\n  ";
            first = false;
            out += "{\"time\": " + time + ", \"register\": " + json::string(rates.columns[c].name) +
                   ", \"type\": " + json::string(rates.columns[c].type) +
                   ", \"unit\": " + json::string(rates.types[c]->unit) + ", \"value\": " + number(v) + "}";
        }
    }
    return out + (first ? "]\n" : "\n]\n");
}

int runDecodeEgauge(const QStringList& args)
{
    if (args.size() != 1)
        return fail(QStringLiteral("usage: fieldstation decode egauge FILE"));
    QFile f(args[0]);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(args[0], f.errorString()));
    const auto answer = egauge::parseShow(f.readAll());
    if (!answer)
        return fail(QStringLiteral("%1: %2").arg(args[0], answer.error()));
    const egauge::Rates rates = egauge::differences(*answer);
    for (const QString& w : rates.warnings)
        std::fprintf(stderr, "fieldstation decode: warning: %s\n", qPrintable(w));
    if (rates.resets > 0)
        std::fprintf(stderr,
                     "fieldstation decode: warning: %d value(s) dropped: a one-way counter fell (reset)\n",
                     rates.resets);
    const QByteArray json = egaugeRatesJson(rates);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return 0;
}

} // namespace fs
