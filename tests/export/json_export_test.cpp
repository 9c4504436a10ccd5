// net.subnet / net.config (released NATNet layout) / architecture JSON / weights round trips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/file_io.h"
#include "export/ofa_config.h"
#include "export/weights.h"
#include "export_fixtures.h"
#include "space/cost_model.h"
#include "supernet/checkpoint.h"
#include "test_util.h"

namespace nat::exporting {
namespace {

namespace fs = std::filesystem;
using test::exportConfig;
using test::randomSubnet;
using test::sampleArchitecture;
using test::TempDir;

TEST(JsonExport, NetSubnetReadsBackToTheSameArchitecture) {
    TempDir dir;
    for (const char* preset : {"ofa-mbv3", "tiny-mbv3"}) {
        const space::SearchSpace& s = space::preset(preset);
        for (std::uint64_t seed = 0; seed < 5; ++seed) {
            const space::Architecture a = sampleArchitecture(s, seed);
            writeSubnetJson(dir / "net.subnet", s, a);
            EXPECT_EQ(space::fromSubnetJson(s, readJsonFile(dir / "net.subnet")), a) << preset << " " << seed;
        }
    }
}

TEST(JsonExport, NetConfigHasTheReleasedNatNetStructure) {
    const space::SearchSpace& s = space::preset("ofa-mbv3");
    const space::Architecture a = sampleArchitecture(s, 3, /*widthIndex=*/1);
    const Json c = toNetConfig(s, a, {10, 3, 0.2, 0.1, 1e-5});
    EXPECT_EQ(c["name"], "NATNet");
    EXPECT_EQ(c["bn"]["eps"].get<double>(), 1e-5);
    EXPECT_EQ(c["first_conv"]["name"], "ConvLayer");
    EXPECT_EQ(c["first_conv"]["out_channels"], 24);  // w1.2
    EXPECT_EQ(c["first_conv"]["act_func"], "h_swish");
    EXPECT_EQ(space::widthFromNetConfig(s, c), 1.2);
    ASSERT_EQ(c["blocks"].size(), static_cast<std::size_t>(1 + a.totalLayers()));
    const Json& b0 = c["blocks"][0];
    EXPECT_EQ(b0["name"], "MobileInvertedResidualBlock");
    EXPECT_EQ(b0["mobile_inverted_conv"]["expand_ratio"], 1);
    EXPECT_TRUE(b0["mobile_inverted_conv"]["mid_channels"].is_null());
    EXPECT_EQ(b0["shortcut"]["name"], "IdentityLayer");
    std::size_t i = 1;
    for (std::size_t st = 0; st < a.stages.size(); ++st)
        for (std::size_t j = 0; j < a.stages[st].size(); ++j, ++i) {
            const Json& conv = c["blocks"][i]["mobile_inverted_conv"];
            EXPECT_EQ(conv["kernel_size"], a.stages[st][j].kernel);
            EXPECT_EQ(conv["expand_ratio"], a.stages[st][j].expand);
            EXPECT_EQ(conv["mid_channels"], space::expandedChannels(conv["in_channels"], a.stages[st][j].expand));
            EXPECT_EQ(conv["use_se"], s.stages[st].se);
            EXPECT_EQ(c["blocks"][i]["shortcut"].is_null(), j == 0);  // every stage's first layer changes shape
        }
    EXPECT_EQ(c["final_expand_layer"]["out_channels"], 1152);
    EXPECT_EQ(c["feature_mix_layer"]["use_bn"], false);
    EXPECT_EQ(c["feature_mix_layer"]["out_channels"], 1536);
    EXPECT_EQ(c["classifier"]["in_features"], 1536);
    EXPECT_EQ(c["classifier"]["out_features"], 10);
    EXPECT_EQ(c["classifier"]["dropout_rate"], 0.2);
}

TEST(JsonExport, ArchitectureJsonCarriesCostsObjectivesAndProvenance) {
    const space::SearchSpace& s = space::preset("tiny-mbv3");
    const space::Architecture a = sampleArchitecture(s, 9);
    ExportInfo info;
    info.inputChannels = 1;
    info.objectives = {{"top1_error", 0.08}};
    info.provenance = {{"supernet", "x.natsn"}};
    info.architecture = {{"archive_id", 17}};
    const Json j = architectureJson(s, a, info, 10);
    EXPECT_EQ(j["format"], "nat-architecture");
    EXPECT_EQ(space::fromSubnetJson(s, j["subnet"]), a);
    EXPECT_EQ(j["encoding"].get<space::Encoding>(), space::encode(s, a));
    EXPECT_EQ(j["cost"]["params"], space::computeCost(s, a, {10, 1}).params);
    EXPECT_EQ(j["objectives"]["top1_error"], 0.08);
    EXPECT_EQ(j["provenance"]["supernet"], "x.natsn");
    EXPECT_EQ(j["archive_id"], 17);
    EXPECT_EQ(j["class_names"].size(), 10u);
}

TEST(WeightsFile, SaveAndLoadGiveTheSameNetAndInfo) {
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), 4), 4);
    ExportInfo info;
    info.classNames = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    info.mean = {0.3};
    info.std = {0.4};
    info.inputChannels = 1;
    saveStaticSubnet(dir / "m.natsub", *net, info);
    LoadedSubnet loaded = loadStaticSubnet(dir / "m.natsub");
    EXPECT_EQ(loaded.net->architecture(), net->architecture());
    EXPECT_EQ(loaded.info.classNames, info.classNames);
    EXPECT_EQ(loaded.info.std, info.std);
    torch::manual_seed(0);
    const int r = net->architecture().resolution;
    const torch::Tensor x = torch::randn({2, 1, r, r});
    torch::NoGradGuard ng;
    EXPECT_TRUE(torch::equal(loaded.net->forward(x), net->forward(x)));
}

TEST(WeightsFile, BadFilesGiveClearErrors) {
    TempDir dir;
    EXPECT_NAT_ERROR(loadStaticSubnet(dir / "missing.natsub"), ErrorCode::Io, "does not exist");
    std::ofstream(dir / "junk.natsub") << "not a zip";
    EXPECT_NAT_ERROR(loadStaticSubnet(dir / "junk.natsub"), ErrorCode::Corrupt, "junk.natsub");
    supernet::Supernet sn(exportConfig("tiny-mbv3", 10, 1));
    supernet::saveSupernet(dir / "s.natsn", sn);
    EXPECT_NAT_ERROR(loadStaticSubnet(dir / "s.natsn"), ErrorCode::Corrupt, "is not a NAT Studio subnet file");
}

}  // namespace
}  // namespace nat::exporting
