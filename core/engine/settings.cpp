#include "engine/settings.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "base/error.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"

namespace nat::engine {

namespace {

struct ObjectiveName {
    Objective o;
    const char* key;
    const char* label;
};
constexpr ObjectiveName kObjectives[] = {{Objective::Error, "err", "Top-1 error"},
                                         {Objective::MAdds, "madds", "MAdds"},
                                         {Objective::Params, "params", "Parameters"},
                                         {Objective::CpuLatency, "cpu_ms", "CPU latency (ms)"},
                                         {Objective::GpuLatency, "gpu_ms", "GPU latency (ms)"}};

[[noreturn]] void invalid(const std::string& m) { throw Error(ErrorCode::InvalidArgument, m); }

std::string number(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

void requireRange(const std::string& name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi))
        invalid("setting '" + name + "' must be in " + number(lo) + ".." + number(hi) + ", got " + number(v));
}

}  // namespace

std::string objectiveKey(Objective o) {
    for (const auto& n : kObjectives)
        if (n.o == o) return n.key;
    return "?";
}

std::string objectiveLabel(Objective o) {
    for (const auto& n : kObjectives)
        if (n.o == o) return n.label;
    return "?";
}

Objective objectiveFromKey(const std::string& key) {
    for (const auto& n : kObjectives)
        if (key == n.key) return n.o;
    invalid("unknown objective '" + key + "' (choose from: err, madds, params, cpu_ms, gpu_ms)");
}

std::vector<Objective> parseObjectives(const std::string& list) {
    std::vector<Objective> out = {Objective::Error};
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(std::remove_if(item.begin(), item.end(), ::isspace), item.end());
        if (!item.empty()) {
            const Objective o = objectiveFromKey(item);
            if (o != Objective::Error && std::find(out.begin(), out.end(), o) != out.end())
                invalid("objective '" + item + "' is listed twice");
            if (o != Objective::Error) out.push_back(o);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.size() < 2 || out.size() > 5)
        invalid("a search needs 2 to 5 objectives (err plus 1 to 4 of madds, params, cpu_ms, gpu_ms), got " +
                std::to_string(out.size()));
    return out;
}

Json SearchSettings::toJson() const {
    Json objs = Json::array();
    for (Objective o : objectives) objs.push_back(objectiveKey(o));
    return {{"dataset", dataset},
            {"preset", preset},
            {"space", space},
            {"objectives", objs},
            {"device", device},
            {"threads", threads},
            {"seed", seed},
            {"init_supernet", initSupernet},
            {"train_subset", trainSubset},
            {"validation_size", validationSize},
            {"batch_size", batchSize},
            {"bn_calibration_images", bnCalibrationImages},
            {"warmup_largest_epochs", warmupLargestEpochs},
            {"warmup_sampled_epochs", warmupSampledEpochs},
            {"warmup_learning_rate", warmupLearningRate},
            {"warmup_sampled_learning_rate", warmupSampledLearningRate},
            {"crop_padding", cropPadding},
            {"label_smoothing", labelSmoothing},
            {"iterations", iterations},
            {"initial_archive", initialArchive},
            {"candidates_per_iteration", candidatesPerIteration},
            {"nsga_population", nsgaPopulation},
            {"nsga_generations", nsgaGenerations},
            {"distribution_top", distributionTop},
            {"adapt_epochs", adaptEpochs},
            {"subnets_per_step", subnetsPerStep},
            {"adapt_learning_rate", adaptLearningRate},
            {"distill", distill},
            {"reevaluate_archive", reevaluateArchive},
            {"reevaluate_front_only", reevaluateFrontOnly}};
}

SearchSettings SearchSettings::fromJson(const Json& j) {
    if (!j.is_object()) throw Error(ErrorCode::Parse, "settings: expected a JSON object");
    SearchSettings s;
    const Json defaults = s.toJson();
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!defaults.contains(it.key())) throw Error(ErrorCode::Parse, "settings: unknown key '" + it.key() + "'");
        const Json& d = defaults[it.key()];
        const bool typeOk = (d.is_boolean() && it->is_boolean()) || (d.is_string() && it->is_string()) ||
                            (d.is_array() && it->is_array()) || (d.is_number() && it->is_number());
        if (!typeOk) throw Error(ErrorCode::Parse, "settings: key '" + it.key() + "' has the wrong type: " + it->dump());
    }
    Json m = defaults;
    m.update(j);
    const std::string ctx = "settings";
    s.dataset = m["dataset"];
    s.preset = m["preset"];
    s.space = m["space"];
    s.objectives.clear();
    for (const auto& o : m["objectives"]) {
        if (!o.is_string()) throw Error(ErrorCode::Parse, "settings: 'objectives' must be a list of names, got " + o.dump());
        s.objectives.push_back(objectiveFromKey(o.get<std::string>()));
    }
    s.device = m["device"];
    s.threads = requireInt(m, "threads", ctx);
    if (!m["seed"].is_number_unsigned() && !(m["seed"].is_number_integer() && m["seed"].get<std::int64_t>() >= 0))
        throw Error(ErrorCode::Parse, "settings: 'seed' must be a whole number of 0 or more, got " + m["seed"].dump());
    s.seed = m["seed"].get<std::uint64_t>();
    s.initSupernet = m["init_supernet"];
    s.trainSubset = requireInt(m, "train_subset", ctx);
    s.validationSize = requireInt(m, "validation_size", ctx);
    s.batchSize = requireInt(m, "batch_size", ctx);
    s.bnCalibrationImages = requireInt(m, "bn_calibration_images", ctx);
    s.warmupLargestEpochs = m["warmup_largest_epochs"];
    s.warmupSampledEpochs = m["warmup_sampled_epochs"];
    s.warmupLearningRate = m["warmup_learning_rate"];
    s.warmupSampledLearningRate = m["warmup_sampled_learning_rate"];
    s.cropPadding = requireInt(m, "crop_padding", ctx);
    s.labelSmoothing = m["label_smoothing"];
    s.iterations = requireInt(m, "iterations", ctx);
    s.initialArchive = requireInt(m, "initial_archive", ctx);
    s.candidatesPerIteration = requireInt(m, "candidates_per_iteration", ctx);
    s.nsgaPopulation = requireInt(m, "nsga_population", ctx);
    s.nsgaGenerations = requireInt(m, "nsga_generations", ctx);
    s.distributionTop = requireInt(m, "distribution_top", ctx);
    s.adaptEpochs = m["adapt_epochs"];
    s.subnetsPerStep = requireInt(m, "subnets_per_step", ctx);
    s.adaptLearningRate = m["adapt_learning_rate"];
    s.distill = m["distill"];
    s.reevaluateArchive = m["reevaluate_archive"];
    s.reevaluateFrontOnly = m["reevaluate_front_only"];
    return s;
}

void SearchSettings::validate() const {
    if (dataset.empty()) invalid("setting 'dataset' is empty");
    if (objectives.empty() || objectives.front() != Objective::Error)
        invalid("the first objective must be 'err' (top-1 error)");
    if (objectives.size() < 2 || objectives.size() > 5) invalid("a search needs 2 to 5 objectives");
    std::set<Objective> seen(objectives.begin(), objectives.end());
    if (seen.size() != objectives.size()) invalid("objectives must be distinct");
    if (device != "cpu" && device.rfind("cuda", 0) != 0) invalid("setting 'device' must be cpu, cuda or cuda:N, got '" + device + "'");
    if (seen.count(Objective::GpuLatency) && device.rfind("cuda", 0) != 0)
        invalid("the gpu_ms objective measures latency on a GPU: it needs --device cuda (this search uses '" + device + "')");
    requireRange("threads", threads, 0, 1024);
    requireRange("train_subset", trainSubset, 0, 1e9);
    requireRange("validation_size", validationSize, 10, 1e7);
    requireRange("batch_size", batchSize, 2, 4096);
    requireRange("bn_calibration_images", bnCalibrationImages, 16, 1e6);
    requireRange("warmup_largest_epochs", warmupLargestEpochs, 0, 1000);
    requireRange("warmup_sampled_epochs", warmupSampledEpochs, 0, 1000);
    requireRange("warmup_learning_rate", warmupLearningRate, 1e-6, 10);
    requireRange("warmup_sampled_learning_rate", warmupSampledLearningRate, 0, 10);
    requireRange("crop_padding", cropPadding, -1, 64);
    requireRange("label_smoothing", labelSmoothing, 0, 0.5);
    requireRange("iterations", iterations, 0, 1000);
    requireRange("initial_archive", initialArchive, 4, 100000);
    if (iterations > 0 && initialArchive < 6)
        invalid("setting 'initial_archive' must be at least 6 when the search has iterations: the accuracy "
                "predictor is chosen by cross-validation on it (got " + std::to_string(initialArchive) + ")");
    requireRange("candidates_per_iteration", candidatesPerIteration, 1, 1000);
    requireRange("nsga_population", nsgaPopulation, 8, 100000);
    requireRange("nsga_generations", nsgaGenerations, 1, 100000);
    requireRange("distribution_top", distributionTop, 1, 100000);
    requireRange("adapt_epochs", adaptEpochs, 0, 1000);
    requireRange("subnets_per_step", subnetsPerStep, 1, 64);
    requireRange("adapt_learning_rate", adaptLearningRate, 1e-7, 10);
}

SearchSettings presetSettings(const std::string& name) {
    SearchSettings s;
    s.preset = name;
    if (name == "quick") {
        // Fits a 2-core laptop in about a quarter of an hour (README, Performance): the micro space,
        // whose largest subnet trains at ~400 images/s there, the whole training split, a short
        // high-learning-rate warm-up without crop augmentation or label smoothing (measured: one
        // epoch of the largest subnet reaches 90.0 % instead of 85.2 % with the standard recipe), one
        // subnet plus the largest per step, and a small archive.
        s.space = "micro-mbv3";
        s.trainSubset = 0;
        s.validationSize = 2000;
        s.bnCalibrationImages = 400;
        s.warmupLargestEpochs = 2.0;
        s.warmupSampledEpochs = 0.75;
        s.warmupLearningRate = 0.15;
        // The sampled-subnet warm-up at a third of that rate: at the full rate it pulled the largest
        // subnet back down (measured: 90.96 % instead of 89.51 % test, and 10.5 instead of 14.7 min).
        s.warmupSampledLearningRate = 0.05;
        s.cropPadding = 0;
        s.labelSmoothing = 0.0;
        s.iterations = 4;
        s.initialArchive = 20;
        s.candidatesPerIteration = 6;
        s.nsgaPopulation = 60;
        s.nsgaGenerations = 15;
        s.distributionTop = 20;
        s.adaptEpochs = 0.2;
        s.subnetsPerStep = 1;
        s.adaptLearningRate = 0.01;
        s.reevaluateFrontOnly = true;  // dominated entries keep their last measurement
    } else if (name == "balanced") {
        // Under two hours on a 2-core laptop (README, Performance): tiny-mbv3, whose largest subnet
        // trains at ~190 images/s at 32 px there (0.67 s per step, ~4.8 min an epoch), while a step
        // with the largest as teacher plus one sampled subnet costs ~1.6 of those. Measured with 6
        // epochs of the largest, the largest subnet was still gaining ~1 point an epoch and the search
        // ended 0.4 points short of 93 %; so the time goes mostly into the largest subnet alone
        // (12 epochs at a high rate, light crop), then one sampled epoch at a third of that rate and
        // six iterations of a quarter epoch of adaptation, one sampled subnet per step beside the
        // largest; only the front is re-evaluated.
        s.space = "tiny-mbv3";
        s.validationSize = 5000;
        s.bnCalibrationImages = 1000;
        s.warmupLargestEpochs = 12.0;
        s.warmupSampledEpochs = 1.0;
        s.warmupLearningRate = 0.1;
        s.warmupSampledLearningRate = 0.03;
        s.cropPadding = 2;
        s.iterations = 6;
        s.initialArchive = 40;
        s.candidatesPerIteration = 8;
        s.distributionTop = 40;
        s.adaptEpochs = 0.25;
        s.subnetsPerStep = 1;
        s.adaptLearningRate = 0.01;
        s.reevaluateFrontOnly = true;
    } else if (name == "paper") {
        // NAT-REFERENCE.md §4: 100 initial, 30 iterations × 8, pop 100 × 20 generations, top 150,
        // 5 adaptation epochs with 4 subnets per step and KD, lr 2.5e-3.
        s.space = "ofa-mbv3";
        s.iterations = 30;
        s.initialArchive = 100;
        s.candidatesPerIteration = 8;
        s.nsgaPopulation = 100;
        s.nsgaGenerations = 20;
        s.distributionTop = 150;
        s.adaptEpochs = 5.0;
        s.subnetsPerStep = 4;
        s.adaptLearningRate = 2.5e-3;
        s.batchSize = 96;
        s.bnCalibrationImages = 2000;
    } else {
        invalid("unknown preset '" + name + "' (choose one of: quick, balanced, paper)");
    }
    return s;
}

std::vector<std::string> presetSettingNames() { return {"quick", "balanced", "paper"}; }

double sampledStepCost(const SearchSettings& s) { return (s.distill ? 1.0 : 0.0) + 0.6 * s.subnetsPerStep; }

SearchWork plannedWork(const SearchSettings& s, double batchesPerEpoch, int widths) {
    SearchWork w;
    const double perEpoch = batchesPerEpoch * widths;
    w.largestSteps = s.warmupLargestEpochs * perEpoch;
    w.sampledSteps = (s.warmupSampledEpochs + s.adaptEpochs * s.iterations) * perEpoch;
    // Re-evaluation after each adaptation: the whole archive (it grows by K per iteration; on
    // average initial + K·iterations/2), or its front, typically 10-20 points.
    const double perReevaluation =
        s.reevaluateFrontOnly ? 15.0 : s.initialArchive + s.iterations * s.candidatesPerIteration / 2.0;
    w.evaluations = s.initialArchive + double(s.iterations) * s.candidatesPerIteration +
                    (s.reevaluateArchive ? s.iterations * perReevaluation : 0.0);
    return w;
}

double estimateSearchSeconds(const SearchSettings& s, long long trainImages) {
    const space::SearchSpace& sp = space::preset(s.space);
    const double largestMegaMacs = static_cast<double>(space::computeCost(sp, space::largest(sp), {10, 1}).macs) / 1e6;
    const double n = s.trainSubset > 0 ? std::min<double>(s.trainSubset, static_cast<double>(trainImages))
                                       : std::max<double>(0, static_cast<double>(trainImages) - s.validationSize);
    const double batches = std::floor(n / std::max(1, s.batchSize));
    const SearchWork w = plannedWork(s, batches, sp.numWidths());
    const double speedUp = s.device.rfind("cuda", 0) == 0 ? 20.0 : 1.0;
    const auto perImage = [](double megaMacs) { return 1.13e-3 + 0.145e-3 * megaMacs; };
    const double step = s.batchSize * perImage(largestMegaMacs) / speedUp;
    const double evaluation = (s.validationSize + s.bnCalibrationImages) * perImage(0.6 * largestMegaMacs) / 10.0 / speedUp;
    return step * (w.largestSteps + w.sampledSteps * sampledStepCost(s)) + evaluation * w.evaluations;
}

}  // namespace nat::engine
