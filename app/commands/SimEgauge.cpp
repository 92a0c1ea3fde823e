// SimEgauge: options to EgaugeEmulator::Options, then the event loop; the first line on stdout
// names the URL (a test or script reads the port from it when --listen asks for port 0).
#include "commands/SimEgauge.h"

#include "sim/EgaugeEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

namespace fs {

namespace {

int usage()
{
    std::fprintf(stderr,
                 "usage: fieldstation sim egauge [--listen HOST:PORT] [--user U --password W] [--seed N]\n"
                 "           [--serial HEX] [--seconds-kept S] [--wrap-at UNIX] [--strict]\n");
    return 2;
}

} // namespace

int runSimEgauge(const QStringList& args)
{
    QCommandLineParser p;
    const auto option = [](const char* name, const char* help, const char* value, const char* fallback = "") {
        return QCommandLineOption(QLatin1String(name), QLatin1String(help), QLatin1String(value),
                                  QLatin1String(fallback));
    };
    const QCommandLineOption listen = option("listen", "Address and port.", "HOST:PORT", "127.0.0.1:0");
    const QCommandLineOption user = option("user", "Digest user (none: no auth).", "U");
    const QCommandLineOption password = option("password", "Digest password.", "W");
    const QCommandLineOption seed = option("seed", "The house (phases of its loads).", "N", "1");
    const QCommandLineOption serial = option("serial", "Meter serial.", "HEX", "0x4e842294");
    const QCommandLineOption kept = option("seconds-kept", "How long second rows are kept.", "S", "3600");
    const QCommandLineOption wrapAt = option("wrap-at", "Counters pass 2^63 at this Unix second.", "UNIX");
    const QCommandLineOption strict(QStringLiteral("strict"),
                                    QStringLiteral("Refuse unknown keys, RFC 2069."));
    p.addOptions({listen, user, password, seed, serial, kept, wrapAt, strict});
    if (!p.parse(QStringList{QStringLiteral("sim")} + args) || !p.positionalArguments().isEmpty())
        return usage();
    sim::EgaugeEmulator::Options o;
    bool ok = true;
    o.meter.seed = p.value(seed).toUInt(&ok);
    bool serialOk = false;
    o.storage.serial = p.value(serial).toULongLong(&serialOk, 0);
    bool keptOk = false;
    o.storage.secondsKept = p.value(kept).toLongLong(&keptOk);
    if (!ok || !serialOk || !keptOk || o.storage.secondsKept < 0)
        return usage();
    if (p.isSet(wrapAt)) {
        o.meter.wrapAtS = p.value(wrapAt).toLongLong(&ok);
        if (!ok)
            return usage();
    }
    o.user = p.value(user);
    o.password = p.value(password);
    o.strict = p.isSet(strict);
    sim::EgaugeEmulator emu(o);
    const QString hp = p.value(listen);
    const auto port = emu.listen(QHostAddress(hp.section(QLatin1Char(':'), 0, 0)),
                                 quint16(hp.section(QLatin1Char(':'), 1).toUInt()));
    if (!port) {
        std::fprintf(stderr, "%s\n", qPrintable(port.error()));
        return 1;
    }
    std::printf("eGauge emulator: %s/cgi-bin/egauge-show (%s, %s)\n", qPrintable(emu.baseUrl()),
                o.user.isEmpty() ? "no auth" : "digest auth", o.strict ? "strict" : "lenient");
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace fs
