// ApiSettings: the `api:` section of the settings file (the local REST API), and its reader.
#pragma once

#include <QString>
#include <QStringList>

namespace fs {

class YamlReader;

struct ApiSettings
{
    bool enabled = false;                       ///< true when the file has an `api:` section
    QString host = QStringLiteral("127.0.0.1"); ///< from `listen: HOST:PORT`
    quint16 port = 8090;                        ///< 0: any free port (tests)
    QStringList corsOrigins;                    ///< empty: `*` on loopback, none elsewhere
    int hideInactiveAfterDays = 30;             ///< /measurements/latest hides nodes silent longer
    bool corsOriginsSet = false;                ///< cors_origins was written (even as an empty list)

    /// Whether `host` is a loopback address, where no token is asked for.
    bool loopback() const;
    /// The origins allowed to read the API from a browser: as set, else `*` on loopback only.
    QStringList effectiveCorsOrigins() const;
};

/// Parses "HOST:PORT" (IPv6 as "[::1]:8090"); false with `error` set when it is not one.
bool parseListen(const QString& text, QString& host, quint16& port, QString* error);

/// Reads the keys of the `api:` section into `s` (and sets s.enabled).
void readApiSettings(YamlReader& r, ApiSettings& s);

} // namespace fs
