// EgaugeShowXml: rows are walked from the newest time down; where the meter no longer holds the
// requested resolution a new <data> block starts at the coarser one, as the real meter does.
#include "sim/EgaugeShowXml.h"

#include <algorithm>
#include <limits>

namespace fs::sim {

namespace {

std::optional<qint64> number(QByteArrayView v)
{
    bool ok = false;
    const qint64 x = v.toByteArray().toLongLong(&ok);
    return ok ? std::optional<qint64>(x) : std::nullopt;
}

qint64 floorTo(qint64 x, qint64 unit)
{
    const qint64 q = x / unit;
    return (q * unit > x ? q - 1 : q) * unit;
}

QByteArray hex(qint64 v)
{
    return "0x" + QByteArray::number(v, 16);
}

// The resolution the meter still holds at time x.
qint64 tierAt(const MeterStorage& s, qint64 x, qint64 now)
{
    if (x > now - s.secondsKept)
        return 1;
    if (x >= now - s.minutesKept)
        return 60;
    return 3600;
}

// A column of the answer: a register, or with `a` a virtual one summing registers (use, gen).
struct Column
{
    QString name, type;
    QList<int> parts; ///< register indexes added up
    int did = -1;     ///< virtual registers have none
};

struct Writer
{
    const HouseMeter& meter;
    const MeterStorage& storage;
    const ShowQuery& q;
    QByteArray out;
    QList<Column> columns;
    QList<qint64> base; // subtracted from every column: a reset meter, or E

    qint64 counter(const Column& c, qint64 x) const
    {
        quint64 sum = 0;
        for (int r : c.parts)
            sum += quint64(meter.counter(r, x));
        return qint64(sum);
    }

    void header()
    {
        out.reserve(1 << 16);
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
               "<!DOCTYPE group PUBLIC \"-//ESL/DTD eGauge 1.0//EN\" "
               "\"http://www.egauge.net/DTD/egauge-hist.dtd\">\n"
               "<group serial=\"" +
               hex(qint64(storage.serial)) + "\">\n";
        const auto& regs = meter.registers();
        for (int r = 0; r < regs.size(); ++r)
            columns.append({regs[r].name, regs[r].type, {r}, r});
        if (q.totals) {
            // The meter's virtual registers as stored data names them (egauge-async: "use", not "Total
            // Usage").
            columns.append(
                {QStringLiteral("use"),
                 QStringLiteral("P"),
                 {meter.indexOf(u"CT1_Power"), meter.indexOf(u"CT2_Power"), meter.indexOf(u"CT3_Power")}});
            columns.append({QStringLiteral("gen"), QStringLiteral("P"), {meter.indexOf(u"Solar")}});
        }
        for (const Column& c : columns)
            base.append(storage.reset || q.epochRelative ? counter(c, storage.epoch) : 0);
    }

    void block(bool first, qint64 ts, qint64 delta, const QList<qint64>& times)
    {
        const int n = int(columns.size());
        out += "<data";
        if (first)
            out += " columns=\"" + QByteArray::number(n) + "\"";
        out += " time_stamp=\"" + hex(ts) + "\" time_delta=\"" + QByteArray::number(delta) + "\"";
        if (q.delta)
            out += " delta=\"true\"";
        out += " epoch=\"" + hex(storage.epoch) + "\">\n";
        if (first) {
            for (const Column& c : columns) {
                out += " <cname t=\"" + c.type.toUtf8() + "\"";
                if (c.did >= 0)
                    out += " did=\"" + QByteArray::number(c.did) + "\"";
                out += ">" + c.name.toUtf8() + "</cname>\n";
            }
        }
        QList<qint64> prev(n);
        bool firstRow = true;
        for (qint64 x : times) {
            out += " <r>";
            for (int i = 0; i < n; ++i) {
                const qint64 v = qint64(quint64(counter(columns[i], x)) - quint64(base[i]));
                out += "<c>";
                out += QByteArray::number(q.delta && !firstRow ? qint64(quint64(v) - quint64(prev[i])) : v);
                out += "</c>";
                prev[i] = v;
            }
            out += "</r>\n";
            firstRow = false;
        }
        out += "</data>\n";
    }
};

} // namespace

Result<ShowQuery> ShowQuery::parse(QByteArrayView rawQuery, QStringList* unknown)
{
    ShowQuery q;
    const QByteArray raw = rawQuery.toByteArray();
    for (const QByteArray& item : raw.split('&')) {
        if (item.isEmpty())
            continue;
        const int eq = int(item.indexOf('='));
        const QByteArray key = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(item.mid(eq + 1));
        const auto need = [&](const char* what) -> Result<qint64> {
            const auto v = number(value);
            if (!v)
                return Error{QStringLiteral("%1=%2: %3 expected")
                                 .arg(QString::fromUtf8(key), QString::fromUtf8(value), QLatin1String(what))};
            return *v;
        };
        if (key == "S")
            q.unitS = 1;
        else if (key == "m")
            q.unitS = 60;
        else if (key == "h")
            q.unitS = 3600;
        else if (key == "d")
            q.unitS = 86400;
        else if (key == "C")
            q.delta = true;
        else if (key == "E")
            q.epochRelative = true;
        else if (key == "c")
            q.csv = true;
        else if (key == "a")
            q.totals = true;
        else if (key == "n" || key == "s" || key == "f" || key == "t") {
            const auto v = need("an integer");
            if (!v)
                return Error{v.error()};
            if (*v < 0)
                return Error{QStringLiteral("%1=%2: negative").arg(QString::fromUtf8(key)).arg(*v)};
            if (key == "n")
                q.n = int(std::min<qint64>(*v, std::numeric_limits<int>::max()));
            else if (key == "s")
                q.skip = int(std::min<qint64>(*v, 1 << 30));
            else if (key == "f")
                q.f = *v;
            else
                q.t = *v;
        } else if (key == "T") {
            for (const QByteArray& part : value.split(',')) {
                const auto v = number(part);
                if (!v || *v < 0)
                    return Error{QStringLiteral("T: \"%1\" is not a Unix time").arg(QString::fromUtf8(part))};
                q.T.append(*v);
            }
        } else if (key == "Z" || key == "e" || key == "w") {
            // Accepted and without effect here (CSV time zone, extra point, "newer than").
        } else if (unknown) {
            unknown->append(QString::fromUtf8(key));
        }
    }
    return q;
}

QByteArray showXml(const HouseMeter& meter, const MeterStorage& storage, const ShowQuery& q, qint64 nowS)
{
    Writer w{meter, storage, q, {}, {}, {}};
    w.header();
    if (!q.T.isEmpty()) {
        // One block per listed time, each with the stored row at or just before it.
        bool first = true;
        for (qint64 u : q.T) {
            const qint64 x = std::min(u, nowS);
            const qint64 tier = tierAt(storage, x, nowS);
            const qint64 at = floorTo(x, tier);
            w.block(first, at, tier, at >= storage.epoch ? QList<qint64>{at} : QList<qint64>{});
            first = false;
        }
        w.out += "</group>\n";
        return w.out;
    }
    const qint64 oldest = std::max(q.t.value_or(std::numeric_limits<qint64>::min()), storage.epoch);
    // Without n or t the meter gives one row; with t alone, everything down to t.
    const int rowsWanted = std::min(q.n.value_or(q.t ? std::numeric_limits<int>::max() : 1), storage.maxRows);
    qint64 x = floorTo(std::min(q.f.value_or(nowS), nowS), q.unitS);
    const qint64 requestedStep = qint64(q.unitS) * (q.skip + 1);
    int rows = 0;
    bool first = true;
    while (rows < rowsWanted && x >= oldest) {
        // A block at the resolution held at x: the requested one, or the coarser one that exists there.
        const qint64 res = std::max<qint64>(q.unitS, tierAt(storage, x, nowS));
        const qint64 step = (requestedStep + res - 1) / res * res;
        x = floorTo(x, res);
        QList<qint64> times;
        while (rows < rowsWanted && x >= oldest &&
               std::max<qint64>(q.unitS, tierAt(storage, x, nowS)) == res) {
            times.append(x);
            ++rows;
            x -= step;
        }
        if (times.isEmpty())
            break;
        w.block(first, times.first(), step, times);
        first = false;
    }
    if (first) // nothing in range: an empty block still names the columns
        w.block(true, floorTo(std::min(q.f.value_or(nowS), nowS), q.unitS), requestedStep, {});
    w.out += "</group>\n";
    return w.out;
}

QByteArray instXml(const HouseMeter& meter, const MeterStorage& storage, bool inst, bool tot, qint64 nowS)
{
    QByteArray out = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<data serial=\"" +
                     hex(qint64(storage.serial)) + "\">\n <ts>" + QByteArray::number(nowS) + "</ts>\n";
    const auto& regs = meter.registers();
    const auto reg = [&](const QString& type, const QString& name, int did, qint64 v, double rate) {
        out += " <r t=\"" + type.toUtf8() + "\" n=\"" + name.toUtf8() + "\"";
        if (did >= 0)
            out += " did=\"" + QByteArray::number(did) + "\"";
        out += "><v>" + QByteArray::number(v) + "</v>";
        if (inst)
            out += "<i>" + QByteArray::number(rate, 'f', 3) + "</i>";
        out += "</r>\n";
    };
    for (int r = 0; r < regs.size(); ++r)
        reg(regs[r].type, regs[r].name, r, meter.counter(r, nowS), meter.rate(r, double(nowS)));
    if (tot) {
        qint64 use = 0;
        double useRate = 0;
        for (int n = 1; n <= 3; ++n) {
            const int r = meter.indexOf(QStringLiteral("CT%1_Power").arg(n));
            use = qint64(quint64(use) + quint64(meter.counter(r, nowS)));
            useRate += meter.rate(r, double(nowS));
        }
        reg(QStringLiteral("P"), QStringLiteral("Total Usage"), -1, use, useRate);
        const int solar = meter.indexOf(u"Solar");
        reg(QStringLiteral("P"), QStringLiteral("Total Generation"), -1, meter.counter(solar, nowS),
            meter.rate(solar, double(nowS)));
    }
    out += "</data>\n";
    return out;
}

} // namespace fs::sim
