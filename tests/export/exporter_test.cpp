// exportSubnet: every format in one call, reports next to the files, options checked up front.
#include <algorithm>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_io.h"
#include "export/exporter.h"
#include "export/onnx_writer.h"
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

TEST(Exporter, AllFormatsAreWrittenAndVerified) {
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), sampleArchitecture(space::preset("tiny-mbv3"), 1), 1);
    net->train();  // the exporter must not depend on, nor change, the caller's mode
    ExportRequest req;
    req.outDir = dir / "out";
    req.formats = parseFormats("all");
    EXPECT_EQ(std::count(req.formats.begin(), req.formats.end(), Format::Onnx), onnxAvailable() ? 1 : 0);
    std::vector<std::string> lines;
    const ExportResult res = exportSubnet(*net, {}, req, [&](const std::string& l) { lines.push_back(l); });
    EXPECT_TRUE(net->is_training());
    EXPECT_TRUE(res.verified());
    EXPECT_EQ(lines.size(), req.formats.size());
    for (const ExportedFile& f : res.files) {
        EXPECT_TRUE(fs::exists(f.path)) << f.path;
        if (f.format == Format::TorchScript || f.format == Format::Onnx) {
            ASSERT_TRUE(f.verification.has_value());
            const Json rep = readJsonFile(f.path.string() + ".verify.json");
            EXPECT_NE(rep["note"].get<std::string>().find("random inputs"), std::string::npos);
            if (f.format == Format::Onnx && !onnxVerificationAvailable()) {
                EXPECT_TRUE(rep["skipped"].get<bool>());
            } else {
                EXPECT_TRUE(rep["passed"].get<bool>()) << rep.dump();
                EXPECT_GT(rep["max_abs_logit"].get<double>(), 1e-2);  // the comparison is not trivial
            }
        }
    }
    const Json arch = readJsonFile(dir / "out" / "architecture.json");
    EXPECT_EQ(space::fromSubnetJson(space::preset("tiny-mbv3"), arch["subnet"]), net->architecture());
}

TEST(Exporter, BadOptionsWriteNothing) {
    TempDir dir;
    auto net = randomSubnet(exportConfig("tiny-mbv3", 10, 1), space::smallest(space::preset("tiny-mbv3")), 1);
    ExportRequest req;
    req.outDir = dir / "out";
    req.formats = parseFormats("all");
    if (!onnxAvailable()) req.formats.push_back(Format::Onnx);  // "all" leaves it out there
    req.onnx.opset = 10;
    EXPECT_NAT_ERROR(exportSubnet(*net, {}, req), ErrorCode::Unsupported, onnxAvailable() ? "opset 10" : "no ONNX");
    EXPECT_FALSE(fs::exists(dir / "out"));
    EXPECT_NAT_ERROR(parseFormats("tflite"), ErrorCode::InvalidArgument, "onnx, torchscript");
}

}  // namespace
}  // namespace nat::exporting
