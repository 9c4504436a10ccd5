// nat export --supernet FILE --subnet net.subnet ... | nat bench export
#include <mutex>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <numeric>
#include <random>
#include <sstream>
#include <utility>

#include "base/error.h"
#include "base/file_io.h"
#include "cli_util.h"
#include "engine_console.h"
#include "engine/evaluator.h"
#include "engine/finetune.h"
#include "engine/job_runner.h"
#include "data/loader.h"
#include "export/exporter.h"
#include "export/onnx_writer.h"
#include "export/verify.h"
#include "supernet/checkpoint.h"
#include "nat_version.h"

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using exporting::ExportInfo;
using exporting::ExportRequest;

struct ExportArgs {
    std::string run, arch;  // `nat export RUN --arch ID` (wired by the engine)
    std::string supernetFile, subnetFile, format = "all", out, dataset;
    int opset = 13;
    bool foldBn = false, dynamicBatch = false, json = false;
    int calibImages = 2000;
    int verifyImages = 8;
    std::uint64_t seed = 0;
    engine::FineTuneRequest finetune;
};

void say(const std::string& line) { *io().out << line << "\n"; }

// `nat export RUN --arch ID`: the engine's export job (BN recalibrated on the run's training images,
// verification on its test images), run to completion on this thread's behalf.
void exportFromRunFolder(const ExportArgs& a) {
    if (a.run.empty() || a.arch.empty()) throw Error(ErrorCode::InvalidArgument, "give both RUN and --arch ID");
    engine::ExportRequest r;
    try {
        std::size_t used = 0;
        r.archId = std::stoi(a.arch, &used);
        if (used != a.arch.size()) throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
        throw Error(ErrorCode::InvalidArgument, "--arch must be an architecture id (an integer), got '" + a.arch + "'");
    }
    r.formats = {a.format};
    r.outDir = a.out;
    r.opset = a.opset;
    r.foldBn = a.foldBn;
    r.dynamicBatch = a.dynamicBatch;
    r.finetune = a.finetune;
    // Ctrl-C cancels: files are written only after fine-tuning and BN recalibration, each atomically.
    const int rc = runEngineJob([&](engine::JobRunner& runner) { runner.exportArchitecture(a.run, r); });
    if (rc != 0) throw ExitStatus(rc);
}
void warn(const std::string& line) { *io().err << "nat: warning: " << line << "\n"; }

// "all" means every format this build can write (exporting::parseFormats); without libonnx the user
// is told that no ONNX file comes (asking for onnx explicitly is an error instead).
std::vector<exporting::Format> formatsFor(const std::string& name) {
    if (name == "all" && !exporting::onnxAvailable()) warn("this build has no ONNX support: no model.onnx is written");
    return exporting::parseFormats(name);
}

// A net.subnet JSON or one of our architecture JSONs ({"subnet": {...}}). A missing "w" means the
// supernet's own width (a supernet file holds one width).
space::Architecture readSubnetFile(const supernet::SupernetConfig& config, const fs::path& file) {
    Json j = readJsonFile(file);
    if (j.is_object() && j.contains("subnet") && j["subnet"].is_object()) j = j["subnet"];
    return space::fromSubnetJson(config.space, j, config.space.widthMults[config.widthIndex]);
}

torch::Tensor collect(data::Loader& loader, int limit) {
    std::vector<torch::Tensor> parts;
    std::int64_t n = 0;
    while (n < limit) {
        auto b = loader.next();
        if (!b) break;
        parts.push_back(b->images);
        n += b->images.size(0);
    }
    return parts.empty() ? torch::Tensor() : torch::cat(parts).narrow(0, 0, std::min<std::int64_t>(n, limit));
}

// `count` indices of `set`, a seeded random subset (all of them when the set is smaller).
std::vector<std::int64_t> sampleIndices(const data::ImageSet& set, int count, std::uint64_t seed) {
    std::vector<std::int64_t> idx(set.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), std::mt19937_64(seed));
    idx.resize(std::min<std::size_t>(idx.size(), static_cast<std::size_t>(std::max(count, 0))));
    return idx;
}

struct DatasetImages {
    torch::Tensor verify;
    std::int64_t calibrated = 0;
};

// Recalibrates BN on training images and picks real images (test split if any) for verification.
DatasetImages useDataset(const ExportArgs& a, supernet::StaticSubnetImpl& sub, ExportInfo& info) {
    const data::Dataset ds = data::openDataset(a.dataset);
    if (ds.channels() != sub.config().inputChannels)
        throw Error(ErrorCode::Mismatch, "dataset " + quoted(ds.root) + " has " + std::to_string(ds.channels()) +
                                             " channel(s), the supernet expects " +
                                             std::to_string(sub.config().inputChannels));
    const data::ChannelStats stats = info.mean.empty() ? data::computeChannelStats(*ds.train)
                                                       : data::ChannelStats{info.mean, info.std};
    info.mean = stats.mean;
    info.std = stats.std;
    if (static_cast<int>(ds.classNames.size()) == sub.numClasses()) info.classNames = ds.classNames;
    data::LoaderOptions o = data::evaluationLoaderOptions(stats, sub.architecture().resolution);
    o.batchSize = 100;
    o.workers = 1;
    DatasetImages out;
    if (a.calibImages > 0) {
        data::Loader calib(ds.train, sampleIndices(*ds.train, a.calibImages, a.seed), o);
        out.calibrated = sub.recalibrateBn([&](torch::Tensor& batch) {
            auto b = calib.next();
            if (b) batch = b->images;
            return b.has_value();
        });
    }
    const auto& evalSet = ds.test ? ds.test : ds.val ? ds.val : ds.train;
    data::Loader verify(evalSet, sampleIndices(*evalSet, a.verifyImages, a.seed + 1), o);
    out.verify = collect(verify, a.verifyImages);
    info.provenance["dataset"] = ds.name;
    return out;
}

std::vector<double> numbers(const Json& meta, const char* key) {
    return meta.contains(key) && meta[key].is_array() ? meta[key].get<std::vector<double>>() : std::vector<double>{};
}

}  // namespace

/// The part of `nat export` shared by the supernet-file path and (later) `nat export RUN --arch ID`:
/// writes `sub` in the requested formats, prints one line per file with its verification, and fails
/// (exit 1) when a verification failed.
void exportAndReport(supernet::StaticSubnetImpl& sub, const ExportInfo& info, const ExportRequest& req, bool json) {
    const exporting::ExportResult res = exporting::exportSubnet(sub, info, req, json ? nullptr : say);
    if (json) {
        Json files = Json::array();
        for (const auto& f : res.files)
            files.push_back({{"format", exporting::formatName(f.format)}, {"path", f.path.string()}, {"seconds", f.seconds},
                             {"verification", f.verification ? f.verification->toJson() : Json(nullptr)}});
        printJson({{"files", files}, {"seconds", res.seconds}, {"verified", res.verified()}});
    } else {
        std::ostringstream os;
        os << std::fixed << std::setprecision(2) << res.seconds;
        say("exported " + std::to_string(res.files.size()) + " file(s) to " + quoted(req.outDir) + " in " + os.str() + " s");
    }
    if (!res.verified())
        throw Error(ErrorCode::Internal, "an exported model does not reproduce LibTorch's logits (see the .verify.json files)");
}

namespace {

std::string pct(double v) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << v * 100.0 << " %";
    return os.str();
}

// `--finetune E` with a supernet file: the dataset's training images minus a held-out validation
// split (the default hold-out, seeded by --seed) are the training set; Ctrl-C stops it.
void fineTuneForExport(const ExportArgs& a, supernet::StaticSubnet& net, ExportInfo& info, supernet::SupernetImpl& supernet) {
    const data::Dataset ds = data::openDataset(a.dataset);
    data::SplitOptions so;
    so.seed = a.seed;
    const data::Split split = data::makeSplit(ds, so);
    const data::ChannelStats stats{info.mean, info.std};
    engine::Evaluator ev(ds, split, stats, std::max(1, a.calibImages), 256, torch::kCPU);
    const engine::FineTuneOptions o = engine::FineTuneOptions::from(a.finetune, 128);
    if (!a.json)
        say("fine-tuning for " + std::to_string(o.epochs) + " epoch(s) on " + std::to_string(split.train.size()) +
            " training images (" + std::to_string(split.val.size()) + " held out for validation)");
    std::optional<supernet::StaticSubnet> teacher;
    if (a.finetune.distill) {
        space::Architecture big = space::largest(supernet.space());
        big.widthIndex = supernet.config().widthIndex;
        teacher = ev.calibratedSubnet(supernet, big);
    }
    engine::FineTuneSummary s;
    runInterruptible([&](std::stop_token stop) {
        s = engine::fineTune(net, ev, ds, split, o, stop, [&](const engine::FineTuneProgress& p) {
            if (!a.json && p.batch == p.batches) {
                std::ostringstream os;
                os << "fine-tune epoch " << p.epoch + 1 << "/" << p.epochs << " done after " << std::fixed
                   << std::setprecision(1) << p.seconds << " s (loss " << std::setprecision(3) << p.loss << ")";
                *io().err << os.str() << "\n";
            }
        }, teacher ? &*teacher : nullptr);
    });
    info.provenance["weights"] = "inherited from the supernet, then fine-tuned";
    info.provenance["finetune"] = s.toJson();
    info.provenance["bn_recalibrated"] = true;
    if (!a.json) {
        std::string line = "fine-tuned: val top-1 " + pct(s.valBefore) + " -> " + pct(s.valAfter);
        if (s.testBefore && s.testAfter) line += ", test top-1 " + pct(*s.testBefore) + " -> " + pct(*s.testAfter);
        say(line);
    }
}

void exportFromSupernet(const ExportArgs& a) {
    if (a.finetune.enabled() && a.dataset.empty())
        throw Error(ErrorCode::InvalidArgument, "--finetune needs --dataset PATH (the images to fine-tune on)");
    ExportRequest req;
    req.formats = formatsFor(a.format);
    req.outDir = a.out;
    req.onnx = {a.opset, a.foldBn, a.dynamicBatch, 1};
    req.randomImages = a.verifyImages;
    req.seed = a.seed;
    if (std::find(req.formats.begin(), req.formats.end(), exporting::Format::Onnx) != req.formats.end())
        exporting::checkOnnxOptions(req.onnx);  // before any slow work

    supernet::LoadedSupernet loaded = supernet::loadSupernet(a.supernetFile);
    const space::Architecture arch = readSubnetFile(loaded.net->config(), a.subnetFile);
    loaded.net->setActive(arch);
    loaded.net->eval();
    auto sub = supernet::StaticSubnetImpl::extract(*loaded.net);
    sub->eval();

    ExportInfo info;
    info.mean = numbers(loaded.metadata, "mean");
    info.std = numbers(loaded.metadata, "std");
    if (loaded.metadata.contains("class_names")) info.classNames = loaded.metadata["class_names"].get<std::vector<std::string>>();
    info.provenance = {{"supernet", fs::absolute(a.supernetFile).string()},
                       {"subnet_file", fs::absolute(a.subnetFile).string()},
                       {"exported_by", std::string("nat ") + NAT_VERSION_STRING}};
    bool calibrated = false;
    if (!a.dataset.empty()) {
        const DatasetImages d = useDataset(a, *sub, info);
        req.images = d.verify;
        calibrated = d.calibrated > 0;
        info.provenance["calibration_images"] = d.calibrated;
        if (!a.json) say("BN statistics recalibrated on " + std::to_string(d.calibrated) + " training images");
    } else {
        warn("no --dataset given: BN statistics are the supernet's (not recalibrated for this subnet) and "
             "verification uses random inputs");
    }
    info.provenance["bn_recalibrated"] = calibrated;
    if (a.finetune.enabled()) {
        supernet::StaticSubnet net(sub);
        fineTuneForExport(a, net, info, *loaded.net);
    }
    exportAndReport(*sub, info, req, a.json);
}

// Largest ofa-mbv3 subnet: width 1.2, 256 px, every stage 4 layers of k7 e6, 1000 classes.
void benchExport(const std::string& outDir, int images, bool keep) {
    supernet::SupernetConfig c;
    c.space = space::preset("ofa-mbv3");
    c.numClasses = 1000;
    const space::Architecture arch = space::largest(c.space);
    c.widthIndex = arch.widthIndex;
    torch::manual_seed(0);
    supernet::StaticSubnet sub(c, arch);
    // BN statistics from random inputs, so activations keep their scale through the 22 blocks and the
    // logits the verification compares are not all equal to the classifier bias (not timed).
    const torch::Tensor calib = torch::randn({4, 3, arch.resolution, arch.resolution});
    bool fed = false;
    sub->recalibrateBn([&](torch::Tensor& b) { return !std::exchange(fed, true) && (b = calib).defined(); });
    sub->eval();
    const fs::path dir = outDir.empty() ? fs::temp_directory_path() / "nat-bench-export" : fs::path(outDir);
    ExportRequest req;
    req.outDir = dir;
    req.formats = formatsFor("all");
    req.randomImages = images;
    say("largest ofa-mbv3 subnet: " + space::shortLabel(c.space, arch) + ", 1000 classes, " + std::to_string(images) +
        " verification images at " + std::to_string(arch.resolution) + " px");
    const exporting::ExportResult res = exporting::exportSubnet(*sub, {}, req);
    for (const auto& f : res.files) {
        std::ostringstream os;
        os << std::left << std::setw(13) << exporting::formatName(f.format) << std::right << std::fixed
           << std::setprecision(2) << std::setw(7) << f.seconds << " s  " << std::setw(9) << std::setprecision(1)
           << static_cast<double>(fs::file_size(f.path)) / 1e6 << " MB";
        if (f.verification)
            os << "  (verification " << std::setprecision(2) << f.verification->seconds << " s) "
               << (f.verification->skipped ? "verification skipped" : f.verification->summary());
        say(os.str());
    }
    std::ostringstream total;
    total << std::fixed << std::setprecision(2) << res.seconds;
    say("total " + total.str() + " s (target < 10 s) with " + std::to_string(torch::get_num_threads()) + " threads");
    if (!keep && outDir.empty()) fs::remove_all(dir);
}

}  // namespace

void registerExportCommands(CLI::App& root, CLI::App& bench) {
    auto a = std::make_shared<ExportArgs>();
    CLI::App* cmd = root.add_subcommand("export", "Write a subnet as ONNX / TorchScript / net.subnet / net.config / "
                                                  "weights, each model file verified against LibTorch");
    cmd->add_option("run", a->run, "Run folder (nat export RUN --arch ID; needs the NAT engine)");
    cmd->add_option("--arch", a->arch, "Architecture id in the run's archive");
    cmd->add_option("--supernet", a->supernetFile, "Supernet file (.natsn), e.g. from nat import-ofa")->check(CLI::ExistingFile);
    cmd->add_option("--subnet", a->subnetFile, "net.subnet JSON (or our architecture JSON) of the subnet to export")
        ->check(CLI::ExistingFile);
    cmd->add_option("--format", a->format, "onnx|torchscript|subnet|config|architecture|weights|all")->capture_default_str();
    cmd->add_option("--out", a->out, "Output folder (created if missing; default for RUN: RUN/exports/arch-ID)");
    cmd->add_option("--opset", a->opset, "ONNX opset, 11-17")->capture_default_str();
    cmd->add_flag("--fold-bn", a->foldBn, "Fold BatchNorm into the convolutions (ONNX)");
    cmd->add_flag("--dynamic-batch", a->dynamicBatch, "ONNX batch axis symbolic (N) instead of 1");
    cmd->add_option("--dataset", a->dataset, "Dataset folder or 'fashion-mnist': BN recalibration and real verification images");
    cmd->add_option("--calib-images", a->calibImages, "Training images for BN recalibration")->capture_default_str();
    cmd->add_option("--verify-images", a->verifyImages, "Images for verification")->capture_default_str()->check(CLI::Range(1, 4096));
    cmd->add_option("--seed", a->seed, "Seed for image choice and random inputs")->capture_default_str();
    cmd->add_flag("--json", a->json, "Print the result as JSON");
    cmd->add_option("--finetune", a->finetune.epochs,
                    "Fine-tune the subnet for EPOCHS epochs before exporting (0-" +
                        std::to_string(engine::kMaxFineTuneEpochs) + "); the accuracy before/after goes into the provenance")
        ->capture_default_str();
    cmd->add_option("--finetune-seed", a->finetune.seed, "Seed of the fine-tune (data order, augmentation, dropout)")
        ->capture_default_str();
    cmd->add_option("--finetune-lr", a->finetune.learningRate, "Initial fine-tuning learning rate (cosine decay)")
        ->capture_default_str();
    cmd->add_flag("--distill", a->finetune.distill, "Fine-tune with soft targets from the supernet's largest subnet");
    cmd->callback([a] {
        engine::checkFineTuneEpochs(a->finetune.epochs);
        if (!a->run.empty() || !a->arch.empty()) {
            exportFromRunFolder(*a);
            return;
        }
        if (a->supernetFile.empty() || a->subnetFile.empty())
            throw Error(ErrorCode::InvalidArgument, "give --supernet FILE and --subnet net.subnet (or RUN --arch ID)");
        if (a->out.empty()) throw Error(ErrorCode::InvalidArgument, "give --out FOLDER for the exported files");
        exportFromSupernet(*a);
    });

    auto outDir = std::make_shared<std::string>();
    auto images = std::make_shared<int>(4);
    auto keep = std::make_shared<bool>(false);
    CLI::App* b = bench.add_subcommand("export", "Time exporting the largest ofa-mbv3 subnet in every format, with verification");
    b->add_option("--out", *outDir, "Keep the files in this folder (default: a temporary folder, removed)");
    b->add_option("--images", *images, "Verification images")->capture_default_str()->check(CLI::Range(1, 256));
    b->add_flag("--keep", *keep, "Keep the temporary folder");
    b->callback([outDir, images, keep] { benchExport(*outDir, *images, *keep); });
}

}  // namespace nat::cli
