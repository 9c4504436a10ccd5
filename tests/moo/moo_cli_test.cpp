#include <gtest/gtest.h>

#include <fstream>

#include "base/file_io.h"
#include "cli/cli_harness.h"
#include "test_util.h"

namespace nat::test {
namespace {

TEST(MooCli, RunsDtlz2AndWritesFront) {
    TempDir dir;
    const std::string out = (dir / "front.csv").string();
    const CliResult r = runCli({"moo", "--problem", "dtlz2", "--objectives", "3", "--generations", "60", "--seed", "4", "--out", out, "--igd"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("IGD "), std::string::npos) << r.out;
    const std::string csv = readTextFile(out);
    EXPECT_EQ(csv.rfind("f1,f2,f3\n", 0), 0u);
    // Same seed, same file.
    const std::string out2 = (dir / "front2.csv").string();
    ASSERT_EQ(runCli({"moo", "--problem", "dtlz2", "--generations", "60", "--seed", "4", "--out", out2}).status, 0);
    EXPECT_EQ(readTextFile(out2), csv);
}

TEST(MooCli, HypervolumeOfCsv) {
    TempDir dir;
    const auto file = dir / "f.csv";
    std::ofstream(file) << "f1,f2\n1,3\n2,2\n3,1\n";
    const CliResult r = runCli({"moo", "--hv", file.string(), "--ref", "4,4"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "6\n");
    const CliResult bad = runCli({"moo", "--hv", file.string(), "--ref", "4,4,4"});
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("--ref has 3 values"), std::string::npos) << bad.err;
}

TEST(MooCli, BadInput) {
    const CliResult r = runCli({"moo", "--problem", "dtlz7", "--out", "x.csv"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("unknown test problem 'dtlz7'"), std::string::npos) << r.err;
    const CliResult noOut = runCli({"moo", "--problem", "dtlz1"});
    EXPECT_EQ(noOut.status, 2);
    EXPECT_NE(noOut.err.find("needs --out"), std::string::npos) << noOut.err;
}

}  // namespace
}  // namespace nat::test
