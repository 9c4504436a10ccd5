#include "supernet/ofa_import.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <iostream>
#include <set>

#include "base/file_io.h"
#include "supernet/checkpoint.h"
#include "supernet/static_subnet.h"
#include "test_util.h"

// OFA checkpoints with random weights are written by Debian's python3-torch
// (tests/supernet/ofa_import_fixtures.py) once per run, in every key spelling and both file formats,
// together with reference logits of one subnet computed in Python with torch.nn.functional.

namespace nat::supernet {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPython = "/usr/bin/python3";
constexpr std::int64_t kParamsW10 = 7'678'880;   // NAT-REFERENCE.md §3
constexpr std::int64_t kParamsW12 = 10'715'752;

OfaImportOptions opts(int widthIndex, int classes, std::uint64_t seed = 0) {
    OfaImportOptions o;
    o.widthIndex = widthIndex;
    o.numClasses = classes;
    o.seed = seed;
    return o;
}

SupernetConfig ofaConfig(int widthIndex, int classes) {
    SupernetConfig c;
    c.space = space::preset("ofa-mbv3");
    c.widthIndex = widthIndex;
    c.numClasses = classes;
    c.inputChannels = 3;
    return c;
}

TEST(OfaKeyFor, NamesEveryTensorOfBothWidthsOnce) {
    for (int w : {0, 1}) {
        Supernet net(ofaConfig(w, 1000));
        std::set<std::string> keys;
        std::size_t count = 0;
        for (const auto& p : net->named_parameters()) keys.insert(ofaKeyFor(*net, p.key())), ++count;
        for (const auto& b : net->named_buffers()) keys.insert(ofaKeyFor(*net, b.key())), ++count;
        EXPECT_EQ(count, 475u);  // the checkpoints' entry count
        EXPECT_EQ(keys.size(), count);
        EXPECT_FALSE(keys.count(""));
    }
}

TEST(OfaKeyFor, MapsOurNamesToOfaCanonicalKeys) {
    Supernet net(ofaConfig(0, 1000));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"stem_weight", "first_conv.conv.weight"},
        {"stem_bn.num_batches_tracked", "first_conv.bn.num_batches_tracked"},
        {"blocks.0.dw_weight", "blocks.0.conv.depth_conv.conv.weight"},
        {"blocks.0.proj_bn.running_var", "blocks.0.conv.point_linear.bn.running_var"},
        {"blocks.3.ib_weight", "blocks.3.conv.inverted_bottleneck.conv.weight"},
        {"blocks.3.transform_5", "blocks.3.conv.depth_conv.conv.7to5_matrix"},
        {"blocks.3.transform_3", "blocks.3.conv.depth_conv.conv.5to3_matrix"},
        {"blocks.7.se_expand_bias", "blocks.7.conv.depth_conv.se.fc.expand.bias"},
        {"blocks.20.dw_bn.weight", "blocks.20.conv.depth_conv.bn.weight"},
        {"final_expand_bn.bias", "final_expand_layer.bn.bias"},
        {"feature_mix_weight", "feature_mix_layer.conv.weight"},
        {"classifier_bias", "classifier.linear.bias"},
        {"blocks.21.dw_weight", ""},
        {"blocks.x.dw_weight", ""},
        {"nothing", ""}};
    for (const auto& [ours, theirs] : cases) EXPECT_EQ(ofaKeyFor(*net, ours), theirs) << ours;
    // Both spellings of the file land on the key our name maps to.
    EXPECT_EQ(canonicalOfaKey("blocks.3.mobile_inverted_conv.depth_conv.conv.conv.weight"), ofaKeyFor(*net, "blocks.3.dw_weight"));
    EXPECT_EQ(canonicalOfaKey("blocks.3.conv.inverted_bottleneck.bn.bn.running_mean"), ofaKeyFor(*net, "blocks.3.ib_bn.running_mean"));
}

class OfaFiles : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (std::system((std::string(kPython) + " -c 'import torch' >/dev/null 2>&1").c_str()) != 0) {
            s_skip = "needs /usr/bin/python3 with torch (Debian python3-torch) to write test checkpoints";
            return;
        }
        s_dir = std::make_unique<test::TempDir>();
        const fs::path log = s_dir->path() / "fixtures.log";
        const std::string cmd = std::string(kPython) + " '" + NAT_OFA_IMPORT_FIXTURES + "' '" + s_dir->path().string() +
                                "' >'" + log.string() + "' 2>&1";
        if (std::system(cmd.c_str()) != 0) s_failure = "fixture script failed:\n" + readTextFile(log);
        else std::cout << readTextFile(log);
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    void SetUp() override {
        if (!s_skip.empty()) GTEST_SKIP() << s_skip;
        ASSERT_TRUE(s_failure.empty()) << s_failure;
    }

    static fs::path file(const std::string& name) { return s_dir->path() / name; }

    static inline std::unique_ptr<test::TempDir> s_dir;
    static inline std::string s_skip;
    static inline std::string s_failure;
};

// Every tensor of the file sits, bit for bit, where its canonical key says.
void expectEveryTensorPlaced(const fs::path& path, SupernetImpl& net) {
    std::map<std::string, torch::Tensor> ours;
    for (const auto& p : net.named_parameters()) ours[ofaKeyFor(net, p.key())] = p.value();
    for (const auto& b : net.named_buffers()) ours[ofaKeyFor(net, b.key())] = b.value();
    for (const auto& [key, t] : readStateDict(path)) {
        const auto it = ours.find(canonicalOfaKey(key));
        ASSERT_NE(it, ours.end()) << key;
        EXPECT_TRUE(torch::equal(it->second, t.to(it->second.dtype()))) << key;
    }
}

void expectCompleteImport(const fs::path& path, int widthIndex, std::int64_t params) {
    SCOPED_TRACE(path.filename().string());
    ImportedSupernet imp = importOfa(path, opts(widthIndex, 0));
    EXPECT_EQ(imp.report.placed.size(), 475u);
    EXPECT_EQ(imp.report.placedParameters, params);
    EXPECT_EQ(imp.report.checkpointTensors, 475);
    EXPECT_EQ(imp.report.checkpointClasses, 1000);
    EXPECT_TRUE(imp.report.unusedKeys.empty()) << imp.report.unusedKeys.front();
    EXPECT_TRUE(imp.report.missingNames.empty()) << imp.report.missingNames.front();
    EXPECT_FALSE(imp.report.freshClassifier);
    EXPECT_EQ(imp.net->config().numClasses, 1000);
    expectEveryTensorPlaced(path, *imp.net);
}

TEST_F(OfaFiles, PlacesEveryTensorOfBothWidthsInEverySpellingAndFormat) {
    for (const char* f : {"w10_new.pt", "w10_old_legacy.pt", "w10_old_zip.pt"}) expectCompleteImport(file(f), 0, kParamsW10);
    for (const char* f : {"w12_new.pt", "w12_old_legacy.pt", "w12_old_zip.pt"}) expectCompleteImport(file(f), 1, kParamsW12);
}

// Our supernet after import computes what an independent Python forward of the OFA network computes.
TEST_F(OfaFiles, LogitsMatchPythonReferenceForward) {
    for (const auto& [label, widthIndex] : {std::pair{"w10", 0}, std::pair{"w12", 1}}) {
        SCOPED_TRACE(label);
        const std::string l = label;
        for (const std::string& f : {l + "_new.pt", l + "_old_legacy.pt"}) {
            ImportedSupernet imp = importOfa(file(f), opts(widthIndex, 0));
            const space::Architecture arch =
                space::fromSubnetJson(imp.net->space(), readJsonFile(file(l + "_subnet.json")));
            ASSERT_EQ(arch.widthIndex, widthIndex);
            const StateDict ref = readStateDict(file(l + "_ref.pt"));
            ASSERT_EQ(ref.size(), 2u);
            const torch::Tensor& input = ref[0].second;
            const torch::Tensor& expected = ref[1].second;
            imp.net->setActive(arch);
            imp.net->eval();
            torch::NoGradGuard ng;
            const torch::Tensor got = imp.net->forward(input);
            EXPECT_LE((got - expected).abs().max().item<double>(), 1e-4) << f;
            const torch::Tensor fromStatic = StaticSubnetImpl::extract(*imp.net)->forward(input);
            EXPECT_LE((fromStatic - expected).abs().max().item<double>(), 1e-4) << f;
        }
    }
}

TEST_F(OfaFiles, RefusesTheOtherWidth) {
    EXPECT_NAT_ERROR(importOfa(file("w10_new.pt"), opts(1, 0)), ErrorCode::Mismatch,
                     "is an OFA w1.0 supernet (first conv has 16 channels) but width 1.2 was asked for; use --width 1.0");
    EXPECT_NAT_ERROR(importOfa(file("w12_old_legacy.pt"), opts(0, 0)), ErrorCode::Mismatch,
                     "is an OFA w1.2 supernet (first conv has 24 channels) but width 1.0");
}

TEST_F(OfaFiles, RefusesAWrongShapeNamingKeyAndShapes) {
    EXPECT_NAT_ERROR(importOfa(file("wrong_shape.pt"), opts(0, 0)), ErrorCode::Mismatch,
                     "checkpoint tensor 'blocks.5.conv.point_linear.conv.conv.weight' has shape [40, 120, 1, 1] but "
                     "the supernet's 'blocks.5.proj_weight' needs [40, 144, 1, 1]");
}

TEST_F(OfaFiles, ReportsUnusedAndMissingKeys) {
    const ImportedSupernet imp = importOfa(file("extra_missing.pt"), opts(0, 0));
    EXPECT_EQ(imp.report.unusedKeys, std::vector<std::string>{"blocks.3.conv.depth_conv.conv.9to7_matrix"});
    EXPECT_EQ(imp.report.missingNames, std::vector<std::string>{"final_expand_bn.running_var"});
    EXPECT_EQ(imp.report.placed.size(), 474u);
}

TEST_F(OfaFiles, RefusesAFileWithoutFirstConv) {
    EXPECT_NAT_ERROR(importOfa(file("no_stem.pt"), opts(0, 0)), ErrorCode::Mismatch,
                     "is not an OFA-MobileNetV3 checkpoint: it has no first_conv.conv.weight");
}

TEST_F(OfaFiles, NewClassifierForOtherClassCountKeepsTheRest) {
    const ImportedSupernet imp = importOfa(file("w10_new.pt"), opts(0, 10, 7));
    EXPECT_TRUE(imp.report.freshClassifier);
    EXPECT_EQ(imp.report.checkpointClasses, 1000);
    EXPECT_EQ(imp.report.skippedKeys, (std::vector<std::string>{"classifier.linear.weight", "classifier.linear.bias"}));
    EXPECT_TRUE(imp.report.missingNames.empty());
    EXPECT_TRUE(imp.report.unusedKeys.empty());
    EXPECT_EQ(imp.report.placed.size(), 473u);
    EXPECT_EQ(imp.net->classifierWeight.sizes(), (std::vector<std::int64_t>{10, 1280}));
    EXPECT_TRUE(imp.net->classifierBias.eq(0).all().item<bool>());
    const double sd = imp.net->classifierWeight.std().item<double>();
    EXPECT_GT(sd, 0.008);
    EXPECT_LT(sd, 0.012);
    // Same seed, same classifier; the same class count as the file keeps the file's classifier.
    EXPECT_TRUE(torch::equal(imp.net->classifierWeight, importOfa(file("w10_new.pt"), opts(0, 10, 7)).net->classifierWeight));
    EXPECT_FALSE(importOfa(file("w10_new.pt"), opts(0, 1000)).report.freshClassifier);
}

TEST_F(OfaFiles, ImportedSupernetSavesAndLoadsExactly) {
    const ImportedSupernet imp = importOfa(file("w12_old_legacy.pt"), opts(1, 0));
    const fs::path out = file("w12.natsn");
    saveSupernet(out, imp.net);
    const LoadedSupernet back = loadSupernet(out, imp.net->config());
    const auto a = imp.net->named_parameters(), b = back.net->named_parameters();
    for (const auto& p : a) EXPECT_TRUE(torch::equal(p.value(), b[p.key()])) << p.key();
}

TEST(OfaImport, RefusesBadOptionsBeforeReading) {
    EXPECT_NAT_ERROR(importOfa("/nonexistent.pth", opts(2, 0)), ErrorCode::InvalidArgument, "must be 0 (w1.0) or 1 (w1.2), got 2");
    EXPECT_NAT_ERROR(importOfa("/nonexistent.pth", opts(0, -3)), ErrorCode::InvalidArgument, "at least 1, got -3");
    EXPECT_NAT_ERROR(importOfa("/nonexistent.pth", opts(0, 0)), ErrorCode::Io, "nonexistent.pth");
}

}  // namespace
}  // namespace nat::supernet
