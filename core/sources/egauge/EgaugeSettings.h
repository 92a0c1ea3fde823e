// EgaugeSettings: the keys of one `type: egauge` entry of `sources:` (contracts.md), and their reader.
#pragma once

#include "config/Settings.h"

#include <QList>
#include <QString>

namespace fs {

class YamlReader;

/// One configured register, written `name=unit` as in Peper's `Registre` list.
struct EgaugeRegister
{
    QString name; ///< the register's name on the meter, e.g. "CT1_Amperage"
    QString unit; ///< the letter after `=`, e.g. "A", "V", "W", "P"

    bool operator==(const EgaugeRegister&) const = default;
};

struct EgaugeSettings : SourceOptions
{
    QString url;  ///< base URL of the meter, e.g. http://egauge12345.egaug.es (required)
    QString user; ///< empty: no credentials; the password is the secret "egauge/<source id>"
    int intervalS = 300;
    int timeoutS = 30;
    int maxRows = 3600; ///< rows per request when catching up
    /// On a first start (nothing stored for the meter), how far back to fetch what the meter still
    /// holds; 0: only the last max(341 s, one interval), as Peper's first request. An import sets it
    /// so that the hours between the old script's last poll and the new station's start are fetched.
    int backfillH = 0;
    QList<EgaugeRegister> registers;

    /// Reads the eGauge's own keys of one entry; problems go to the reader with file:line.
    static std::shared_ptr<const SourceOptions> read(YamlReader& r);
    /// "CT1_Amperage=A" → the register, or a message saying what is wrong with the text.
    static Result<EgaugeRegister> parseRegister(const QString& text);
    /// The secret store's name of a source's meter password.
    static QString passwordSecret(const QString& sourceId) { return QStringLiteral("egauge/") + sourceId; }
};

} // namespace fs
