// Alarm: level names and the page that shows more about an alarm's subject.
#include "Alarm.h"

namespace fs {

QString toString(Alarm::Severity severity)
{
    return severity == Alarm::Severity::Fail ? QStringLiteral("fail") : QStringLiteral("warn");
}

QString pageOfSubject(const QString& subject, const QString& nodeKind)
{
    // Node keys start with their kind ("opcn3:…", "egauge:…", "isems:…"); a source id does not,
    // so the caller passes the kind it knows.
    const QString kind = nodeKind.isEmpty() ? subject.section(QLatin1Char(':'), 0, 0) : nodeKind;
    if (subject == QLatin1String("sink:gascloud"))
        return QStringLiteral("uploads");
    if (subject.startsWith(QLatin1String("sink:")))
        return QStringLiteral("push");
    if (kind == QLatin1String("opcn3"))
        return QStringLiteral("particles");
    if (kind == QLatin1String("egauge") || kind == QLatin1String("modbus"))
        return QStringLiteral("energy");
    if (kind == QLatin1String("isems"))
        return QStringLiteral("solar");
    return QStringLiteral("home");
}

} // namespace fs
