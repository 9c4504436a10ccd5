#include <gtest/gtest.h>

#include <fstream>

#include "base/json_util.h"
#include "cli_harness.h"
#include "test_util.h"

namespace nat::test {

namespace {
void writeText(const std::filesystem::path& p, const std::string& s) { std::ofstream(p) << s; }
int countLines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}
}  // namespace

TEST(CliSpace, VersionAndHelp) {
    const CliResult v = runCli({"--version"});
    EXPECT_EQ(v.status, 0);
    EXPECT_NE(v.out.find("LibTorch"), std::string::npos);
    const CliResult h = runCli({"--help"});
    EXPECT_EQ(h.status, 0);
    EXPECT_NE(h.out.find("flops"), std::string::npos);
    EXPECT_NE(h.out.find("space"), std::string::npos);
}

TEST(CliSpace, InfoReportsOfaSupernetSize) {
    const CliResult r = runCli({"space", "info", "--preset", "ofa-mbv3", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["encoding_length"], 22);
    EXPECT_EQ(j["widths"][0]["supernet_params"], 7678880);
    EXPECT_EQ(j["widths"][1]["supernet_params"], 10715752);
    const CliResult text = runCli({"space", "info", "--preset", "tiny-mbv3"});
    EXPECT_NE(text.out.find("tiny-mbv3"), std::string::npos);
}

TEST(CliSpace, SampleWritesJsonLinesReproducibly) {
    const CliResult a = runCli({"space", "sample", "--preset", "tiny-mbv3", "-n", "5", "--seed", "3"});
    const CliResult b = runCli({"space", "sample", "--preset", "tiny-mbv3", "-n", "5", "--seed", "3"});
    ASSERT_EQ(a.status, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(countLines(a.out), 5);
    const Json first = Json::parse(a.out.substr(0, a.out.find('\n')));
    EXPECT_EQ(first["encoding"].size(), 18u);
    EXPECT_TRUE(first["subnet"].contains("ks"));
}

TEST(CliSpace, FlopsOfLargestOfaSubnet) {
    TempDir dir;
    writeText(dir / "net.subnet",
              R"({"ks":[7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7],"e":[6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6],)"
              R"("d":[4,4,4,4,4],"r":224,"w":1.0})");
    const CliResult r = runCli({"flops", (dir / "net.subnet").string(), "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(Json::parse(r.out)["macs"], 566170656);
    const CliResult t = runCli({"flops", (dir / "net.subnet").string(), "--layers"});
    EXPECT_NE(t.out.find("566.17 M"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("stage5.layer4"), std::string::npos);
}

TEST(CliSpace, FlopsReadsEncodingDigitsAndWidthFromNetConfig) {
    TempDir dir;
    writeText(dir / "net.encoding", "08011001440551052208877\n");
    const CliResult r = runCli({"flops", (dir / "net.encoding").string(), "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NEAR(Json::parse(r.out)["madds"].get<double>() / 1e6, 225.0, 1.2);
    // A subnet without "w" next to a net.config whose first conv has 24 channels is a w1.2 subnet.
    writeText(dir / "net.subnet", R"({"ks":[3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3],"d":[2,2,2,2,2],"r":192})");
    writeText(dir / "net.config", R"({"first_conv":{"out_channels":24}})");
    const CliResult w = runCli({"flops", (dir / "net.subnet").string(), "--json"});
    ASSERT_EQ(w.status, 0) << w.err;
    EXPECT_DOUBLE_EQ(Json::parse(w.out)["subnet"]["w"].get<double>(), 1.2);
}

TEST(CliSpace, BadInputGivesOneLineAndExitTwo) {
    TempDir dir;
    writeText(dir / "bad.subnet", R"({"ks":[3,3],"e":[3,3],"d":[2,2,2,2,2],"r":224})");
    CliResult r = runCli({"flops", (dir / "bad.subnet").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(countLines(r.err), 1);
    EXPECT_NE(r.err.find("'ks' and 'e' must list 10 active layers"), std::string::npos) << r.err;

    writeText(dir / "broken.subnet", R"({"ks":[3,3)");
    r = runCli({"flops", (dir / "broken.subnet").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("malformed JSON"), std::string::npos) << r.err;

    writeText(dir / "range.subnet", R"({"ks":[3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3],"d":[2,2,2,2,2],"r":300})");
    r = runCli({"flops", (dir / "range.subnet").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("resolution must be one of [192, 196"), std::string::npos) << r.err;

    r = runCli({"flops", (dir / "missing.subnet").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(countLines(r.err), 1);

    r = runCli({"space", "info", "--preset", "vgg"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("unknown search-space preset 'vgg'"), std::string::npos);

    r = runCli({"space", "sample", "-n", "-3"});
    EXPECT_EQ(r.status, 2);

    r = runCli({"frobnicate"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(countLines(r.err), 1);
}

}  // namespace nat::test
