// EgaugeNumbers: the number formats of egauge-show answers: S64 decimal cells, hex attributes.
#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>
#include <string_view>

namespace fs::egauge {

/// Wrap-safe S64 addition: the meter's counters are circular, so they add like unsigned ones.
inline qint64 wrapAdd(qint64 a, qint64 b)
{
    return qint64(quint64(a) + quint64(b));
}

/// A whole S64 in `base` (10: an optional '-'); nullopt for anything else, out of range included.
std::optional<qint64> parseInt(std::string_view text, int base);
/// "0x5d24b5c8" (what the meter sends); a bare hex string is taken too.
std::optional<qint64> parseHex(std::string_view text);
/// `s` without the spaces, tabs and line ends around it (a pretty-printed cell).
std::string_view trimmed(std::string_view s);
/// The text quoted for an error message, cut at 40 characters.
QString quoted(std::string_view s);

} // namespace fs::egauge
