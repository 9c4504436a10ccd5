// Jobs on a finished (or running) run: evaluate one architecture, export one architecture.
#include <torch/torch.h>

#include "base/error.h"
#include "base/file_io.h"
#include "data/split.h"
#include "engine/evaluator.h"
#include "engine/finetune.h"
#include "engine/jobs_internal.h"
#include "engine/loaded_run.h"
#include "engine/run_checkpoints.h"
#include "engine/run_writer.h"
#include "supernet/checkpoint.h"

namespace nat::engine {

namespace fs = std::filesystem;

const ArchiveEntry& findArchitecture(const RunInfo& run, int archId) {
    for (const auto& e : run.archive)
        if (e.id == archId) return e;
    throw Error(ErrorCode::InvalidArgument,
                "architecture " + std::to_string(archId) + " is not in the run (ids 0.." +
                    std::to_string(static_cast<int>(run.archive.size()) - 1) + ")");
}

LoadedRun loadRun(const fs::path& dir) {
    LoadedRun r;
    r.info = readRun(dir);
    r.space = space::preset(r.info.settings.space);
    r.dataset = data::openDataset(r.info.settings.dataset);
    if (!fs::exists(dir / "split.json"))
        throw Error(ErrorCode::InvalidArgument, quoted(dir) + " has no split.json: the run never started");
    r.split = data::splitFromJson(readJsonFile(dir / "split.json"), r.dataset, quoted(dir / "split.json"));
    r.stats = data::computeChannelStats(*r.dataset.train);
    RunWriter paths(dir);
    if (!hasCheckpoint(paths)) throw Error(ErrorCode::InvalidArgument, quoted(dir) + " has no supernet weights yet");
    std::vector<supernet::SupernetConfig> configs;
    for (int w = 0; w < r.space.numWidths(); ++w) {
        supernet::SupernetConfig c;
        c.space = r.space;
        c.widthIndex = w;
        c.numClasses = r.dataset.numClasses();
        c.inputChannels = r.dataset.channels();
        configs.push_back(c);
    }
    // A damaged newest checkpoint falls back to the kept previous one, as a resume does.
    r.nets = loadNewestCheckpoints(paths, configs).nets;
    return r;
}

EvaluationResult evaluateArchitecture(const fs::path& runDir, int archId, const std::string& split,
                                      const FineTuneRequest& finetune, std::stop_token stop, const EventSink& sink) {
    checkFineTuneEpochs(finetune.epochs);
    const std::string phase = finetune.enabled() ? "fine-tuning" : "evaluating";
    sink(ProgressEvent{phase, 0.02, -1, "loading the run"});
    LoadedRun run = loadRun(runDir);
    const ArchiveEntry& entry = findArchitecture(run.info, archId);
    const space::Architecture arch = space::decode(run.space, entry.encoding);
    Evaluator ev(run.dataset, run.split, run.stats, run.info.settings.bnCalibrationImages, 256, torch::kCPU);
    sink(ProgressEvent{phase, 0.05, -1, "recalibrating batch norm"});
    supernet::StaticSubnet sub = ev.calibratedSubnet(*run.nets[arch.widthIndex], arch);
    std::optional<FineTuneSummary> tuned;
    if (finetune.enabled()) tuned = fineTuneInRun(run, ev, sub, finetune, stop, sink, phase, 0.05, 0.9);
    sink(ProgressEvent{"evaluating", tuned ? 0.9 : 0.5, -1, "classifying the " + split + " split"});
    EvaluationResult res = ev.evaluate(sub, split, stop);
    res.archId = archId;
    res.finetune = tuned;
    RunWriter writer(runDir);
    fs::create_directories(runDir / "evaluations");
    const std::string suffix = tuned ? "-finetuned-" + std::to_string(finetune.epochs) + "ep" : "";
    writer.writeJson("evaluations/arch-" + std::to_string(archId) + "-" + split + suffix + ".json", res.toJson());
    // The archive's test accuracy is the inherited weights' (what the search compared).
    if (split == "test") writer.appendTestAccuracy(archId, tuned && tuned->testBefore ? *tuned->testBefore : res.top1);
    sink(ProgressEvent{"evaluating", 1.0, 0, "done"});
    return res;
}

}  // namespace nat::engine
