// sim gascloud: the gascloud emulator on its own, for other clients (the old Python uploader too).
#include "Commands.h"
#include "commands/SimEgauge.h"

#include "sim/GascloudEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <cstdio>

namespace fs {

namespace {

int usage()
{
    std::fprintf(stderr,
                 "usage: fieldstation sim gascloud --listen 127.0.0.1:PORT [--scp-host H] [--scp-port P]\n"
                 "           [--inbox DIR] [--pin PIN=KEY ...] [--ticket-minutes N] [--chpasswd] [--strict]\n"
                 "  Lenient by default, as the real service evidently is: the old batonopc client's\n"
                 "  requests pass, each leniency logged as a warning. --strict holds clients to the\n"
                 "  contract (key in the Authorization header, the zip's real MD5, gadget_id, the\n"
                 "  canonical CSV).\n");
    return 2;
}

} // namespace

int runSimCommand(const QStringList& args)
{
    if (args.value(0) == QLatin1String("egauge"))
        return runSimEgauge(args.mid(1));
    if (args.value(0) != QLatin1String("gascloud"))
        return usage();
    QCommandLineParser p;
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address and port."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption scpHost(QStringLiteral("scp-host"), QStringLiteral("Host named in tickets."),
                                     QStringLiteral("HOST"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption scpPort(QStringLiteral("scp-port"), QStringLiteral("Port named in tickets."),
                                     QStringLiteral("PORT"), QStringLiteral("22"));
    const QCommandLineOption inbox(QStringLiteral("inbox"),
                                   QStringLiteral("Where SCP puts files (the destination)."),
                                   QStringLiteral("DIR"), QStringLiteral("/tmp/gascloud-inbox"));
    const QCommandLineOption pins(QStringLiteral("pin"),
                                  QStringLiteral("An accepted PIN and the key it gives."),
                                  QStringLiteral("PIN=KEY"));
    const QCommandLineOption minutes(QStringLiteral("ticket-minutes"), QStringLiteral("Ticket lifetime."),
                                     QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption chpasswd(
        QStringLiteral("chpasswd"),
        QStringLiteral("Set the SSH account <key>'s password to each ticket's batch id "
                       "(needs root; for a test sshd)."));
    const QCommandLineOption strict(QStringLiteral("strict"),
                                    QStringLiteral("Refuse what the contract does not allow (see above)."));
    p.addOptions({listen, scpHost, scpPort, inbox, pins, minutes, chpasswd, strict});
    if (!p.parse(QStringList{QStringLiteral("sim")} + args.mid(1)) || !p.isSet(listen))
        return usage();
    GascloudEmulator::Options o;
    o.scpHost = p.value(scpHost);
    o.scpPort = p.value(scpPort).toInt();
    o.inboxRoot = p.value(inbox);
    o.ticketLifetimeMs = p.value(minutes).toLongLong() * 60000;
    o.strict = p.isSet(strict);
    if (p.isSet(pins)) {
        o.pins.clear();
        for (const QString& pk : p.values(pins))
            o.pins.insert(pk.section(QLatin1Char('='), 0, 0), pk.section(QLatin1Char('='), 1));
    }
    if (p.isSet(chpasswd)) {
        o.onTicket = [](const QString& user, const QString& password) {
            QProcess proc;
            proc.start(QStringLiteral("chpasswd"));
            proc.write((user + QLatin1Char(':') + password + QLatin1Char('\n')).toUtf8());
            proc.closeWriteChannel();
            if (!proc.waitForFinished(10000) || proc.exitCode() != 0)
                std::fprintf(stderr, "sim gascloud: chpasswd for %s failed: %s\n", qPrintable(user),
                             proc.readAllStandardError().constData());
        };
    }
    const QString hp = p.value(listen);
    GascloudEmulator emu(o);
    auto port = emu.listen(QHostAddress(hp.section(QLatin1Char(':'), 0, 0)),
                           quint16(hp.section(QLatin1Char(':'), 1).toUInt()));
    if (!port) {
        std::fprintf(stderr, "%s\n", qPrintable(port.error()));
        return 1;
    }
    std::printf("gascloud emulator: API %s (%s)\n", qPrintable(emu.apiUrl()),
                o.strict ? "strict" : "lenient");
    for (auto it = o.pins.begin(); it != o.pins.end(); ++it)
        std::printf("  accepts PIN %s (gives key %s)\n", qPrintable(it.key()), qPrintable(it.value()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace fs
