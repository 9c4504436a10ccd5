#include <gtest/gtest.h>

#include <fstream>

#include "base/json_util.h"
#include "base/rng.h"
#include "cli_harness.h"
#include "surrogate/holdout_eval.h"
#include "test_util.h"

namespace nat::test {

namespace {

// A synthetic archive in the engine's format: 4 variables 0..9, err a smooth function plus noise.
void writeArchive(const std::filesystem::path& p, int n, bool truncatedTail = false) {
    std::ofstream out(p);
    Rng rng(5);
    for (int i = 0; i < n; ++i) {
        std::vector<int> e(4);
        for (int& v : e) v = static_cast<int>(rng.uniformInt(0, 9));
        const double err = 0.1 + 0.01 * (e[0] - 4.5) * (e[0] - 4.5) + 0.02 * e[1] - 0.01 * e[2] * e[3] / 9.0 + 0.002 * rng.normal();
        out << Json{{"encoding", e}, {"err", err}, {"id", i}}.dump() << "\n";
    }
    if (truncatedTail) out << R"({"encoding":[1,2)";
}

}  // namespace

TEST(CliSurrogate, EvalPrintsTauPerModelAndSize) {
    TempDir dir;
    writeArchive(dir / "archive.jsonl", 80, true);
    const CliResult r = runCli({"surrogate", "eval", "--archive", (dir / "archive.jsonl").string(), "--sizes", "20,40",
                                "--members", "20", "--folds", "5", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["records"], 80);  // the truncated last line is skipped
    EXPECT_EQ(j["test"], 40);
    ASSERT_EQ(j["sizes"].size(), 2u);
    EXPECT_EQ(j["sizes"][1]["size"], 40);
    EXPECT_EQ(j["sizes"][1]["models"].size(), 5u);
    EXPECT_GT(j["sizes"][1]["adaptive"]["kendall"].get<double>(), 0.5);
    EXPECT_EQ(j["sizes"][1]["switching"]["folds"], 5);

    const CliResult text = runCli({"surrogate", "eval", "--archive", (dir / "archive.jsonl").string(), "--sizes", "20",
                                   "--members", "10", "--folds", "4"});
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("adaptive switching"), std::string::npos);
    EXPECT_NE(text.out.find("rbf_ensemble"), std::string::npos);
    EXPECT_NE(text.out.find("has the highest cross-validated Kendall tau"), std::string::npos);
}

TEST(CliSurrogate, FitReportsChosenModel) {
    TempDir dir;
    writeArchive(dir / "a.jsonl", 40);
    const CliResult r = runCli({"surrogate", "fit", "--archive", (dir / "a.jsonl").string(), "--members", "10", "--folds", "4"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("chosen: "), std::string::npos);
    EXPECT_NE(r.out.find("kriging"), std::string::npos);
}

TEST(CliSurrogate, BadInputGivesOneLineErrors) {
    TempDir dir;
    writeArchive(dir / "small.jsonl", 30);
    const CliResult small = runCli({"surrogate", "eval", "--archive", (dir / "small.jsonl").string()});
    EXPECT_EQ(small.status, 2);
    EXPECT_EQ(small.err, "nat: error: the archive has 30 architectures; sizes up to 200 need at least 210 (10 or more held out)\n");
    std::ofstream(dir / "bad.jsonl") << "{\"encoding\":[1,2],\"err\":0.1}\n{\"encoding\":[1,2]}\n{\"encoding\":[1,2],\"err\":0.2}\n";
    const CliResult bad = runCli({"surrogate", "fit", "--archive", (dir / "bad.jsonl").string()});
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("line 2"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("'err'"), std::string::npos) << bad.err;
    const CliResult kind = runCli({"surrogate", "fit", "--archive", (dir / "small.jsonl").string(), "--features", "bits"});
    EXPECT_EQ(kind.err, "nat: error: feature kind must be 'normalised' or 'one-hot', got 'bits'\n");
}

TEST(CliSurrogate, BenchPrintsTheFigures) {
    const CliResult r = runCli({"bench", "surrogate", "--samples", "40", "--candidates", "500", "--members", "10",
                                "--folds", "4", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["variables"], 22);
    EXPECT_EQ(j["models"].size(), 5u);
    EXPECT_GT(j["switching_wall_s"].get<double>(), 0.0);
    EXPECT_TRUE(j.contains("chosen_predict_ms"));
}

TEST(CliSurrogate, ReadsARunJournalWithUpdates) {
    TempDir dir;
    {
        std::ofstream out(dir / "journal.jsonl");
        out << R"({"type":"arch","id":0,"encoding":[1,2],"err":0.30})" << "\n"
            << R"({"type":"arch","id":1,"encoding":[3,4],"err":0.20})" << "\n"
            << R"({"type":"update","id":0,"err":0.25})" << "\n"
            << R"({"type":"test","id":1,"test_acc":0.9})" << "\n"
            << R"({"type":"update","id":1,"err":0.15})" << "\n";
    }
    const auto records = surrogate::readArchiveJsonl(dir / "journal.jsonl");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].encoding, (std::vector<int>{1, 2}));
    EXPECT_DOUBLE_EQ(records[0].err, 0.25);
    EXPECT_DOUBLE_EQ(records[1].err, 0.15);
    {
        std::ofstream out(dir / "orphan.jsonl");
        out << R"({"type":"update","id":7,"err":0.25})" << "\n";
    }
    EXPECT_NAT_ERROR(surrogate::readArchiveJsonl(dir / "orphan.jsonl"), ErrorCode::InvalidArgument,
                     "line 1: an update for an architecture id not listed before it");
}

}  // namespace nat::test
