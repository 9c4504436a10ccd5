#include "engine/run_store.h"

#include <algorithm>
#include <map>

#include "base/error.h"
#include "base/file_io.h"
#include "base/json_optional.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

// Applies one journal record: a new architecture, a re-evaluation ("update") or a test result.
void applyJournalLine(const Json& j, std::vector<ArchiveEntry>& archive, std::map<int, std::size_t>& index) {
    const std::string type = optionalString(j, "type", "arch", "journal");
    if (type == "arch") {
        ArchiveEntry e = ArchiveEntry::fromJson(j);
        index[e.id] = archive.size();
        archive.push_back(std::move(e));
        return;
    }
    const int id = requireInt(j, "id", "journal");
    const auto it = index.find(id);
    if (it == index.end()) return;  // an update for an entry lost with a truncated line
    ArchiveEntry& e = archive[it->second];
    if (type == "update") {
        e.error = requireNumber(j, "err", "journal update");
        e.cpuMs = optionalNumber(j, "cpu_ms", e.cpuMs, "journal update");
    } else if (type == "test") {
        e.testAccuracy = requireNumber(j, "test_acc", "journal test");
    }
}

template <class T, class F>
std::vector<T> readLines(const fs::path& file, F parse) {
    std::vector<T> out;
    if (!fs::exists(file)) return out;
    for (const std::string& line : readJournalLines(file)) {
        try {
            out.push_back(parse(parseJson(line, quoted(file))));
        } catch (const Error&) {
            // A damaged line in a log is skipped; the journal is checked more strictly below.
        } catch (const Json::exception&) {
            // The same for a value of the wrong type (e.g. "front": "x").
        }
    }
    return out;
}

}  // namespace

std::vector<int> frontOf(const std::vector<ArchiveEntry>& archive, const std::vector<Objective>& objectives) {
    std::vector<int> front;
    for (std::size_t i = 0; i < archive.size(); ++i) {
        bool dominated = false;
        for (std::size_t k = 0; k < archive.size() && !dominated; ++k) {
            if (k == i) continue;
            bool allLeq = true, oneLess = false;
            for (Objective o : objectives) {
                const double a = archive[k].objective(o), b = archive[i].objective(o);
                allLeq &= a <= b;
                oneLess |= a < b;
            }
            // Equal points: keep the first one only.
            dominated = allLeq && (oneLess || k < i);
        }
        if (!dominated) front.push_back(archive[i].id);
    }
    return front;
}

RunInfo readRun(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw Error(ErrorCode::InvalidArgument, quoted(dir) + " is not a folder");
    if (!fs::exists(dir / "settings.json"))
        throw Error(ErrorCode::InvalidArgument, quoted(dir) + " is not a NAT Studio run folder (settings.json is missing)");
    RunInfo info;
    info.dir = dir;
    try {
        const Json file = readJsonFile(dir / "settings.json");
        if (!file.is_object()) throw Error(ErrorCode::Parse, "expected a JSON object");
        info.settings = SearchSettings::fromJson(file.contains("settings") ? file["settings"] : Json::object());
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(dir / "settings.json") + ": " + e.what());
    }
    if (fs::exists(dir / "state.json")) {
        try {
            const Json st = readJsonFile(dir / "state.json");
            if (!st.is_object()) throw Error(ErrorCode::Parse, "expected a JSON object");
            info.status = optionalString(st, "status", "unknown", "state");
            info.phase = optionalString(st, "phase", std::string(), "state");
            info.completedIterations = optionalInt(st, "completed_iterations", 0, "state");
        } catch (const Error& e) {
            throw Error(ErrorCode::Corrupt, quoted(dir / "state.json") + ": " + e.what());
        }
    }
    if (fs::exists(dir / "dataset.json")) info.dataset = readJsonFile(dir / "dataset.json");
    if (fs::exists(dir / "journal.jsonl")) {
        std::map<int, std::size_t> index;
        for (const std::string& line : readJournalLines(dir / "journal.jsonl", &info.truncatedJournal)) {
            try {
                applyJournalLine(parseJson(line, quoted(dir / "journal.jsonl")), info.archive, index);
            } catch (const Error& e) {
                throw Error(ErrorCode::Corrupt, quoted(dir / "journal.jsonl") + " has a damaged line: " + e.what());
            }
        }
    }
    info.curves = readLines<CurvePoint>(dir / "curves.jsonl", [](const Json& j) { return CurvePoint::fromJson(j); });
    info.iterations = readLines<IterationSnapshot>(dir / "iterations.jsonl", [](const Json& j) {
        IterationSnapshot s;
        s.iteration = optionalInt(j, "iteration", 0, "iteration");
        if (j.contains("front")) s.frontIds = requireIntArray(j, "front", "iteration");
        if (j.contains("new")) s.newIds = requireIntArray(j, "new", "iteration");
        s.predictor = j.value("predictor", Json());
        s.hypervolume = optionalNumber(j, "hypervolume", 0.0, "iteration");
        s.seconds = optionalNumber(j, "seconds", 0.0, "iteration");
        return s;
    });
    info.frontIds = frontOf(info.archive, info.settings.objectives);
    return info;
}

}  // namespace nat::engine
