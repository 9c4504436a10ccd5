// Export of one architecture of a run: extract it from the run's supernet, recalibrate BN on the
// run's training images, then write and verify every requested format (core/export), with real
// test images for the verification.
#include <torch/torch.h>

#include <algorithm>

#include "base/error.h"
#include "base/file_io.h"
#include "engine/evaluator.h"
#include "engine/finetune.h"
#include "engine/jobs_internal.h"
#include "engine/loaded_run.h"
#include "export/exporter.h"
#include "export/onnx_writer.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

exporting::ExportInfo exportInfo(const LoadedRun& run, const ArchiveEntry& e, const fs::path& runDir) {
    exporting::ExportInfo info;
    info.classNames = run.dataset.classNames;
    info.mean = run.stats.mean;
    info.std = run.stats.std;
    info.inputChannels = run.dataset.channels();
    info.architecture = {{"preset", run.space.name}, {"subnet", e.subnet}, {"encoding", e.encoding}};
    info.objectives = {{"val_top1_error", e.error}, {"madds", e.madds}, {"macs", e.macs}, {"params", e.params}};
    if (e.testAccuracy) info.objectives["test_top1"] = *e.testAccuracy;
    if (e.cpuMs >= 0) info.objectives["cpu_ms"] = e.cpuMs;
    info.provenance = {{"run", runDir.string()}, {"arch_id", e.id}, {"dataset", run.info.settings.dataset},
                       {"weights", "inherited from the supernet"}, {"bn_recalibrated", true}};
    return info;
}

std::vector<exporting::Format> formatsOf(const std::vector<std::string>& names) {
    std::vector<exporting::Format> out;
    for (const auto& n : names)
        for (exporting::Format f : exporting::parseFormats(n))
            if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    return out;
}

}  // namespace

std::string exportFromRun(const fs::path& runDir, const ExportRequest& request, std::stop_token stop,
                          const EventSink& sink) {
    sink(ProgressEvent{"exporting", 0.05, -1, "loading the run"});
    LoadedRun run = loadRun(runDir);
    const ArchiveEntry& e = findArchitecture(run.info, request.archId);
    const space::Architecture arch = space::decode(run.space, e.encoding);
    exporting::ExportRequest req;
    req.outDir = request.outDir.empty() ? runDir / "exports" / ("arch-" + std::to_string(e.id)) : request.outDir;
    req.formats = formatsOf(request.formats);
    req.onnx.opset = request.opset;
    req.onnx.foldBn = request.foldBn;
    req.onnx.dynamicBatch = request.dynamicBatch;
    if (std::find(req.formats.begin(), req.formats.end(), exporting::Format::Onnx) != req.formats.end())
        exporting::checkOnnxOptions(req.onnx);  // before any slow work (fine-tuning)
    const bool tune = request.finetune.enabled();
    Evaluator ev(run.dataset, run.split, run.stats, run.info.settings.bnCalibrationImages, 256, torch::kCPU);
    sink(ProgressEvent{"exporting", 0.1, -1, "recalibrating batch norm"});
    supernet::StaticSubnet sub = ev.calibratedSubnet(*run.nets[arch.widthIndex], arch);
    exporting::ExportInfo info = exportInfo(run, e, runDir);
    if (tune) {
        const FineTuneSummary s = fineTuneInRun(run, ev, sub, request.finetune, stop, sink, "fine-tuning", 0.1, 0.8);
        info.provenance["weights"] = "inherited from the supernet, then fine-tuned";
        info.provenance["finetune"] = s.toJson();
        info.objectives["val_top1_error_finetuned"] = 1.0 - s.valAfter;
        if (s.testAfter) info.objectives["test_top1_finetuned"] = *s.testAfter;
    }
    req.images = ev.sampleImages(arch.resolution, 8);
    if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");
    sink(ProgressEvent{"exporting", tune ? 0.85 : 0.4, -1, "writing and verifying"});
    const exporting::ExportResult result = exporting::exportSubnet(
        *sub, info, req, [&](const std::string& line) { sink(LogEvent{LogEvent::Level::Info, line}); });
    sink(ProgressEvent{"exporting", 1.0, 0, "done"});
    if (!result.verified())
        throw Error(ErrorCode::Internal, "an exported model did not match LibTorch's logits; see the .verify.json files in " +
                                             req.outDir.string());
    return "exported architecture " + std::to_string(e.id) + (tune ? " fine-tuned " + std::to_string(request.finetune.epochs) + " epoch(s)" : "") + " (" + std::to_string(result.files.size()) + " files, verified) to " +
           req.outDir.string();
}

}  // namespace nat::engine
