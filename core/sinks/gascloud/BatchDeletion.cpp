// BatchDeletion: jobs are cut by seq span, so a job holds at most kChunk readings whatever the ranges.
#include "BatchDeletion.h"

#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <limits>

namespace fs::batchdeletion {

namespace {

constexpr qint64 kChunk = 4000;

} // namespace

Outcome deleteRows(Recorder& recorder, qint64 lastSeq, const std::vector<std::pair<qint64, qint64>>& ranges,
                   const QStringList& otherSinkCursors)
{
    Outcome out;
    qint64 limit = lastSeq;
    out.status = recorder.run([&](Store& store) -> Status {
        for (const QString& other : otherSinkCursors) {
            auto c = store.cursor(other);
            if (!c)
                return Error{c.error()};
            limit = std::min(limit, c.value());
        }
        return Status();
    });
    std::vector<std::pair<qint64, qint64>> job;
    qint64 jobSeqs = 0;
    const auto runJob = [&] {
        if (job.empty() || !out.status)
            return;
        out.status = recorder.run([&](Store& store) -> Status {
            for (const auto& [from, to] : job) {
                // The readings go into the charts' minute aggregates as they go, as retention's do.
                auto n =
                    MinuteAggregates::foldAndDelete(store.db(), from, to, std::numeric_limits<qint64>::max());
                if (!n)
                    return Error{n.error()};
                out.deleted += n.value();
            }
            return Status();
        });
        job.clear();
        jobSeqs = 0;
    };
    for (const auto& [from, to] : ranges) {
        if (to > limit)
            out.kept += to - std::max(from, limit + 1) + 1;
        for (qint64 at = from; at <= std::min(to, limit); at += kChunk) {
            const qint64 end = std::min({at + kChunk - 1, to, limit});
            job.emplace_back(at, end);
            jobSeqs += end - at + 1;
            if (jobSeqs >= kChunk)
                runJob();
        }
    }
    runJob();
    return out;
}

} // namespace fs::batchdeletion
