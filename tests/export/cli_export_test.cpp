// nat export --supernet FILE --subnet net.subnet, end to end in-process.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_io.h"
#include "cli/cli_harness.h"
#include "export/onnx_writer.h"
#include "export/verify.h"
#include "export/weights.h"
#include "export_fixtures.h"
#include "supernet/checkpoint.h"
#include "test_util.h"

namespace nat::exporting {
namespace {

namespace fs = std::filesystem;
using test::runCli;
using test::TempDir;

// A random tiny-mbv3 supernet for Fashion-MNIST (1 channel, 10 classes) and one of its subnets.
struct SupernetFiles {
    TempDir dir;
    fs::path supernet = dir / "tiny.natsn";
    fs::path subnet = dir / "net.subnet";
    space::Architecture arch = test::sampleArchitecture(space::preset("tiny-mbv3"), 3);

    SupernetFiles() {
        torch::manual_seed(0);
        supernet::Supernet net(test::exportConfig("tiny-mbv3", 10, 1));
        supernet::saveSupernet(supernet, net, nullptr, {{"mean", {0.286}}, {"std", {0.353}}});
        writeJsonAtomic(subnet, space::toSubnetJson(space::preset("tiny-mbv3"), arch));
    }
};

TEST(CliExport, AllFormatsFromASupernetFileWithRandomInputs) {
    SupernetFiles f;
    const fs::path out = f.dir / "out";
    const auto r = runCli({"export", "--supernet", f.supernet.string(), "--subnet", f.subnet.string(), "--format", "all",
                           "--out", out.string(), "--verify-images", "3"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("BN statistics are the supernet's"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("torch::jit::load"), std::string::npos) << r.out;
    for (const char* name : {"model.pt", "net.subnet", "net.config", "architecture.json", "model.natsub"})
        EXPECT_TRUE(fs::exists(out / name)) << name;
    if (onnxAvailable()) {
        EXPECT_TRUE(fs::exists(out / "model.onnx.verify.json"));
    } else {
        EXPECT_NE(r.err.find("no ONNX support: no model.onnx is written"), std::string::npos) << r.err;
    }
    const LoadedSubnet back = loadStaticSubnet(out / "model.natsub");
    EXPECT_EQ(back.net->architecture(), f.arch);
    EXPECT_EQ(back.info.mean, std::vector<double>{0.286});
    EXPECT_FALSE(readJsonFile(out / "architecture.json")["provenance"]["bn_recalibrated"].get<bool>());
}

TEST(CliExport, RecalibratesOnFashionMnistAndVerifiesOnRealImages) {
    if (!fs::exists("/usr/share/datasets/fashion-mnist")) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
    SupernetFiles f;
    const fs::path out = f.dir / "out";
    const auto r = runCli({"export", "--supernet", f.supernet.string(), "--subnet", f.subnet.string(), "--format",
                           onnxAvailable() ? "onnx" : "torchscript", "--out", out.string(), "--dataset", "fashion-mnist",
                           "--calib-images", "200", "--verify-images", "4", "--fold-bn", "--opset", "11"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("recalibrated on 200 training images"), std::string::npos) << r.out;
    const fs::path report = out / (onnxAvailable() ? "model.onnx.verify.json" : "model.pt.verify.json");
    const Json j = readJsonFile(report);
    EXPECT_EQ(j["images"], 4);
    EXPECT_FALSE(j.contains("note") && j["note"].get<std::string>().find("random") != std::string::npos);
    if (!j["skipped"].get<bool>()) {
        EXPECT_TRUE(j["passed"].get<bool>()) << j.dump();
    }
}

TEST(CliExport, BadInputGivesOneLineAndNoFiles) {
    SupernetFiles f;
    const fs::path out = f.dir / "out";
    auto r = runCli({"export", "--supernet", f.supernet.string(), "--subnet", f.subnet.string(), "--format", "onnx",
                     "--opset", "10", "--out", out.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("opset 10"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    r = runCli({"export", "--supernet", f.supernet.string(), "--subnet", f.subnet.string(), "--format", "tflite",
                "--out", out.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("unknown export format 'tflite'"), std::string::npos) << r.err;
    r = runCli({"export", "myrun", "--arch", "12", "--out", out.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("'myrun' is not a folder"), std::string::npos) << r.err;
    r = runCli({"export", out.string(), "--arch", "x1"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--arch must be an architecture id (an integer), got 'x1'"), std::string::npos) << r.err;
    r = runCli({"export", "--supernet", (f.dir / "nope.natsn").string(), "--subnet", f.subnet.string(), "--out",
                out.string()});
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("nope.natsn"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace nat::exporting
