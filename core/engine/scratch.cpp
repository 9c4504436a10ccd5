// Baselines for a run: its smallest / largest architecture trained from scratch (issue 7).
#include "engine/scratch.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "engine/evaluator.h"
#include "engine/jobs_internal.h"
#include "engine/loaded_run.h"
#include "engine/training_setup.h"
#include "supernet/sampler.h"

namespace nat::engine {

namespace fs = std::filesystem;

Json ScratchResult::toJson() const {
    return {{"which", which},           {"subnet", subnet},     {"epochs", epochs},
            {"seconds", seconds},       {"val_acc", valAccuracy}, {"test_acc", testAccuracy},
            {"madds", madds},           {"params", params}};
}

ScratchResult ScratchResult::fromJson(const Json& j) {
    ScratchResult r;
    r.which = j.value("which", std::string());
    r.subnet = j.value("subnet", Json::object());
    r.epochs = j.value("epochs", 0.0);
    r.seconds = j.value("seconds", 0.0);
    r.valAccuracy = j.value("val_acc", 0.0);
    r.testAccuracy = j.value("test_acc", -1.0);
    r.madds = j.value("madds", 0.0);
    r.params = j.value("params", 0.0);
    return r;
}

double searchTrainingEpochs(const fs::path& runDir) {
    const SearchSettings s = readRun(runDir).settings;
    return s.warmupLargestEpochs + s.warmupSampledEpochs + s.iterations * s.adaptEpochs;
}

namespace {

space::Architecture chooseArchitecture(const LoadedRun& run, const std::string& which) {
    if (which == "smallest") return space::smallest(run.space);
    if (which == "largest") return space::largest(run.space);
    int id = -1;
    try {
        std::size_t used = 0;
        id = std::stoi(which, &used);
        if (used != which.size()) id = -1;
    } catch (const std::exception&) {
        id = -1;
    }
    if (id < 0)
        throw Error(ErrorCode::InvalidArgument, "architecture must be 'smallest', 'largest' or an archive id, got '" + which + "'");
    return space::decode(run.space, findArchitecture(run.info, id).encoding);
}

}  // namespace

ScratchResult trainFromScratch(const fs::path& runDir, const std::string& which, double epochs, std::stop_token stop,
                               const EventSink& sink) {
    if (epochs > 1000) throw Error(ErrorCode::InvalidArgument, "epochs must be at most 1000, got " + std::to_string(epochs));
    if (epochs <= 0) epochs = searchTrainingEpochs(runDir);
    sink(ProgressEvent{"from scratch", 0.0, -1, "loading the run"});
    LoadedRun run = loadRun(runDir);
    const SearchSettings& s = run.info.settings;
    const space::Architecture arch = chooseArchitecture(run, which);
    const std::string label = which == "smallest" || which == "largest" ? which : "arch-" + which;

    // A fresh network: same space, classes and seed family as the run, none of its trained weights.
    supernet::SupernetConfig cfg = run.nets.at(arch.widthIndex)->config();
    torch::manual_seed(deriveSeed(s.seed, 900));
    supernet::Supernet net(cfg);
    const std::int64_t perEpoch = std::max<std::int64_t>(1, static_cast<std::int64_t>(run.split.train.size()) / s.batchSize);
    const std::int64_t total = std::max<std::int64_t>(1, std::llround(epochs * static_cast<double>(perEpoch)));
    // The warm-up recipe of the search (largest-only phase), without distillation or sampling.
    supernet::SupernetTrainer trainer(net, phaseTrainConfig(s, true, total, s.warmupLearningRate, true), deriveSeed(s.seed, 901));
    trainer.setSampler(std::make_shared<supernet::FixedSampler>(arch));

    const auto t0 = std::chrono::steady_clock::now();
    for (int epoch = 0; trainer.stepCount() < total; ++epoch) {
        const data::LoaderOptions lo = phaseLoaderOptions(s, run.dataset, run.stats, deriveSeed(s.seed, 902), epoch, true);
        data::Loader loader(run.dataset.train, run.split.train, lo, stop);
        while (trainer.stepCount() < total) {
            std::optional<data::Batch> b = loader.next();
            if (!b) break;
            if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");
            const supernet::StepStats st = trainer.step(b->images, b->labels);
            const double f = static_cast<double>(trainer.stepCount()) / static_cast<double>(total);
            sink(ProgressEvent{"from scratch", 0.95 * f, -1, label + ": step " + std::to_string(trainer.stepCount()) + "/" +
                                                             std::to_string(total) + ", loss " + std::to_string(st.loss)});
        }
    }
    ScratchResult r;
    r.which = label;
    r.epochs = epochs;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.subnet = space::toSubnetJson(run.space, arch);
    const space::CostReport c = space::computeCost(run.space, arch, {run.dataset.numClasses(), run.dataset.channels()});
    r.madds = static_cast<double>(c.madds);
    r.params = static_cast<double>(c.params);

    sink(ProgressEvent{"from scratch", 0.96, -1, "evaluating"});
    Evaluator ev(run.dataset, run.split, run.stats, s.bnCalibrationImages, 256, torch::kCPU);
    supernet::StaticSubnet sub = ev.calibratedSubnet(*net, arch);
    r.valAccuracy = ev.evaluate(sub, "val", stop).top1;
    if (run.dataset.test && !run.dataset.test->empty()) r.testAccuracy = ev.evaluate(sub, "test", stop).top1;
    fs::create_directories(runDir / "scratch");
    writeFileAtomic(runDir / "scratch" / (label + ".json"), r.toJson().dump(2) + "\n");
    sink(ProgressEvent{"from scratch", 1.0, 0, label + " done"});
    return r;
}

}  // namespace nat::engine
