// Jobs on a finished (or running) run: evaluate one architecture, export one architecture.
#include <torch/torch.h>

#include "base/error.h"
#include "base/file_io.h"
#include "data/split.h"
#include "engine/evaluator.h"
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
                                      std::stop_token stop, const EventSink& sink) {
    sink(ProgressEvent{"evaluating", 0.1, -1, "loading the run"});
    LoadedRun run = loadRun(runDir);
    const ArchiveEntry& entry = findArchitecture(run.info, archId);
    const space::Architecture arch = space::decode(run.space, entry.encoding);
    Evaluator ev(run.dataset, run.split, run.stats, run.info.settings.bnCalibrationImages, 256, torch::kCPU);
    sink(ProgressEvent{"evaluating", 0.3, -1, "recalibrating batch norm"});
    supernet::StaticSubnet sub = ev.calibratedSubnet(*run.nets[arch.widthIndex], arch);
    sink(ProgressEvent{"evaluating", 0.5, -1, "classifying the " + split + " split"});
    EvaluationResult res = ev.evaluate(sub, split, stop);
    res.archId = archId;
    RunWriter writer(runDir);
    fs::create_directories(runDir / "evaluations");
    writer.writeJson("evaluations/arch-" + std::to_string(archId) + "-" + split + ".json", res.toJson());
    if (split == "test") writer.appendTestAccuracy(archId, res.top1);
    sink(ProgressEvent{"evaluating", 1.0, 0, "done"});
    return res;
}

}  // namespace nat::engine
