// PeperTagText: PyYAML's implicit resolvers for bool, int and float (YAML 1.1, the order it tries
// them in), then Python's str()/repr() of the result. Timestamps and null are left as written.
#include "PeperTagText.h"

#include <QRegularExpression>
#include <charconv>
#include <cmath>

namespace fs::peper {

namespace {

const QRegularExpression& re(int which)
{
    static const QRegularExpression patterns[] = {
        // bool
        QRegularExpression(QStringLiteral("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE"
                                          "|on|On|ON|off|Off|OFF)$")),
        // int: binary, octal, decimal, hex, sexagesimal
        QRegularExpression(QStringLiteral("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
                                          "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")),
        // float
        QRegularExpression(QStringLiteral("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                                          "|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                                          "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                                          "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")),
    };
    return patterns[which];
}

/// A sexagesimal number (1:30 = 90) as PyYAML sums it: each part times 60 to its place.
double sexagesimal(const QString& digits)
{
    double value = 0;
    for (const QString& part : digits.split(QLatin1Char(':')))
        value = value * 60 + part.toDouble();
    return value;
}

/// Python's str() of an int read by PyYAML; empty when it does not fit in 64 bits (kept as written).
QString pythonInt(QString t)
{
    t.remove(QLatin1Char('_'));
    const bool negative = t.startsWith(QLatin1Char('-'));
    if (t.startsWith(QLatin1Char('-')) || t.startsWith(QLatin1Char('+')))
        t.remove(0, 1);
    bool ok = true;
    qlonglong v = 0;
    if (t.contains(QLatin1Char(':')))
        v = qlonglong(sexagesimal(t));
    else if (t.startsWith(QLatin1String("0b")))
        v = t.mid(2).toLongLong(&ok, 2);
    else if (t.startsWith(QLatin1String("0x")))
        v = t.mid(2).toLongLong(&ok, 16);
    else if (t.size() > 1 && t.startsWith(QLatin1Char('0')))
        v = t.mid(1).toLongLong(&ok, 8);
    else
        v = t.toLongLong(&ok, 10);
    if (!ok)
        return {};
    return QString::number(negative ? -v : v);
}

/// Python's repr() of a float: the shortest digits that read back, fixed notation with at least one
/// decimal from 1e-4 up to below 1e16, else d.ddde±XX.
QString pythonFloat(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
    const QString sci = QString::fromLatin1(buf, int(r.ptr - buf)); // d.ddde±XX
    const qsizetype e = sci.indexOf(QLatin1Char('e'));
    QString digits = sci.left(e);
    digits.remove(QLatin1Char('.'));
    const int exponent = sci.mid(e + 1).toInt();
    const QString sign = std::signbit(v) ? QStringLiteral("-") : QString();
    if (exponent < -4 || exponent >= 16) {
        QString mantissa = digits.left(1);
        if (digits.size() > 1)
            mantissa += QLatin1Char('.') + digits.mid(1);
        return sign + mantissa + QLatin1Char('e') + (exponent < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
               QStringLiteral("%1").arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
    }
    const int point = exponent + 1; // digits before the decimal point
    if (point <= 0)
        return sign + QStringLiteral("0.") + QString(-point, QLatin1Char('0')) + digits;
    if (point >= digits.size())
        return sign + digits + QString(point - digits.size(), QLatin1Char('0')) + QStringLiteral(".0");
    return sign + digits.left(point) + QLatin1Char('.') + digits.mid(point);
}

} // namespace

QString tagText(const QString& text, bool plain)
{
    if (!plain || text.isEmpty())
        return text;
    if (re(0).match(text).hasMatch()) {
        const QChar c = text.at(0).toLower();
        return c == QLatin1Char('y') || c == QLatin1Char('t') ||
                       text.compare(QLatin1String("on"), Qt::CaseInsensitive) == 0
                   ? QStringLiteral("True")
                   : QStringLiteral("False");
    }
    if (re(1).match(text).hasMatch()) {
        const QString i = pythonInt(text);
        return i.isEmpty() ? text : i;
    }
    if (re(2).match(text).hasMatch()) {
        QString t = text;
        t.remove(QLatin1Char('_'));
        const QString lower = t.toLower();
        if (lower.endsWith(QLatin1String(".nan")))
            return QStringLiteral("nan");
        if (lower.endsWith(QLatin1String(".inf")))
            return t.startsWith(QLatin1Char('-')) ? QStringLiteral("-inf") : QStringLiteral("inf");
        if (t.contains(QLatin1Char(':'))) {
            const bool negative = t.startsWith(QLatin1Char('-'));
            if (negative || t.startsWith(QLatin1Char('+')))
                t.remove(0, 1);
            const double v = sexagesimal(t);
            return pythonFloat(negative ? -v : v);
        }
        return pythonFloat(t.toDouble());
    }
    return text;
}

} // namespace fs::peper
