// TorchScript export: LibTorch and Debian's Python load it and reproduce the logits.
#include <gtest/gtest.h>

#include <torch/script.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/file_io.h"
#include "export/torchscript_writer.h"
#include "export/verify.h"
#include "export_fixtures.h"
#include "test_util.h"

namespace nat::exporting {
namespace {

namespace fs = std::filesystem;
using test::exportConfig;
using test::randomSubnet;
using test::sampleArchitecture;
using test::TempDir;

TEST(TorchScriptExport, LibTorchReloadsAndReproducesTheLogits) {
    TempDir dir;
    const space::SearchSpace& ofa = space::preset("ofa-mbv3");
    space::Architecture small = space::smallest(ofa);
    small.resolution = 192;
    std::vector<supernet::StaticSubnet> nets = {
        randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), 2), 2),
        randomSubnet(exportConfig("ofa-mbv3", 5, 3, 0), small, 3)};
    for (auto& net : nets) {
        ExportInfo info;
        info.mean = {0.5};
        const fs::path file = dir / "model.pt";
        writeTorchScript(file, *net, info);
        const int r = net->architecture().resolution;
        torch::manual_seed(1);
        const VerificationReport rep = verifyTorchScript(file, *net, torch::randn({3, net->config().inputChannels, r, r}));
        EXPECT_TRUE(rep.passed) << rep.summary() << " " << rep.note;
        EXPECT_LE(rep.maxAbsDiff, 1e-6);  // the same aten kernels run
        EXPECT_TRUE(fs::exists(dir / "model.pt.verify.json"));
    }
}

TEST(TorchScriptExport, ModuleCarriesClassNamesNormalisationAndMetadata) {
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 2, 1), space::smallest(space::preset("tiny-mbv3")), 4);
    ExportInfo info;
    info.classNames = {"no", "yes"};
    info.mean = {0.25};
    info.std = {0.5};
    info.objectives = {{"top1_error", 0.125}};
    writeTorchScript(dir / "m.pt", *net, info);
    torch::jit::ExtraFilesMap extra = {{kTorchScriptMetadataFile, ""}};
    torch::jit::Module m = torch::jit::load((dir / "m.pt").string(), c10::nullopt, extra);
    const auto names = m.attr("class_names").toListRef();
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[1].toStringRef(), "yes");
    EXPECT_DOUBLE_EQ(m.attr("std").toListRef()[0].toDouble(), 0.5);
    EXPECT_EQ(m.attr("input_shape").toListRef()[3].toInt(), 24);
    const Json meta = Json::parse(extra[kTorchScriptMetadataFile]);
    EXPECT_DOUBLE_EQ(meta["objectives"]["top1_error"].get<double>(), 0.125);
}

bool pythonTorchAvailable() {
    return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
}

TEST(TorchScriptExport, DebiansPythonLoadsItWithoutProjectCode) {
    if (!pythonTorchAvailable()) GTEST_SKIP() << "/usr/bin/python3 with torch is not installed";
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 3), sampleArchitecture(space::preset("tiny-mbv3"), 5), 5);
    writeTorchScript(dir / "model.pt", *net, {});
    const int r = net->architecture().resolution;
    torch::manual_seed(3);
    const torch::Tensor x = torch::randn({2, 3, r, r});
    const torch::Tensor y = referenceLogits(*net, x);
    // Plain tensors saved with pickle_save load in Python with torch.load.
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(c10::ivalue::Tuple::create({x, y})));
    writeFileAtomic(dir / "io.pt", std::string_view(bytes.data(), bytes.size()));
    const std::string script =
        "import sys, torch\n"
        "m = torch.jit.load(sys.argv[1])\n"
        "x, y = torch.load(sys.argv[2])\n"
        "with torch.no_grad():\n"
        "    z = m(x)\n"
        "d = (z - y).abs().max().item()\n"
        "same = bool((z.argmax(1) == y.argmax(1)).all())\n"
        "print('max diff', d, 'names', m.class_names[:2])\n"
        "sys.exit(0 if d <= 1e-5 and same else 1)\n";
    writeFileAtomic(dir / "check.py", script);
    const std::string cmd = "/usr/bin/python3 " + (dir / "check.py").string() + " " + (dir / "model.pt").string() +
                            " " + (dir / "io.pt").string() + " > " + (dir / "py.log").string() + " 2>&1";
    const int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << readTextFile(dir / "py.log");
}

}  // namespace
}  // namespace nat::exporting
