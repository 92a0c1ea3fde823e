// Time as the store's log lines write it (UTC, ISO 8601, ms) and as their rate limits count it.
#pragma once

#include <QDateTime>
#include <QString>
#include <chrono>

namespace fs {

inline QString utcText(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

/// Monotonic ms (steady clock): unaffected by the wall clock being set.
inline qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace fs
