#include <gtest/gtest.h>

#include "cli_harness.h"
#include "test_util.h"

namespace nat::test {

// Bad input to the engine commands: one readable line on stderr, a non-zero exit, nothing written.
TEST(CliEngine, ScratchRejectsBadInputInOneLine) {
    TempDir dir;
    const CliResult missing = runCli({"scratch", (dir / "no-such-run").string()});
    EXPECT_EQ(missing.status, 2);
    EXPECT_EQ(missing.err.find('\n'), missing.err.size() - 1) << missing.err;
    EXPECT_NE(missing.err.find("no-such-run"), std::string::npos) << missing.err;

    const CliResult negative = runCli({"scratch", dir.path().string(), "--epochs", "-1"});
    EXPECT_EQ(negative.status, 2);
    EXPECT_EQ(negative.err, "nat: error: --epochs must be 0 (as the search) or more, got -1\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "scratch"));
}

}  // namespace nat::test
