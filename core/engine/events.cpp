#include "engine/events.h"

#include "base/error.h"
#include "base/json_optional.h"

namespace nat::engine {

double ArchiveEntry::objective(Objective o) const {
    switch (o) {
    case Objective::Error: return error;
    case Objective::MAdds: return madds;
    case Objective::Params: return params;
    case Objective::CpuLatency: return cpuMs;
    case Objective::GpuLatency: return gpuMs;
    }
    return 0.0;
}

Json ArchiveEntry::toJson() const {
    Json j = {{"id", id},
              {"encoding", encoding},
              {"subnet", subnet},
              {"iteration", iteration},
              {"err", error},
              {"madds", madds},
              {"macs", macs},
              {"params", params},
              {"cpu_ms", cpuMs},
              {"gpu_ms", gpuMs},
              {"predicted_err", predictedError},
              {"measured", measured}};
    if (testAccuracy) j["test_acc"] = *testAccuracy;
    return j;
}

ArchiveEntry ArchiveEntry::fromJson(const Json& j) {
    const std::string ctx = "archive entry";
    ArchiveEntry e;
    e.id = requireInt(j, "id", ctx);
    e.encoding = requireIntArray(j, "encoding", ctx);
    e.subnet = requireField(j, "subnet", ctx);
    e.iteration = requireInt(j, "iteration", ctx);
    e.error = requireNumber(j, "err", ctx);
    e.madds = requireNumber(j, "madds", ctx);
    e.macs = optionalNumber(j, "macs", 0.0, ctx);
    e.params = requireNumber(j, "params", ctx);
    e.cpuMs = optionalNumber(j, "cpu_ms", -1.0, ctx);
    e.gpuMs = optionalNumber(j, "gpu_ms", -1.0, ctx);
    e.predictedError = optionalNumber(j, "predicted_err", -1.0, ctx);
    e.measured = optionalString(j, "measured", std::string(), ctx);
    if (j.contains("test_acc") && j["test_acc"].is_number()) e.testAccuracy = j["test_acc"].get<double>();
    return e;
}

Json CurvePoint::toJson() const {
    return {{"phase", phase}, {"step", step},   {"epoch", epoch}, {"t", wallSeconds},
            {"loss", loss},   {"acc", accuracy}, {"lr", learningRate}};
}

CurvePoint CurvePoint::fromJson(const Json& j) {
    const std::string ctx = "curve point";
    CurvePoint p;
    p.phase = optionalString(j, "phase", std::string(), ctx);
    // Steps exceed int in long searches; a double holds them exactly up to 2^53.
    const double step = optionalNumber(j, "step", 0.0, ctx);
    if (!(step >= 0.0 && step <= 9.007199254740992e15))
        throw Error(ErrorCode::Parse, ctx + ": field 'step' must be a count, got " + requireField(j, "step", ctx).dump());
    p.step = static_cast<long long>(step);
    p.epoch = optionalNumber(j, "epoch", 0.0, ctx);
    p.wallSeconds = optionalNumber(j, "t", 0.0, ctx);
    p.loss = optionalNumber(j, "loss", 0.0, ctx);
    p.accuracy = optionalNumber(j, "acc", 0.0, ctx);
    p.learningRate = optionalNumber(j, "lr", 0.0, ctx);
    return p;
}

Json IterationSnapshot::toJson() const {
    return {{"iteration", iteration}, {"front", frontIds},       {"new", newIds},
            {"predictor", predictor}, {"hypervolume", hypervolume}, {"seconds", seconds}};
}

Json EvaluationResult::toJson() const {
    Json mis = Json::array();
    for (const auto& m : misclassified) mis.push_back({{"index", m.index}, {"label", m.label}, {"predicted", m.predicted}});
    Json j = {{"arch", archId},           {"split", split},         {"top1", top1},
              {"classes", classNames},    {"per_class", perClassAccuracy}, {"confusion", confusion},
              {"misclassified", mis}};
    if (finetune) j["finetune"] = finetune->toJson();
    return j;
}

void checkFineTuneEpochs(int epochs) {
    if (epochs < 0 || epochs > kMaxFineTuneEpochs)
        throw Error(ErrorCode::InvalidArgument, "fine-tuning epochs must be 0.." + std::to_string(kMaxFineTuneEpochs) +
                                                    " (0 = no fine-tuning), got " + std::to_string(epochs));
}

Json FineTuneSummary::toJson() const {
    Json j = {{"epochs", epochs},
              {"seed", seed},
              {"batch_size", batchSize},
              {"learning_rate", learningRate},
              {"schedule", "cosine"},
              {"optimizer", "sgd-nesterov-momentum-0.9"},
              {"distilled_from_largest", distilled},
              {"steps", steps},
              {"images", images},
              {"seconds", seconds},
              {"total_seconds", totalSeconds},
              {"train_top1_before", trainBefore},
              {"train_top1_after", trainAfter},
              {"val_top1_before", valBefore},
              {"val_top1_after", valAfter},
              {"bn_recalibrated", true}};
    if (testBefore) j["test_top1_before"] = *testBefore;
    if (testAfter) j["test_top1_after"] = *testAfter;
    return j;
}

FineTuneSummary FineTuneSummary::fromJson(const Json& j) {
    const std::string ctx = "fine-tune record";
    FineTuneSummary s;
    s.epochs = requireInt(j, "epochs", ctx);
    s.seed = requireField(j, "seed", ctx).get<std::uint64_t>();
    s.batchSize = j.value("batch_size", 0);
    s.learningRate = j.value("learning_rate", 0.0);
    s.distilled = j.value("distilled_from_largest", false);
    s.steps = j.value("steps", 0LL);
    s.images = j.value("images", 0LL);
    s.seconds = j.value("seconds", 0.0);
    s.totalSeconds = j.value("total_seconds", 0.0);
    s.trainBefore = j.value("train_top1_before", 0.0);
    s.trainAfter = j.value("train_top1_after", 0.0);
    s.valBefore = requireNumber(j, "val_top1_before", ctx);
    s.valAfter = requireNumber(j, "val_top1_after", ctx);
    if (j.contains("test_top1_before") && j["test_top1_before"].is_number()) s.testBefore = j["test_top1_before"].get<double>();
    if (j.contains("test_top1_after") && j["test_top1_after"].is_number()) s.testAfter = j["test_top1_after"].get<double>();
    return s;
}

}  // namespace nat::engine
