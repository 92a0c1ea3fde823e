// api --set-token | --new-token: stores the REST API's bearer token (asked for when api.listen is
// not loopback) in the secret store as "api/token"; the running station reads it at start.
#include "Commands.h"

#include "sinks/gascloud/GascloudSetup.h"

#include <QRandomGenerator>
#include <QTextStream>
#include <cstdio>

namespace fs {

namespace {

constexpr qsizetype kShortestToken = 16;

QString newToken()
{
    // 32 bytes from the system's generator: beyond guessing over a network.
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

int runApiCommand(const CommandContext& ctx, const QStringList& args)
{
    const bool generate = args == QStringList{QStringLiteral("--new-token")};
    if (!generate && args != QStringList{QStringLiteral("--set-token")}) {
        std::fprintf(stderr, "usage: fieldstation api --set-token  (token on stdin) | api --new-token\n");
        return 2;
    }
    QString token;
    if (generate) {
        token = newToken();
    } else {
        QTextStream in(stdin);
        token = in.readLine().trimmed();
        if (token.size() < kShortestToken) {
            std::fprintf(stderr, "fieldstation: the token must be at least %lld characters\n",
                         static_cast<long long>(kShortestToken));
            return 1;
        }
    }
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    const QString name = QStringLiteral("api/token");
    if (Status s = secrets.write(name, token); !s) {
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(s.error()));
        return 1;
    }
    if (generate) // shown once, for the clients' configuration; never logged
        std::printf("%s\n", qPrintable(token));
    std::fprintf(generate ? stderr : stdout, "stored the API token in %s; restart the station to use it\n",
                 qPrintable(secrets.describe(name)));
    return 0;
}

} // namespace fs
