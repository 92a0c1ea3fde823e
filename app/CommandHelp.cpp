// CommandHelp: the subcommands' usages live here only, so the top-level list and each command's
// own --help cannot drift apart, and a new command is one row.
#include "CommandHelp.h"

#include <algorithm>

namespace fs::commandhelp {

namespace {

constexpr qsizetype kSummaryColumn = 37;

const QString kGlobal = QStringLiteral(
    "Options before the command: --config FILE (the settings), --data-dir DIR (the data folder),\n"
    "--demo (demo data and emulated remote ends). See `fieldstation --help`.\n"
    "--screenshot-tour DIR (with --kiosk or --desktop) saves a PNG of every page into DIR and quits.");

QString usageLine(const CommandUsage& u)
{
    QString line = QStringLiteral("fieldstation ") + u.words.join(QLatin1Char(' '));
    if (!u.arguments.isEmpty())
        line += QLatin1Char(' ') + u.arguments;
    return line;
}

bool isHelpFlag(const QString& arg)
{
    return arg == QLatin1String("--help") || arg == QLatin1String("-h");
}

/// Whether `u` is named by `words` (all of them, or the first of its words only).
bool matches(const CommandUsage& u, const QStringList& words)
{
    if (words.size() > u.words.size())
        return false;
    for (qsizetype i = 0; i < words.size(); ++i)
        if (u.words[i] != words[i])
            return false;
    return true;
}

} // namespace

const QList<CommandUsage>& table()
{
    static const QList<CommandUsage> usages = {
        {{QStringLiteral("decode"), QStringLiteral("opcn3")},
         QStringLiteral("FILE"),
         QStringLiteral("one 86-byte OPC-N3 histogram frame (raw or hex) as JSON"),
         QStringLiteral("FILE holds the frame as 86 raw bytes or as hex text (any whitespace).\n"
                        "Prints the decoded fields as JSON; a bad frame is one line on stderr, exit 1.")},
        {{QStringLiteral("decode"), QStringLiteral("egauge")},
         QStringLiteral("FILE"),
         QStringLiteral("an eGauge egauge-show XML answer's rates as JSON"),
         QStringLiteral(
             "FILE holds an answer of /cgi-bin/egauge-show (any flags, delta rows too).\n"
             "Prints one JSON object per rate, newest first; a bad answer is one line on stderr, exit 1.")},
        {{QStringLiteral("decode"), QStringLiteral("isems")},
         QStringLiteral("FILE"),
         QStringLiteral("every line of an ISEMS node log as JSON records"),
         QStringLiteral("FILE holds ffopenmppt.log lines (`;`-separated, 18 or 19 fields).\nPrints a JSON "
                        "array, one entry per line: the record with the old collector's field\nnames "
                        "(timestamp in UTC with Z, status as an integer or null, flags), or\n{\"line\": N, "
                        "\"error\": \"...\"} for a refused line. Exit 0 when at least one line parsed.")},
        {{QStringLiteral("register")},
         QStringLiteral("--pin PIN [--name NAME] [--api URL]"),
         QStringLiteral("register with gascloud; the key goes to the keychain"),
         QStringLiteral(
             "  --pin PIN    the registration PIN\n"
             "  --name NAME  this station's name (default: station.name)\n"
             "  --api URL    the gascloud API (default: gascloud.api)\n"
             "The gateway key goes to the OS keychain, or to the secrets folder in the data dir.")},
        {{QStringLiteral("upload")},
         QStringLiteral("--once"),
         QStringLiteral("cut a batch and work the upload queue once"),
         QStringLiteral("Writes the store: refused while a station runs on the same data dir.")},
        {{QStringLiteral("queue")},
         QString(),
         QStringLiteral("print the upload queue"),
         QStringLiteral("Reads the store only: works while the station runs.")},
        {{QStringLiteral("push")},
         QStringLiteral("--once"),
         QStringLiteral("push to every enabled MySQL server now"),
         QStringLiteral("Writes the store: refused while a station runs on the same data dir.")},
        {{QStringLiteral("push")},
         QStringLiteral("--set-password SERVER"),
         QStringLiteral("store a push server's password (read from stdin)"),
         QStringLiteral("SERVER is a name under push.servers; the password is one line on stdin.")},
        {{QStringLiteral("egauge")},
         QStringLiteral("--set-password SOURCE"),
         QStringLiteral("store an eGauge meter's password (read from stdin)"),
         QStringLiteral("SOURCE is the id of a type: egauge entry of sources:; the password is one\n"
                        "line on stdin and goes to the secret store as \"egauge/SOURCE\".")},
        {{QStringLiteral("isems")},
         QStringLiteral("--set-password SOURCE"),
         QStringLiteral("store an ISEMS source's MQTT broker password (read from stdin)"),
         QStringLiteral("SOURCE is the id of a type: isems entry of sources:; the password of its\n"
                        "mqtt: user is one line on stdin and goes to the secret store as\n"
                        "\"isems/SOURCE/mqtt\".")},
        {{QStringLiteral("influx")},
         QStringLiteral("--set-password"),
         QStringLiteral("store the InfluxDB sink's password (read from stdin)"),
         QStringLiteral("The password of influx.user, one line on stdin; it goes to the secret store as\n"
                        "\"influx/<influx.name>\" (influx/influx by default), never into the settings.")},
        {{QStringLiteral("api")},
         QStringLiteral("--set-token | --new-token"),
         QStringLiteral("store the REST API's bearer token"),
         QStringLiteral("--set-token reads the token (16 characters or more) from stdin; --new-token makes\n"
                        "one and prints it. Asked for as \"Authorization: Bearer <token>\" when api.listen\n"
                        "is not loopback; kept in the secret store as api/token.")},
        {{QStringLiteral("import"), QStringLiteral("gascloud")},
         QStringLiteral("settings.yaml [gateway_key.txt]"),
         QStringLiteral("take over the old uploader's settings and key"),
         QStringLiteral("Appends a gascloud: section to the settings file (--config, or the one in\n"
                        "~/.config/fieldstation/) and puts the gateway key in the secret store.")},
        {{QStringLiteral("import"), QStringLiteral("cogent")},
         QStringLiteral("synchronise.conf"),
         QStringLiteral("take over the old Cogent-house pusher's servers"),
         QStringLiteral("Appends a push: section (one server per [locations] entry) to the settings file\n"
                        "and puts each server's password in the secret store.")},
        {{QStringLiteral("import"), QStringLiteral("peper")},
         QStringLiteral("config.yaml"),
         QStringLiteral("take over Peper's eGauge sensors and InfluxDB database"),
         QStringLiteral("Appends one eGauge source per sensor (http://<name>.egaug.es, its Registre) and an\n"
                        "influx: section with Peper's layout and tags (iplocal becomes the IP tag) to the\n"
                        "settings file, and puts the database password (mdp) in the secret store.")},
        {{QStringLiteral("sim"), QStringLiteral("egauge")},
         QStringLiteral("[--listen HOST:PORT] [options]"),
         QStringLiteral("run the eGauge meter emulator (egauge-show, egauge?inst)"),
         QStringLiteral("A simulated house (3 phases, solar, export at noon) answering the XML API.\n"
                        "  --listen HOST:PORT   default 127.0.0.1:0 (a free port, printed)\n"
                        "  --user U --password W  require HTTP Digest auth (MD5, qop=auth)\n"
                        "  --seed N             which house (default 1)\n"
                        "  --serial HEX         meter serial (default 0x4e842294)\n"
                        "  --seconds-kept S     second rows kept (default 3600), minute rows a year\n"
                        "  --wrap-at UNIX       counters pass 2^63 at that second\n"
                        "  --strict             refuse unknown parameters and RFC 2069 digests")},
        {{QStringLiteral("sim"), QStringLiteral("gascloud")},
         QStringLiteral("--listen HOST:PORT [options]"),
         QStringLiteral("run the gascloud emulator, lenient unless --strict"),
         QStringLiteral("Lenient by default, as the real service evidently is: what the old batonopc\n"
                        "client sends passes, each leniency logged as a warning.\n"
                        "  --listen HOST:PORT   address and port of the API\n"
                        "  --scp-host H         host named in upload tickets (default 127.0.0.1)\n"
                        "  --scp-port P         port named in upload tickets (default 22)\n"
                        "  --inbox DIR          where SCP puts files (default /tmp/gascloud-inbox)\n"
                        "  --pin PIN=KEY        an accepted PIN and the key it gives (repeatable)\n"
                        "  --ticket-minutes N   ticket lifetime (default 10)\n"
                        "  --chpasswd           set the SSH account's password to each batch id (root)\n"
                        "  --strict             hold clients to the contract: key in the Authorization\n"
                        "                       header, the zip's real MD5, gadget_id, the canonical CSV\n"
                        "                       (its header, LF line ends); anything else is refused")},
    };
    return usages;
}

QString commandList()
{
    QString text = QStringLiteral("Commands (each answers --help):");
    for (const CommandUsage& u : table()) {
        QString line = QStringLiteral("  ") + usageLine(u).mid(qsizetype(sizeof "fieldstation ") - 1);
        if (line.size() + 1 > kSummaryColumn)
            line += QLatin1Char('\n') + QString(kSummaryColumn, QLatin1Char(' '));
        else
            line = line.leftJustified(kSummaryColumn);
        text += QLatin1Char('\n') + line + u.summary;
    }
    return text;
}

std::optional<QString> answer(const QStringList& command)
{
    if (std::none_of(command.begin(), command.end(), isHelpFlag))
        return std::nullopt;
    // The command words are the leading words; the longest prefix that names a command wins.
    QStringList words;
    for (const QString& a : command) {
        if (a.startsWith(QLatin1Char('-')))
            break;
        words << a;
    }
    QList<CommandUsage> found;
    while (!words.isEmpty() && found.isEmpty()) {
        for (const CommandUsage& u : table())
            if (matches(u, words))
                found << u;
        if (found.isEmpty())
            words.removeLast();
    }
    if (found.isEmpty())
        return std::nullopt;
    QString text;
    for (qsizetype i = 0; i < found.size(); ++i)
        text += (i ? QStringLiteral("       ") : QStringLiteral("usage: ")) + usageLine(found[i]) +
                QLatin1Char('\n');
    for (const CommandUsage& u : found) {
        text += QLatin1Char('\n');
        if (found.size() > 1)
            text += usageLine(u) + QStringLiteral(": ") + u.summary + QLatin1Char('\n');
        else
            text += u.summary.left(1).toUpper() + u.summary.mid(1) + QStringLiteral(".\n");
        if (!u.details.isEmpty())
            text += u.details + QLatin1Char('\n');
    }
    return text + QLatin1Char('\n') + kGlobal + QLatin1Char('\n');
}

} // namespace fs::commandhelp
