// SampleSink: what a source hands its readings to. The Recorder implements it; a source includes
// this header and never a store header.
#pragma once

#include "model/Sample.h"
#include "util/Result.h"

#include <span>

namespace fs {

class SampleSink
{
public:
    virtual ~SampleSink() = default;

    /// Thread-safe. Never blocks for long: a value the store cannot take is refused and counted.
    virtual void submit(std::span<const Sample> samples) = 0;
    /// Thread-safe. A change in a node's health.
    virtual void submitState(const NodeState& state) = 0;
    /// Gives the node and its channels their store ids. Blocks the calling thread until the store
    /// has answered (never behind a queue of samples); any thread but the writer's.
    virtual Result<NodeChannels> registerNode(const NodeSpec& spec) = 0;
};

} // namespace fs
