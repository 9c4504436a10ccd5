#include "engine/run_writer.h"

#include "base/error.h"
#include "base/file_io.h"
#include "base/file_safety.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

// A crash can leave a journal's last line without its newline. Cut that fragment off before
// appending, or it would glue itself to the next record.
void dropPartialLastLine(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return;
    const std::string text = readTextFile(file);
    if (text.empty() || text.back() == '\n') return;
    const std::size_t keep = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    fs::resize_file(file, keep, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot repair " + quoted(file) + ": " + ec.message());
}

}  // namespace

RunWriter::RunWriter(fs::path dir, bool writes)
    : m_dir(std::move(dir)), m_writes(writes), m_lastFlush(std::chrono::steady_clock::now()) {
    if (!m_writes) return;
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot create run folder " + quoted(m_dir) + ": " + ec.message());
}

void RunWriter::repairJournals() {
    if (!m_writes) return;
    for (const char* name : {"journal.jsonl", "iterations.jsonl", "curves.jsonl"}) dropPartialLastLine(m_dir / name);
    removeStaleTemporaries(m_dir);
}

fs::path RunWriter::previousSupernetFile(int widthIndex) const {
    fs::path p = supernetFile(widthIndex);
    p += ".prev";
    return p;
}

std::uintmax_t RunWriter::curvesSize() const {
    std::error_code ec;
    const auto n = fs::file_size(m_dir / "curves.jsonl", ec);
    return ec ? 0 : n;
}

void RunWriter::truncateCurves(std::uintmax_t bytes) {
    m_pendingCurves.clear();
    if (curvesSize() <= bytes) return;
    std::error_code ec;
    fs::resize_file(m_dir / "curves.jsonl", bytes, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot repair " + quoted(m_dir / "curves.jsonl") + ": " + ec.message());
}

fs::path RunWriter::supernetFile(int widthIndex) const {
    return m_dir / ("supernet-w" + std::to_string(widthIndex) + ".natsn");
}

void RunWriter::writeSettings(const SearchSettings& s, const Json& versions) {
    if (!m_writes) return;
    writeJsonAtomic(m_dir / "settings.json", {{"settings", s.toJson()}, {"versions", versions}});
}

void RunWriter::writeState(const Json& state) {
    if (m_writes) writeJsonAtomic(m_dir / "state.json", state);
}

void RunWriter::writeJson(const std::string& name, const Json& j) {
    if (m_writes) writeJsonAtomic(m_dir / name, j);
}

void RunWriter::appendArchitecture(const ArchiveEntry& e) {
    if (!m_writes) return;
    Json j = e.toJson();
    j["type"] = "arch";
    appendLine(m_dir / "journal.jsonl", j.dump());
}

void RunWriter::appendUpdate(int id, double error, int iteration) {
    if (!m_writes) return;
    appendLine(m_dir / "journal.jsonl", Json{{"type", "update"}, {"id", id}, {"err", error}, {"iteration", iteration}}.dump());
}

void RunWriter::appendTestAccuracy(int id, double accuracy) {
    if (!m_writes) return;
    appendLine(m_dir / "journal.jsonl", Json{{"type", "test"}, {"id", id}, {"test_acc", accuracy}}.dump());
}

void RunWriter::appendIteration(const IterationSnapshot& s) {
    if (!m_writes) return;
    appendLine(m_dir / "iterations.jsonl", s.toJson().dump());
}

void RunWriter::appendCurve(const CurvePoint& p) {
    if (!m_writes) return;
    m_pendingCurves.push_back(p);
    if (std::chrono::steady_clock::now() - m_lastFlush > std::chrono::seconds(2)) flushCurves();
}

void RunWriter::flushCurves() {
    if (!m_writes) return;
    if (!m_pendingCurves.empty()) {
        std::string text;
        for (const auto& p : m_pendingCurves) text += p.toJson().dump() + "\n";
        text.pop_back();  // appendLine adds the last newline
        appendLine(m_dir / "curves.jsonl", text);
        m_pendingCurves.clear();
    }
    m_lastFlush = std::chrono::steady_clock::now();
}

}  // namespace nat::engine
