// ApiSettings: `api.listen`, `api.cors_origins` and `api.hide_inactive_after_days`, validated.
#include "ApiSettings.h"

#include "config/YamlReader.h"

#include <QHostAddress>

namespace fs {

bool ApiSettings::loopback() const
{
    const QHostAddress a(host);
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           (!a.isNull() && a.isLoopback());
}

QStringList ApiSettings::effectiveCorsOrigins() const
{
    if (corsOriginsSet)
        return corsOrigins;
    // A read-only API on loopback tells nothing a local page could not read anyway; elsewhere the
    // owner says which origins may read it.
    return loopback() ? QStringList{QStringLiteral("*")} : QStringList{};
}

bool parseListen(const QString& text, QString& host, quint16& port, QString* error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        if (error)
            *error = QStringLiteral("must be HOST:PORT (e.g. 127.0.0.1:8090), not \"%1\"").arg(text);
        return false;
    }
    QString h = text.left(colon);
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    bool ok = false;
    const int p = text.mid(colon + 1).toInt(&ok);
    if (!ok || p < 0 || p > 65535) {
        if (error)
            *error = QStringLiteral("port must be 0..65535 in \"%1\"").arg(text);
        return false;
    }
    if (h.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 && QHostAddress(h).isNull()) {
        if (error)
            *error = QStringLiteral("\"%1\" is not an IP address (or localhost)").arg(h);
        return false;
    }
    host = h;
    port = quint16(p);
    return true;
}

void readApiSettings(YamlReader& r, ApiSettings& s)
{
    s.enabled = true;
    QString listen;
    r.text("listen", listen);
    if (!listen.isEmpty()) {
        QString error;
        if (!parseListen(listen, s.host, s.port, &error))
            r.fail(r.at("listen"), "listen", error);
    }
    QStringList origins;
    r.textList("cors_origins", origins);
    // at() answers the section itself for an absent key; a list, a value or an empty key was written.
    if (const YAML::Node n = r.at("cors_origins"); n.IsSequence() || n.IsScalar() || n.IsNull()) {
        s.corsOrigins = origins;
        s.corsOriginsSet = true;
    }
    r.integer("hide_inactive_after_days", s.hideInactiveAfterDays, 1, 36500);
}

} // namespace fs
