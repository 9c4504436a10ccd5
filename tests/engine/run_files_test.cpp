#include <gtest/gtest.h>

#include <fstream>

#include "engine/run_store.h"
#include "engine/settings.h"
#include "test_util.h"

// Damaged run-folder files (tests/fuzz/corpus/run_folder/regress-*): each used to escape readRun as a
// JSON library exception or convert a huge number to int with undefined behaviour; now each is a
// nat::Error naming the file and field, or a skipped line in a log. Torch-free and fast.

namespace nat::engine {
namespace {

void write(const std::filesystem::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

class RunFiles : public ::testing::Test {
protected:
    void SetUp() override {
        writeJsonAtomic(dir / "settings.json", {{"settings", presetSettings("quick").toJson()}});
    }
    std::string archLine(int id) const {
        ArchiveEntry e;
        e.id = id;
        e.encoding = {0, 0, 1};
        e.subnet = Json::object();
        Json j = e.toJson();
        j["type"] = "arch";
        return j.dump() + "\n";
    }
    test::TempDir dir;
};

TEST_F(RunFiles, StateWithWrongTypesIsCorruptNamingTheField) {
    write(dir / "state.json", R"({"status": 5})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "state.json': state: field 'status' must be a string, got 5");
    write(dir / "state.json", R"({"completed_iterations": 1e300})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "field 'completed_iterations' must be an integer, got 1e+300");
    write(dir / "state.json", "[]");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "state.json': expected a JSON object");
    write(dir / "state.json", R"({"status": "running", "completed_iterations": 2})");
    const RunInfo info = readRun(dir.path());
    EXPECT_EQ(info.status, "running");
    EXPECT_EQ(info.completedIterations, 2);
}

TEST_F(RunFiles, SettingsWithWrongShapeOrHugeNumbersAreCorrupt) {
    write(dir / "settings.json", "[1]");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "settings.json': expected a JSON object");
    write(dir / "settings.json", R"({"settings": {"threads": 1e300}})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "field 'threads' must be an integer, got 1e+300");
    write(dir / "settings.json", R"({"settings": {"iterations": 4294967304}})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "field 'iterations' must be an integer, got 4294967304");
    write(dir / "settings.json", R"({"settings": {"objectives": ["err", 3]}})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "'objectives' must be a list of names, got 3");
    write(dir / "settings.json", R"({"settings": {"seed": -1}})");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "'seed' must be a whole number of 0 or more, got -1");
}

TEST_F(RunFiles, JournalUpdateWithWrongTypeIsADamagedLine) {
    write(dir / "journal.jsonl", archLine(0) + R"({"type":"update","id":0,"err":0.1,"cpu_ms":"x"})" + "\n");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt,
                     "journal.jsonl' has a damaged line: journal update: field 'cpu_ms' must be a number, got \"x\"");
    write(dir / "journal.jsonl", archLine(0) + R"({"type":7,"id":0})" + "\n");
    EXPECT_NAT_ERROR(readRun(dir.path()), ErrorCode::Corrupt, "journal: field 'type' must be a string, got 7");
    write(dir / "journal.jsonl", archLine(0) + R"({"type":"update","id":0,"err":0.25,"cpu_ms":1.5})" + "\n");
    const RunInfo info = readRun(dir.path());
    ASSERT_EQ(info.archive.size(), 1u);
    EXPECT_EQ(info.archive[0].error, 0.25);
    EXPECT_EQ(info.archive[0].cpuMs, 1.5);
}

TEST_F(RunFiles, DamagedLogLinesAreSkipped) {
    write(dir / "iterations.jsonl", R"({"front": "x"})" "\n" R"({"front": [1e300]})" "\n" R"({"iteration": 1, "front": [0, 2]})" "\n");
    write(dir / "curves.jsonl", R"({"step": 1e300})" "\n" R"({"loss": "high"})" "\n" R"({"step": 12, "loss": 0.5})" "\n");
    const RunInfo info = readRun(dir.path());
    ASSERT_EQ(info.iterations.size(), 1u);
    EXPECT_EQ(info.iterations[0].frontIds, (std::vector<int>{0, 2}));
    ASSERT_EQ(info.curves.size(), 1u);
    EXPECT_EQ(info.curves[0].step, 12);
    EXPECT_EQ(info.curves[0].loss, 0.5);
}

}  // namespace
}  // namespace nat::engine
