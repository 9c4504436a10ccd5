// ONNX export: round trips through OpenCV's DNN module, opsets, BN folding, dynamic batch, bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/file_io.h"
#include "export/onnx_writer.h"
#include "export/verify.h"
#include "export_fixtures.h"
#include "test_util.h"

#ifdef NAT_WITH_ONNX
#include <onnx/onnx_pb.h>
#endif

namespace nat::exporting {
namespace {

namespace fs = std::filesystem;
using test::exportConfig;
using test::randomSubnet;
using test::sampleArchitecture;
using test::TempDir;

#define REQUIRE_ONNX()                                                             \
    if (!onnxAvailable()) GTEST_SKIP() << "this build has no ONNX support";       \
    if (!onnxVerificationAvailable()) GTEST_SKIP() << "this build has no OpenCV"

torch::Tensor images(const supernet::StaticSubnet& net, int n, std::uint64_t seed = 7) {
    torch::manual_seed(seed);
    const int r = net->architecture().resolution;
    return torch::randn({n, net->config().inputChannels, r, r});
}

VerificationReport roundTrip(supernet::StaticSubnet& net, const OnnxOptions& o, int n, const TempDir& dir) {
    const fs::path file = dir / ("model_" + std::to_string(o.opset) + ".onnx");
    writeOnnx(file, *net, {}, o);
    return verifyOnnx(file, *net, images(net, n));
}

TEST(OnnxExport, TinySubnetsMatchLibTorchThroughOpenCv) {
    REQUIRE_ONNX();
    TempDir dir;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), seed), seed);
        const VerificationReport r = roundTrip(net, {}, 4, dir);
        EXPECT_TRUE(r.passed) << r.summary() << " " << r.note;
        EXPECT_LE(r.maxAbsDiff, 1e-4);
        EXPECT_EQ(r.top1Agreement, 1.0);
        EXPECT_GT(r.maxAbsLogit, 1e-2);  // random BN statistics keep the logits away from the bias alone
        EXPECT_TRUE(fs::exists(dir / "model_13.onnx.verify.json"));
    }
}

TEST(OnnxExport, OfaSubnetsOfBothWidthsMatchLibTorch) {
    REQUIRE_ONNX();
    TempDir dir;
    const space::SearchSpace& s = space::preset("ofa-mbv3");
    space::Architecture small = space::smallest(s);
    small.resolution = 192;
    auto a = randomSubnet(exportConfig("ofa-mbv3", 10, 3, 0), small, 11);
    auto b = randomSubnet(exportConfig("ofa-mbv3", 10, 3, 1), sampleArchitecture(s, 5, 1), 12);
    for (auto* net : {&a, &b}) {
        const VerificationReport r = roundTrip(*net, {}, 2, dir);
        EXPECT_TRUE(r.passed) << r.summary() << " " << r.note;
    }
}

TEST(OnnxExport, EveryOpsetFrom11To17PassesTheCheckerAndOpenCv) {
    REQUIRE_ONNX();
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 3), sampleArchitecture(space::preset("tiny-mbv3"), 4), 4);
    for (int opset : {11, 13, 14, 17}) {
        const VerificationReport r = roundTrip(net, {opset}, 2, dir);
        EXPECT_TRUE(r.passed) << "opset " << opset << ": " << r.summary() << " " << r.note;
    }
}

#ifdef NAT_WITH_ONNX
onnx::ModelProto parse(const std::string& bytes) {
    onnx::ModelProto m;
    EXPECT_TRUE(m.ParseFromString(bytes));
    return m;
}

int countOps(const onnx::ModelProto& m, const std::string& type) {
    int n = 0;
    for (const auto& node : m.graph().node()) n += node.op_type() == type;
    return n;
}

std::string metadata(const onnx::ModelProto& m, const std::string& key) {
    for (const auto& p : m.metadata_props())
        if (p.key() == key) return p.value();
    return "";
}

TEST(OnnxExport, HardSwishBelowOpset14IsHardSigmoidTimesInputWithoutBeta) {
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::largest(space::preset("tiny-mbv3")), 3);
    const onnx::ModelProto m13 = parse(onnxModelBytes(*net, {}, {13}));
    const onnx::ModelProto m14 = parse(onnxModelBytes(*net, {}, {14}));
    EXPECT_EQ(countOps(m13, "HardSwish"), 0);
    EXPECT_GT(countOps(m14, "HardSwish"), 0);
    EXPECT_EQ(m13.opset_import(0).version(), 13);
    for (const auto& node : m13.graph().node()) {
        if (node.op_type() == "Conv") {
            bool hasKernelShape = false;
            for (const auto& a : node.attribute()) hasKernelShape |= a.name() == "kernel_shape";
            EXPECT_TRUE(hasKernelShape) << node.name();
        }
        if (node.op_type() != "HardSigmoid") continue;
        ASSERT_EQ(node.attribute_size(), 1) << "only alpha is written (OpenCV 4.6 fusion bug with beta)";
        EXPECT_EQ(node.attribute(0).name(), "alpha");
        EXPECT_FLOAT_EQ(node.attribute(0).f(), 1.0f / 6.0f);
    }
}

TEST(OnnxExport, FoldingBatchNormRemovesItAndKeepsTheLogits) {
    REQUIRE_ONNX();
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), 8), 8);
    const onnx::ModelProto plain = parse(onnxModelBytes(*net, {}, {13, false}));
    const onnx::ModelProto folded = parse(onnxModelBytes(*net, {}, {13, true}));
    EXPECT_GT(countOps(plain, "BatchNormalization"), 0);
    EXPECT_EQ(countOps(folded, "BatchNormalization"), 0);
    EXPECT_EQ(metadata(folded, "bn_folded"), "true");
    OnnxOptions o{13, true};
    const VerificationReport r = roundTrip(net, o, 4, dir);
    EXPECT_TRUE(r.passed) << r.summary() << " " << r.note;
}

TEST(OnnxExport, DynamicBatchHasSymbolicAxisMetadataAndVerifies) {
    REQUIRE_ONNX();
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 3, 1), space::smallest(space::preset("tiny-mbv3")), 9);
    ExportInfo info;
    info.classNames = {"cat", "dog", "emu"};
    info.mean = {0.286};
    info.std = {0.353};
    info.inputChannels = 1;
    OnnxOptions o;
    o.dynamicBatch = true;
    const onnx::ModelProto m = parse(onnxModelBytes(*net, info, o));
    EXPECT_EQ(m.graph().input(0).type().tensor_type().shape().dim(0).dim_param(), "N");
    EXPECT_EQ(m.graph().output(0).type().tensor_type().shape().dim(0).dim_param(), "N");
    EXPECT_EQ(metadata(m, "input_name"), "input");
    EXPECT_EQ(metadata(m, "input_shape"), "[\"N\", 1, 24, 24]");
    EXPECT_EQ(Json::parse(metadata(m, "class_names")), Json({"cat", "dog", "emu"}));
    EXPECT_EQ(Json::parse(metadata(m, "mean")), Json({0.286}));
    EXPECT_EQ(Json::parse(metadata(m, "std")), Json({0.353}));
    const fs::path file = dir / "dyn.onnx";
    writeOnnx(file, *net, info, o);
    const VerificationReport r = verifyOnnx(file, *net, images(net, 3));
    EXPECT_TRUE(r.passed) << r.summary() << " " << r.note;
    EXPECT_NE(r.note.find("pinned"), std::string::npos) << r.note;
}
#endif

TEST(OnnxExport, StaticBatchLargerThanOneFeedsPaddedChunks) {
    REQUIRE_ONNX();
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), 6), 6);
    OnnxOptions o;
    o.batchSize = 2;
    const VerificationReport r = roundTrip(net, o, 3, dir);
    EXPECT_TRUE(r.passed) << r.summary() << " " << r.note;
    EXPECT_EQ(r.images, 3);
}

TEST(OnnxExport, OpsetsOutsideTheRangeAreRefusedWithTheReason) {
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::smallest(space::preset("tiny-mbv3")), 1);
    TempDir dir;
    EXPECT_NAT_ERROR(checkOnnxOptions({10}), ErrorCode::Unsupported, "opset 10");
    EXPECT_NAT_ERROR(checkOnnxOptions({18}), ErrorCode::Unsupported, "11-17");
    if (onnxAvailable()) {
        EXPECT_NAT_ERROR(writeOnnx(dir / "m.onnx", *net, {}, {10}), ErrorCode::Unsupported, "opset 10");
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(OnnxExport, UnwritablePathIsAnIoErrorAndLeavesNoTemporaryFile) {
    if (!onnxAvailable()) GTEST_SKIP() << "this build has no ONNX support";
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::smallest(space::preset("tiny-mbv3")), 1);
    TempDir dir;
    std::ofstream(dir / "not_a_folder") << "x";
    EXPECT_NAT_ERROR(writeOnnx(dir / "not_a_folder" / "m.onnx", *net, {}, {}), ErrorCode::Io, "not_a_folder");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1);
}

TEST(OnnxExport, WithoutOnnxSupportTheWriterSaysSo) {
    if (onnxAvailable()) GTEST_SKIP() << "this build has ONNX support";
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::smallest(space::preset("tiny-mbv3")), 1);
    TempDir dir;
    EXPECT_NAT_ERROR(writeOnnx(dir / "m.onnx", *net, {}, {}), ErrorCode::Unsupported, "this build has no ONNX support");
}

TEST(OnnxExport, VerifyingAMissingFileIsAnIoError) {
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::smallest(space::preset("tiny-mbv3")), 1);
    TempDir dir;
    if (!onnxVerificationAvailable()) {
        const VerificationReport r = verifyOnnx(dir / "missing.onnx", *net, images(net, 1));
        EXPECT_TRUE(r.skipped);
        EXPECT_NE(r.skipReason.find("no OpenCV"), std::string::npos);
        return;
    }
    EXPECT_NAT_ERROR(verifyOnnx(dir / "missing.onnx", *net, images(net, 1)), ErrorCode::Io, "missing.onnx");
}

}  // namespace
}  // namespace nat::exporting
