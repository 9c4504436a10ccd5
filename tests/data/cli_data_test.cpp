// `nat dataset info` on generated datasets: text, JSON, and one-line errors with exit status 2.
#include <gtest/gtest.h>

#include "base/json_util.h"
#include "cli/cli_harness.h"
#include "data/data_test_util.h"
#include "test_util.h"

namespace nat::test {
namespace {

TEST(CliData, InfoPrintsTextAndJson) {
    TempDir tmp;
    writeIdxFolder(tmp / "letters", 30, 10, 3, 5, true);
    const std::string dir = (tmp / "letters").string();
    const CliResult text = runCli({"dataset", "info", dir});
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("letters (idx)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("5x5, 1 channel"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("split       train 30, test 10; validation is held out"), std::string::npos) << text.out;
    const CliResult json = runCli({"dataset", "info", dir, "--json", "--thumbnails", "2"});
    ASSERT_EQ(json.status, 0) << json.err;
    const Json j = Json::parse(json.out);
    EXPECT_EQ(j["num_classes"], 3);
    EXPECT_EQ(j["counts"]["train"], 30);
    EXPECT_EQ(j["thumbnails"].size(), 6u);
    EXPECT_EQ(j["mean"].size(), 1u);
}

TEST(CliData, BadPathsGiveOneLineAndStatus2) {
    TempDir tmp;
    const CliResult missing = runCli({"dataset", "info", (tmp / "nope").string()});
    EXPECT_EQ(missing.status, 2);
    EXPECT_EQ(missing.err, "nat: error: dataset path '" + (tmp / "nope").generic_string() + "' does not exist\n");
    writeIdxFolder(tmp.path(), 4, 2, 2, 3, false);
    writeBytes(tmp / "train-images-idx3-ubyte", Bytes{9, 9, 9, 9, 9});
    const CliResult corrupt = runCli({"dataset", "info", tmp.path().string()});
    EXPECT_EQ(corrupt.status, 2);
    EXPECT_NE(corrupt.err.find("train-images-idx3-ubyte' has a wrong magic number 0x09090909"), std::string::npos) << corrupt.err;
}

}  // namespace
}  // namespace nat::test
