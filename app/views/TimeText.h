// TimeText: how chart axes write time — local time, the zone named — for QML; stateless.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fs {

class TimeText : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit TimeText(QObject* parent = nullptr) : QObject(parent) {}

    /// The local zone's abbreviation at `ms` ("CET", "CEST"); "UTC+03:00" where the system has none.
    Q_INVOKABLE static QString zone(qint64 ms);
    /// "Time (CET)", translated.
    Q_INVOKABLE static QString axisTitle(qint64 ms);
    /// The axis label format for a window of `spanMs`: seconds for minutes, the day for days.
    Q_INVOKABLE static QString axisFormat(qint64 spanMs);
};

} // namespace fs
