// LiveTap: the SampleSink every source writes to. It passes everything on to the Recorder and
// tells the screen's live stream, so any channel of any source can be shown without per-type code.
#pragma once

#include "Source.h"

#include <QList>
#include <QObject>

namespace fs {

class LiveTap : public QObject, public SampleSink
{
    Q_OBJECT
public:
    /// Made before the Recorder, so that the screen can connect before any source starts.
    explicit LiveTap(QObject* parent = nullptr);
    /// Where everything goes (the Recorder); set before the first source starts, outlives the tap's use.
    void setNext(SampleSink* next) { m_next = next; }

    // Thread-safe, like the sink they forward to.
    void submit(std::span<const Sample> samples) override;
    void submitState(const NodeState& state) override;
    Result<NodeChannels> registerNode(const NodeSpec& spec) override;

Q_SIGNALS:
    /// From the submitting source's thread; only finite values (the rest the Recorder refuses).
    void samples(const QList<fs::Sample>& samples);
    /// After the store gave the node and its channels their ids.
    void nodeRegistered(const fs::NodeSpec& spec, const fs::NodeChannels& ids);
    void stateChanged(const fs::NodeState& state);

private:
    SampleSink* m_next = nullptr;
};

} // namespace fs
