// ApiReply: the JSON answers every route gives, and the typed reading of query parameters.
#pragma once

#include "util/Result.h"

#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QUrlQuery>
#include <optional>
#include <variant>

namespace fs::api {

/// A parameter the client got wrong: answered 400 {"error": …, "parameter": …}.
struct BadParameter
{
    QString parameter;
    QString error;
};

QHttpServerResponse json(const QJsonDocument& body,
                         QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
/// {"error": message} with `status`, plus "parameter" when one is named.
QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString& message,
                          const QString& parameter = {});
QHttpServerResponse badParameter(const BadParameter& bad);

/// A time given as milliseconds since the epoch or as ISO-8601 (a time without an offset is UTC).
std::optional<qint64> parseTime(const QString& text);
/// The query's `name` as a time, `fallback` when absent, or why it is not a time.
std::variant<qint64, BadParameter> timeParameter(const QUrlQuery& query, const QString& name,
                                                 qint64 fallback);
/// The query's `name` as an integer in [min, max], `fallback` when absent.
std::variant<qint64, BadParameter> integerParameter(const QUrlQuery& query, const QString& name,
                                                    qint64 fallback, qint64 min, qint64 max);

/// ISO-8601 UTC with Z, seconds resolution (milliseconds only when there are any).
QString isoUtc(qint64 timeMs);

} // namespace fs::api
