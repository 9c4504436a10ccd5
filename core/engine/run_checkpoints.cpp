#include "engine/run_checkpoints.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/error.h"
#include "base/file_io.h"
#include "engine/run_check.h"
#include "engine/run_store.h"
#include "engine/run_writer.h"
#include "space/search_space.h"
#include "supernet/checkpoint.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

struct Candidate {
    supernet::Supernet net{nullptr};
    std::uint64_t seq = 0;
    Json state;
};

// Loads one file; a damaged or missing one is a problem noted in `problems`, not an exception.
std::optional<Candidate> tryLoad(const fs::path& file, const supernet::SupernetConfig& config,
                                 std::vector<std::string>& problems) {
    try {
        supernet::LoadedSupernet l = supernet::loadSupernet(file, config);
        Candidate c;
        c.net = l.net;
        c.seq = l.metadata.value("seq", std::uint64_t{0});
        c.state = l.metadata.value("state", Json());
        return c;
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Mismatch) throw;
        problems.push_back(e.what());
        return std::nullopt;
    }
}

}  // namespace

bool hasCheckpoint(const RunWriter& run) {
    std::error_code ec;
    return fs::exists(run.supernetFile(0), ec) || fs::exists(run.previousSupernetFile(0), ec);
}

CheckpointSet loadNewestCheckpoints(const RunWriter& run, const std::vector<supernet::SupernetConfig>& configs) {
    const std::size_t widths = configs.size();
    CheckpointSet out;
    std::vector<std::optional<Candidate>> current(widths), previous(widths);
    for (std::size_t w = 0; w < widths; ++w) current[w] = tryLoad(run.supernetFile(static_cast<int>(w)), configs[w], out.problems);

    const bool allCurrent = std::all_of(current.begin(), current.end(), [](const auto& c) { return c.has_value(); });
    const bool sameSave = allCurrent && std::all_of(current.begin(), current.end(), [&](const auto& c) { return c->seq == current[0]->seq; });
    if (!sameSave) {
        // A damaged newest file, or a save interrupted between two widths: look at the kept ones.
        for (std::size_t w = 0; w < widths; ++w) {
            const fs::path prev = run.previousSupernetFile(static_cast<int>(w));
            std::error_code ec;
            if (fs::exists(prev, ec)) previous[w] = tryLoad(prev, configs[w], out.problems);
        }
    }
    // The newest save for which every width has an intact file, current or previous.
    std::map<std::uint64_t, int, std::greater<>> coverage;
    for (std::size_t w = 0; w < widths; ++w) {
        std::vector<std::uint64_t> seqs;
        if (current[w]) seqs.push_back(current[w]->seq);
        if (previous[w] && (!current[w] || previous[w]->seq != current[w]->seq)) seqs.push_back(previous[w]->seq);
        for (auto s : seqs) ++coverage[s];
    }
    for (const auto& [seq, count] : coverage) {
        if (count != static_cast<int>(widths)) continue;
        out.seq = seq;
        for (std::size_t w = 0; w < widths; ++w) {
            const bool useCurrent = current[w] && current[w]->seq == seq;
            const Candidate& c = useCurrent ? *current[w] : *previous[w];
            out.nets.push_back(c.net);
            out.fromPrevious.push_back(!useCurrent);
            if (out.state.is_null()) out.state = c.state;
        }
        return out;
    }
    std::string msg = "no intact supernet checkpoint in " + quoted(run.dir());
    for (const auto& p : out.problems) msg += "; " + p;
    if (out.problems.empty()) msg += "; the files of the last saves do not belong together";
    throw Error(ErrorCode::Corrupt, msg);
}

}  // namespace nat::engine

// ---------------------------------------------------------------- nat check

namespace nat::engine {

namespace {

void checkJournal(const fs::path& dir, RunCheckReport& r) {
    const fs::path file = dir / "journal.jsonl";
    if (!fs::exists(file)) {
        r.notes.push_back("no journal yet");
        return;
    }
    bool cut = false;
    int archs = 0, updates = 0, tests = 0, lineNo = 0;
    std::set<std::vector<int>> seen;
    for (const std::string& line : readJournalLines(file, &cut)) {
        ++lineNo;
        const Json j = Json::parse(line, nullptr, false);
        if (!j.is_object()) {
            r.problems.push_back("journal.jsonl line " + std::to_string(lineNo) + " does not parse");
            continue;
        }
        const std::string type = j.value("type", std::string("arch"));
        if (type == "arch") {
            try {
                const ArchiveEntry e = ArchiveEntry::fromJson(j);
                if (e.id != archs)
                    r.problems.push_back("journal.jsonl line " + std::to_string(lineNo) + ": architecture id " + std::to_string(e.id) +
                                         ", expected " + std::to_string(archs));
                if (!seen.insert(e.encoding).second)
                    r.problems.push_back("journal.jsonl line " + std::to_string(lineNo) + ": architecture " + std::to_string(e.id) +
                                         " was measured before");
            } catch (const Error& e) {
                r.problems.push_back("journal.jsonl line " + std::to_string(lineNo) + ": " + e.what());
            }
            ++archs;
        } else if (type == "update") {
            ++updates;
        } else if (type == "test") {
            ++tests;
        } else {
            r.problems.push_back("journal.jsonl line " + std::to_string(lineNo) + ": unknown record type '" + type + "'");
        }
    }
    r.checked.push_back("journal.jsonl: " + std::to_string(lineNo) + " lines parse (" + std::to_string(archs) + " architectures, " +
                        std::to_string(updates) + " re-evaluations, " + std::to_string(tests) + " test results), none measured twice");
    if (cut) r.notes.push_back("journal.jsonl ends in a line cut by a crash (ignored; the next resume removes it)");
}

void checkIterations(const fs::path& dir, RunCheckReport& r) {
    const fs::path file = dir / "iterations.jsonl";
    if (!fs::exists(file)) return;
    int expected = 0, lineNo = 0;
    for (const std::string& line : readJournalLines(file)) {
        ++lineNo;
        const Json j = Json::parse(line, nullptr, false);
        if (!j.is_object()) {
            r.problems.push_back("iterations.jsonl line " + std::to_string(lineNo) + " does not parse");
            continue;
        }
        const int it = j.value("iteration", -1);
        if (it != expected)
            r.problems.push_back("iterations.jsonl line " + std::to_string(lineNo) + ": iteration " + std::to_string(it) +
                                 ", expected " + std::to_string(expected));
        expected = it + 1;
    }
    r.checked.push_back("iterations.jsonl: " + std::to_string(lineNo) + " iterations, each logged once");
}

}  // namespace

RunCheckReport checkRun(const fs::path& dir) {
    const RunInfo info = readRun(dir);  // not a run folder: InvalidArgument
    RunCheckReport r;
    checkJournal(dir, r);
    checkIterations(dir, r);
    RunWriter paths(dir);
    const int widths = space::preset(info.settings.space).numWidths();
    std::uint64_t currentSeq = 0;
    bool haveCurrent = true;
    for (int w = 0; w < widths; ++w) {
        for (const fs::path& file : {paths.supernetFile(w), paths.previousSupernetFile(w)}) {
            const bool isPrev = file == paths.previousSupernetFile(w);
            std::error_code ec;
            if (!fs::exists(file, ec)) {
                if (!isPrev) {
                    haveCurrent = false;
                    (hasCheckpoint(paths) ? r.problems : r.notes).push_back(file.filename().string() + " is missing");
                }
                continue;
            }
            try {
                const supernet::SupernetFileCheck c = supernet::checkSupernetFile(file);
                const supernet::LoadedSupernet l = supernet::loadSupernet(file);
                const auto seq = l.metadata.value("seq", std::uint64_t{0});
                if (!isPrev && w == 0) currentSeq = seq;
                char crc[16];
                std::snprintf(crc, sizeof crc, "%08x", c.crc32);
                r.checked.push_back(file.filename().string() + ": " + (c.hasChecksum ? "CRC-32 " + std::string(crc) + " ok" : std::string("no checksum (older file)")) +
                                    ", loads; save #" + std::to_string(seq) + " at '" +
                                    l.metadata.value("state", Json::object()).value("phase", std::string("?")) + "'");
            } catch (const Error& e) {
                (isPrev ? r.notes : r.problems).push_back(std::string(e.what()) + (isPrev ? " (the kept previous checkpoint)" : ""));
                if (!isPrev) haveCurrent = false;
            }
        }
    }
    if (fs::exists(dir / "state.json") && haveCurrent) {
        const Json st = readJsonFile(dir / "state.json");
        const auto seq = st.value("checkpoint_seq", std::uint64_t{0});
        if (seq == currentSeq) r.checked.push_back("state.json belongs to the newest checkpoint (save #" + std::to_string(seq) + ")");
        else if (seq + 1 == currentSeq)
            r.notes.push_back("state.json is one save behind the newest checkpoint (interrupted between the two; a resume uses the checkpoint's state)");
        else r.problems.push_back("state.json belongs to save #" + std::to_string(seq) + ", the newest checkpoint is save #" + std::to_string(currentSeq));
    }
    int temporaries = 0;
    for (const auto& e : fs::directory_iterator(dir)) temporaries += e.path().filename().string().find(".tmp-") != std::string::npos;
    if (temporaries > 0)
        r.notes.push_back(std::to_string(temporaries) + " temporary file(s) of an interrupted write (removed by the next resume)");
    return r;
}

}  // namespace nat::engine
