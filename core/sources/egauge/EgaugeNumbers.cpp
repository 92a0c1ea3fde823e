// EgaugeNumbers: from_chars on the unsigned magnitude, so that -2^63 itself is accepted.
#include "sources/egauge/EgaugeNumbers.h"

#include <charconv>
#include <limits>

namespace fs::egauge {

std::optional<qint64> parseInt(std::string_view text, int base)
{
    qint64 v = 0;
    const char* first = text.data();
    const char* last = first + text.size();
    bool negative = false;
    if (base == 10 && first != last && *first == '-') {
        negative = true;
        ++first;
    }
    if (first == last || *first == '-' || *first == '+')
        return std::nullopt;
    // Parse the magnitude unsigned so that -2^63 (the S64 minimum) is accepted.
    quint64 mag = 0;
    const auto [end, ec] = std::from_chars(first, last, mag, base);
    if (ec != std::errc() || end != last)
        return std::nullopt;
    if (negative) {
        if (mag > quint64(1) << 63)
            return std::nullopt;
        v = qint64(quint64(0) - mag);
    } else {
        if (mag > quint64(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        v = qint64(mag);
    }
    return v;
}

std::optional<qint64> parseHex(std::string_view text)
{
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text.remove_prefix(2);
    return parseInt(text, 16);
}

std::string_view trimmed(std::string_view s)
{
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

QString quoted(std::string_view s)
{
    // Errors end up as one line (decode's stderr, the poller's log): control characters are escaped.
    const QString text = QString::fromUtf8(s.data(), qsizetype(s.size())).left(40);
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace fs::egauge
