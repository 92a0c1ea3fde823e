// HistoryFixture: a store with one pm1 channel for each of two OPC-N3 sources, written through a
// Recorder that commits every 50 ms, for the history reader's and the charts' tests.
#pragma once

#include "store/Recorder.h"
#include "views/LiveStream.h"

#include <QDateTime>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <span>
#include <vector>

namespace fs::test {

/// Commits every 50 ms, so that tests see their samples soon.
inline RecorderOptions fastFlush()
{
    RecorderOptions o;
    o.flushIntervalMs = 50;
    return o;
}

inline constexpr qint64 t0 = 1'790'000'000'000;

/// A store with one pm1 channel for each of two sources; returns the channel of `source`.
inline ChannelId addNode(Recorder& rec, const QString& source)
{
    const NodeSpec spec{
        QStringLiteral("opcn3:") + source,
        QStringLiteral("opcn3"),
        source,
        {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), QStringLiteral("µg/m³")}},
        source};
    auto ids = rec.registerNode(spec);
    if (!ids)
        qFatal("%s", qPrintable(ids.error()));
    return ids->channels.first();
}

/// `n` readings a second apart from `start`: a gentle wave, one spike up and one down.
inline void record(Recorder& rec, ChannelId ch, qint64 start, int n, double offset = 0)
{
    std::vector<Sample> s;
    for (int i = 0; i < n; ++i) {
        const double v = i == n / 3 ? 1000.0 : i == n / 2 ? -500.0 : offset + i % 7;
        s.push_back({start + i * 1000LL, ch, v});
    }
    rec.submit(std::span<const Sample>(s));
    if (!rec.flush().ok())
        qFatal("flush failed");
}

/// Tells the stream about source opc-a's node, as the Recorder does at its registration.
inline void showNode(LiveStream& stream, ChannelId pm1)
{
    stream.onNodeRegistered({QStringLiteral("opcn3:opc-a"),
                             QStringLiteral("opcn3"),
                             QString(),
                             {{QStringLiteral("pm1"), QStringLiteral("pm1"), QString(), QString()}},
                             QStringLiteral("opc-a")},
                            {1, {pm1}});
}

/// The store and its two channels, opened anew for every test function (call open() in init()).
class HistoryFixture : public QObject
{
protected:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Recorder> m_rec;
    ChannelId m_a = 0, m_b = 0;

    void open()
    {
        m_path = m_dir.filePath(QStringLiteral("h%1.db").arg(QDateTime::currentMSecsSinceEpoch()));
        m_rec = std::make_unique<Recorder>(m_path, fastFlush());
        QVERIFY(m_rec->start().ok());
        m_a = addNode(*m_rec, QStringLiteral("opc-a"));
        m_b = addNode(*m_rec, QStringLiteral("opc-b"));
    }
};

} // namespace fs::test
