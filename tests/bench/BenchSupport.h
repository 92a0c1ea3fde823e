// What the benchmarks share: the process's memory figures from /proc.
#pragma once

#include <QFile>
#include <QList>
#include <QStringList>

namespace fs::bench {

/// A "Vm…:" field of /proc/self/status in KiB (VmRSS now, VmHWM the peak), or -1.
inline long statusKb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLong();
    }
    return -1;
}

/// The value after `--name` on the command line, or `fallback`.
inline QString option(const QStringList& args, const char* name, const QString& fallback = {})
{
    const qsizetype i = args.indexOf(QLatin1String(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

/// Resets the kernel's peak-RSS mark, so the next VmHWM is the next phase's own.
inline void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

} // namespace fs::bench
