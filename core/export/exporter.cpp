#include "export/exporter.h"

#include <torch/torch.h>

#include <chrono>

#include "base/error.h"
#include "base/file_io.h"
#include "export/ofa_config.h"
#include "export/onnx_writer.h"
#include "export/torchscript_writer.h"
#include "export/verify.h"
#include "export/weights.h"

namespace nat::exporting {

namespace fs = std::filesystem;

namespace {

const std::vector<std::pair<std::string, Format>> kFormats = {
    {"onnx", Format::Onnx},     {"torchscript", Format::TorchScript},   {"subnet", Format::Subnet},
    {"config", Format::Config}, {"architecture", Format::Architecture}, {"weights", Format::Weights}};

using Clock = std::chrono::steady_clock;

void prepareFolder(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw Error(ErrorCode::Io, "cannot create the output folder " + quoted(dir) + (ec ? ": " + ec.message() : ""));
}

// The metadata every model file carries: the caller's info completed with our architecture JSON.
ExportInfo completeInfo(const supernet::StaticSubnetImpl& net, const ExportInfo& info) {
    ExportInfo full = info;
    full.inputChannels = net.config().inputChannels;
    full.resolution = net.architecture().resolution;
    if (full.classNames.empty())
        for (int c = 0; c < net.numClasses(); ++c) full.classNames.push_back("class_" + std::to_string(c));
    full.architecture = architectureJson(net.config().space, net.architecture(), info, net.numClasses());
    return full;
}

void writeOne(Format f, const fs::path& path, supernet::StaticSubnetImpl& net, const ExportInfo& info,
              const ExportRequest& req) {
    const space::SearchSpace& s = net.config().space;
    const space::Architecture& a = net.architecture();
    switch (f) {
        case Format::Onnx: writeOnnx(path, net, info, req.onnx); break;
        case Format::TorchScript: writeTorchScript(path, net, info); break;
        case Format::Subnet: writeSubnetJson(path, s, a); break;
        case Format::Config:
            writeNetConfig(path, s, a,
                           {net.numClasses(), net.config().inputChannels, net.config().dropout,
                            net.config().bnMomentum, net.config().bnEps});
            break;
        case Format::Architecture: writeJsonAtomic(path, info.architecture); break;
        case Format::Weights: saveStaticSubnet(path, net, info); break;
    }
}

}  // namespace

std::vector<Format> parseFormats(const std::string& name) {
    if (name == "all") {
        std::vector<Format> all;
        for (const auto& [n, f] : kFormats)
            if (f != Format::Onnx || onnxAvailable()) all.push_back(f);
        return all;
    }
    for (const auto& [n, f] : kFormats)
        if (n == name) return {f};
    std::string names;
    for (const auto& [n, f] : kFormats) names += n + ", ";
    throw Error(ErrorCode::InvalidArgument, "unknown export format '" + name + "'; choose one of " + names + "all");
}

std::string formatName(Format f) {
    for (const auto& [n, g] : kFormats)
        if (g == f) return n;
    return "?";
}

std::string defaultFileName(Format f) {
    switch (f) {
        case Format::Onnx: return "model.onnx";
        case Format::TorchScript: return "model.pt";
        case Format::Subnet: return "net.subnet";
        case Format::Config: return "net.config";
        case Format::Architecture: return "architecture.json";
        case Format::Weights: return "model.natsub";
    }
    return "model";
}

bool ExportResult::verified() const {
    for (const auto& f : files)
        if (f.verification && !f.verification->skipped && !f.verification->passed) return false;
    return true;
}

ExportResult exportSubnet(supernet::StaticSubnetImpl& net, const ExportInfo& info, const ExportRequest& req,
                          const std::function<void(const std::string&)>& log) {
    const auto t0 = Clock::now();
    for (Format f : req.formats)
        if (f == Format::Onnx) {
            if (!onnxAvailable())
                throw Error(ErrorCode::Unsupported, "this build has no ONNX support (libonnx/protobuf were not found at "
                                                    "configure time); choose other formats");
            checkOnnxOptions(req.onnx);
        }
    prepareFolder(req.outDir);
    const ExportInfo full = completeInfo(net, info);
    torch::Tensor images = req.images;
    if (!images.defined()) {
        torch::manual_seed(req.seed);
        images = torch::randn({req.randomImages, net.config().inputChannels, full.resolution, full.resolution});
    }
    torch::Tensor reference;  // LibTorch's logits, computed once for all model files
    ExportResult result;
    for (Format f : req.formats) {
        const auto t1 = Clock::now();
        ExportedFile file;
        file.format = f;
        file.path = req.outDir / defaultFileName(f);
        writeOne(f, file.path, net, full, req);
        if (f == Format::Onnx || f == Format::TorchScript) {
            if (!reference.defined()) reference = referenceLogits(net, images);
            file.verification = f == Format::Onnx ? verifyOnnxAgainst(file.path, images, reference, req.tolerance)
                                                  : verifyTorchScriptAgainst(file.path, images, reference, req.tolerance);
        }
        if (file.verification && !req.images.defined())
            file.verification->note += std::string(file.verification->note.empty() ? "" : "; ") +
                                       "random inputs (no dataset given)";
        if (file.verification) writeVerificationReport(*file.verification);
        file.seconds = std::chrono::duration<double>(Clock::now() - t1).count();
        if (log) {
            std::string line = formatName(f) + ": " + quoted(file.path);
            if (file.verification) line += "\n  " + file.verification->summary();
            log(line);
        }
        result.files.push_back(std::move(file));
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return result;
}

}  // namespace nat::exporting
