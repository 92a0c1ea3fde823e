// ApiReply: one shape for errors, and parameters checked before any query runs.
#include "ApiReply.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace fs::api {

QHttpServerResponse json(const QJsonDocument& body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body.toJson(QJsonDocument::Compact),
                               status);
}

QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString& message,
                          const QString& parameter)
{
    QJsonObject o{{QStringLiteral("error"), message}};
    if (!parameter.isEmpty())
        o.insert(QStringLiteral("parameter"), parameter);
    return json(QJsonDocument(o), status);
}

QHttpServerResponse badParameter(const BadParameter& bad)
{
    return error(QHttpServerResponse::StatusCode::BadRequest, bad.error, bad.parameter);
}

std::optional<qint64> parseTime(const QString& given)
{
    // Form encoding reads "+" as a space, so "+02:00" can arrive as " 02:00": a space there is the sign.
    QString text = given;
    if (text.size() > 6 && text.at(text.size() - 6) == QLatin1Char(' '))
        text[text.size() - 6] = QLatin1Char('+');
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]{1,15}$"));
    if (digits.match(text).hasMatch())
        return text.toLongLong();
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc()); // no offset written: UTC, never the server's zone
    return t.toMSecsSinceEpoch();
}

std::variant<qint64, BadParameter> timeParameter(const QUrlQuery& query, const QString& name, qint64 fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    if (const auto t = parseTime(text))
        return *t;
    return BadParameter{name, QStringLiteral("\"%1\" is neither milliseconds since the epoch nor an ISO-8601 "
                                             "time such as 2024-05-01T12:00:00Z")
                                  .arg(text)};
}

std::variant<qint64, BadParameter> integerParameter(const QUrlQuery& query, const QString& name,
                                                    qint64 fallback, qint64 min, qint64 max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return BadParameter{
            name,
            QStringLiteral("must be a whole number from %1 to %2, not \"%3\"").arg(min).arg(max).arg(text)};
    return v;
}

QString isoUtc(qint64 timeMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeMs).toUTC(); // Qt::UTC writes Z, a UTC zone +00:00
    return t.toString(timeMs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace fs::api
