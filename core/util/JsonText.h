// JsonText: JSON string and number literals for the outputs we write by hand (decode commands,
// node-state details), where the field order is part of the contract and QJsonObject would sort.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <charconv>

namespace fs::json {

/// `s` as a JSON string literal, quotes included, escaped as QJsonDocument escapes.
inline QByteArray string(const QString& s)
{
    const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2); // strip the array it had to wrap the string in
}

/// The shortest text that reads back to the same double ("4.198", not "4.1980000000000004").
inline QByteArray number(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QByteArray(buf, int(r.ptr - buf));
}

} // namespace fs::json
