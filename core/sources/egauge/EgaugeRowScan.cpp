// EgaugeRowScan: byte-level matching of the row grammar; it never accepts what is not well-formed
// XML of that exact shape, so skipping those bytes leaves expat in the state it would reach itself.
#include "sources/egauge/EgaugeRowScan.h"

#include <cstring>

namespace fs::egauge {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

const char* skipSpace(const char* s, const char* end)
{
    while (s < end && isSpace(*s))
        ++s;
    return s;
}

bool startsWith(const char* s, const char* end, const char* lit, size_t n)
{
    return size_t(end - s) >= n && std::memcmp(s, lit, n) == 0;
}

// An S64 decimal as parseInt in EgaugeXml.cpp takes it: optional '-', at least one digit, in range.
const char* number(const char* s, const char* end, qint64& out)
{
    bool negative = false;
    if (s < end && *s == '-') {
        negative = true;
        ++s;
    }
    const char* digits = s;
    quint64 mag = 0;
    constexpr quint64 limit = quint64(1) << 63;
    while (s < end && *s >= '0' && *s <= '9') {
        const unsigned d = unsigned(*s - '0');
        if (mag > (limit - d) / 10) // mag·10 + d would exceed 2^63
            return nullptr;
        mag = mag * 10 + d;
        ++s;
    }
    if (s == digits || (!negative && mag == limit))
        return nullptr;
    out = negative ? qint64(quint64(0) - mag) : qint64(mag);
    return s;
}

} // namespace

const char* scanRows(const char* p, const char* end, int columns, Block& block)
{
    const char* taken = p;
    for (;;) {
        const char* s = skipSpace(taken, end);
        if (!startsWith(s, end, "<r>", 3))
            return taken;
        s += 3;
        const qsizetype first = block.cells.size();
        const qsizetype prev = block.rows > 0 ? qsizetype(block.rows - 1) * columns : -1;
        int n = 0;
        bool whole = false;
        for (;;) {
            s = skipSpace(s, end);
            if (startsWith(s, end, "</r>", 4)) {
                s += 4;
                whole = n == columns;
                break;
            }
            if (n == columns || !startsWith(s, end, "<c>", 3))
                break;
            qint64 v = 0;
            s = number(skipSpace(s + 3, end), end, v);
            if (!s)
                break;
            s = skipSpace(s, end);
            if (!startsWith(s, end, "</c>", 4))
                break;
            s += 4;
            if (block.wasDelta && prev >= 0)
                v = qint64(quint64(block.cells[prev + n]) + quint64(v));
            block.cells.append(v);
            ++n;
        }
        if (!whole) {
            block.cells.resize(first);
            return taken;
        }
        ++block.rows;
        taken = s;
    }
}

} // namespace fs::egauge
