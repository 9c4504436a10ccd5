#pragma once

#include <chrono>
#include <filesystem>
#include <vector>

#include "engine/events.h"

namespace nat::engine {

/// Writes a run folder (format in README "Run folder"). Every file is either replaced atomically
/// (settings.json, state.json, dataset.json, split.json, checkpoints) or append-only JSON lines whose
/// readers drop a truncated last line (journal.jsonl, iterations.jsonl, curves.jsonl).
/// Not thread-safe: the job thread owns it.
class RunWriter {
public:
    /// `writes` false: a writer that names the folder's files but writes nothing (the non-zero
    /// ranks of a distributed search, where rank 0 alone owns the run folder).
    explicit RunWriter(std::filesystem::path dir, bool writes = true);
    bool writes() const { return m_writes; }

    const std::filesystem::path& dir() const { return m_dir; }
    /// Cuts a crash-truncated last line off every journal, so appends start on a fresh line, and
    /// removes temporaries of atomic writes a killed process left behind. Only the process that owns
    /// the run (the search) may call it.
    void repairJournals();
    std::filesystem::path supernetFile(int widthIndex) const;
    /// The checkpoint kept from before the last save (supernet-w<i>.natsn.prev), see docs/checkpoints.md.
    std::filesystem::path previousSupernetFile(int widthIndex) const;
    /// Size of curves.jsonl in bytes (0 when absent); recorded with each checkpoint.
    std::uintmax_t curvesSize() const;
    /// Cuts curves.jsonl back to `bytes` (the size recorded with the checkpoint a resume starts from),
    /// so training steps that are repeated do not appear twice.
    void truncateCurves(std::uintmax_t bytes);

    void writeSettings(const SearchSettings& s, const Json& versions);
    void writeState(const Json& state);
    void writeJson(const std::string& name, const Json& j);

    void appendArchitecture(const ArchiveEntry& e);
    /// A re-evaluation of architecture `id` in NAT iteration `iteration`.
    void appendUpdate(int id, double error, int iteration);
    void appendTestAccuracy(int id, double accuracy);
    void appendIteration(const IterationSnapshot& s);
    /// Curve points are buffered and flushed at most every 2 s (and by flushCurves()).
    void appendCurve(const CurvePoint& p);
    void flushCurves();

private:
    std::filesystem::path m_dir;
    bool m_writes = true;
    std::vector<CurvePoint> m_pendingCurves;
    std::chrono::steady_clock::time_point m_lastFlush;
};

}  // namespace nat::engine
