#include "demo_jobs.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "base/error.h"
#include "base/rng.h"
#include "engine/run_store.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"

namespace nat::ui {

namespace engine = nat::engine;
namespace space = nat::space;

namespace {

/// Normalised 2-D hypervolume of (error, first cost) against a fixed reference box.
double hypervolume2d(const std::vector<engine::ArchiveEntry>& archive, const std::vector<int>& front,
                     engine::Objective cost, double refErr, double refCost) {
    std::vector<std::pair<double, double>> pts;
    for (int id : front) pts.emplace_back(archive[id].objective(cost) / refCost, archive[id].error / refErr);
    std::sort(pts.begin(), pts.end());
    double hv = 0.0, prevY = 1.0;
    for (const auto& [x, y] : pts) {
        if (x >= 1.0 || y >= prevY) continue;
        hv += (1.0 - x) * (prevY - y);
        prevY = y;
    }
    return hv;
}

engine::ArchiveEntry makeEntry(const space::SearchSpace& sp, const space::Encoding& enc, int id, int iteration,
                               Rng& rng) {
    engine::ArchiveEntry e;
    e.id = id;
    e.encoding = enc;
    e.iteration = iteration;
    const space::Architecture arch = space::decode(sp, enc);
    e.subnet = space::toSubnetJson(sp, arch);
    const space::CostReport cost = space::computeCost(sp, arch, {10, 1});
    e.madds = static_cast<double>(cost.madds);
    e.macs = static_cast<double>(cost.macs);
    e.params = static_cast<double>(cost.params);
    e.cpuMs = 0.15 + e.madds / 1e6 * 0.045 + rng.uniform(0.0, 0.05);
    // Bigger nets are better, with diminishing returns; later iterations profit from adaptation.
    const double base = 0.075 + 0.09 * std::exp(-(e.madds - 4e6) / 7e6) - 0.003 * iteration;
    e.error = std::clamp(base + 0.006 * rng.normal(), 0.04, 0.6);
    e.predictedError = iteration == 0 ? -1.0 : e.error + 0.004 * rng.normal();
    e.measured = "demo";
    return e;
}

}  // namespace

DemoJobs::DemoJobs(engine::EventSink sink, Options options) : m_sink(std::move(sink)), m_options(std::move(options)) {}

DemoJobs::~DemoJobs() {
    cancel();
    wait();
}

template <typename F>
void DemoJobs::launch(F body) {
    if (m_busy.load()) throw Error(ErrorCode::InvalidArgument, "a job is already running");
    wait();
    m_busy = true;
    m_thread = std::jthread([this, body](std::stop_token stop) {
        engine::JobFinished done;
        try {
            body(stop);
            if (stop.stop_requested()) {
                done.status = engine::JobFinished::Status::Cancelled;
                done.message = "Cancelled; the run is saved and can be resumed.";
            } else if (!m_options.failMessage.empty()) {
                throw std::runtime_error(m_options.failMessage);
            } else {
                done.message = "Finished.";
            }
        } catch (const std::exception& e) {
            done.status = engine::JobFinished::Status::Failed;
            done.message = e.what();
        }
        m_busy = false;
        m_sink(done);
    });
}

bool DemoJobs::pause(const std::stop_token& stop, int steps) const {
    for (int i = 0; i < steps && !stop.stop_requested(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(m_options.stepMs));
    return !stop.stop_requested();
}

void DemoJobs::startSearch(const engine::SearchSettings& settings, const std::filesystem::path&) {
    settings.validate();
    m_lastSettings = settings;
    launch([this, settings](std::stop_token stop) { runSearch(stop, settings); });
}

void DemoJobs::resumeSearch(const std::filesystem::path&) {
    const engine::SearchSettings s = m_lastSettings;
    launch([this, s](std::stop_token stop) { runSearch(stop, s); });
}

void DemoJobs::runSearch(std::stop_token stop, engine::SearchSettings settings) {
    const space::SearchSpace& sp = space::preset(settings.space);  // the chosen space (quick: micro-mbv3)
    Rng rng(settings.seed);
    const int points = m_options.curvePointsPerPhase;
    const int totalUnits = 2 * points + settings.iterations * (points / 2 + 2) + 1;
    int unit = 0;
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    auto report = [&](const std::string& phase) {
        ++unit;
        const double f = std::min(1.0, double(unit) / totalUnits);
        m_sink(engine::ProgressEvent{phase, f, f > 0.02 ? elapsed() / f * (1 - f) : -1.0, ""});
    };
    m_sink(engine::LogEvent{engine::LogEvent::Level::Info, "Demo search: nothing is trained, results are synthetic."});
    long long step = 0;
    auto train = [&](const std::string& phase, int n, double lr0) {
        for (int i = 0; i < n && pause(stop); ++i, ++step) {
            const double t = double(step) / (2 * points);
            engine::CurvePoint c{phase, step * 10, t, elapsed(), 0.3 + 2.0 * std::exp(-3 * t) + 0.08 * rng.normal(),
                                 std::min(0.97, 0.55 + 0.35 * (1 - std::exp(-3 * t)) + 0.03 * rng.normal()),
                                 lr0 * 0.5 * (1 + std::cos(M_PI * i / n))};
            m_sink(c);
            report(phase == "adapt" ? "adapting supernet" : "supernet warm-up");
        }
    };
    train("warmup-largest", points, settings.warmupLearningRate);
    train("warmup-sampled", points, settings.warmupRateFor(false));
    std::vector<engine::ArchiveEntry> archive;
    auto addRandom = [&](int iteration) {
        archive.push_back(makeEntry(sp, space::sampleUniform(sp, rng), int(archive.size()), iteration, rng));
    };
    for (int i = 0; i < settings.initialArchive && !stop.stop_requested(); ++i) addRandom(0);
    double refErr = 0, refCost = 0;
    const engine::Objective cost = settings.objectives.size() > 1 ? settings.objectives[1] : engine::Objective::MAdds;
    for (const auto& e : archive) refErr = std::max(refErr, 1.01 * e.error), refCost = std::max(refCost, 1.01 * e.objective(cost));
    for (int it = 0; it <= settings.iterations && pause(stop); ++it) {
        std::vector<int> newIds;
        if (it == 0) {
            for (const auto& e : archive) newIds.push_back(e.id);
        } else {
            train("adapt", points / 2, settings.adaptLearningRate);
            for (int c = 0; c < settings.candidatesPerIteration && pause(stop); ++c) {
                addRandom(it);
                newIds.push_back(archive.back().id);
            }
        }
        if (stop.stop_requested()) return;
        engine::IterationSnapshot snap;
        snap.iteration = it;
        snap.archive = archive;
        snap.frontIds = engine::frontOf(archive, settings.objectives);
        snap.newIds = newIds;
        snap.hypervolume = hypervolume2d(archive, snap.frontIds, cost, refErr, refCost);
        snap.seconds = elapsed();
        snap.predictor = Json{{"chosen", "rbf-ensemble"}};
        m_sink(snap);
        m_sink(engine::LogEvent{engine::LogEvent::Level::Info,
                                "iteration " + std::to_string(it) + ": archive " + std::to_string(archive.size()) +
                                    ", front " + std::to_string(snap.frontIds.size())});
        report("iteration " + std::to_string(it) + "/" + std::to_string(settings.iterations));
    }
}

void DemoJobs::evaluate(const std::filesystem::path&, int archId, const std::string& split,
                        const engine::FineTuneRequest& finetune) {
    engine::checkFineTuneEpochs(finetune.epochs);
    launch([this, archId, split, finetune](std::stop_token stop) { runEvaluation(stop, archId, split, finetune.epochs); });
}

void DemoJobs::runEvaluation(std::stop_token stop, int archId, std::string split, int finetuneEpochs) {
    Rng rng(static_cast<std::uint64_t>(archId) + 7);
    for (int e = 0; e < finetuneEpochs; ++e)
        for (int i = 0; i < 10; ++i) {
            if (!pause(stop)) return;
            m_sink(engine::ProgressEvent{"fine-tuning", (e + i / 10.0) / finetuneEpochs * 0.8, -1,
                                         "epoch " + std::to_string(e + 1) + "/" + std::to_string(finetuneEpochs)});
        }
    const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    for (int i = 0; i < 10; ++i) {
        if (!pause(stop)) return;
        m_sink(engine::ProgressEvent{"evaluating", i / 10.0, -1, ""});
    }
    engine::EvaluationResult r;
    r.archId = archId;
    r.split = split;
    r.classNames = names;
    const int n = static_cast<int>(names.size());
    r.confusion.assign(n, std::vector<long long>(n, 0));
    long long correct = 0, total = 0;
    for (int t = 0; t < n; ++t) {
        const double acc = (t == 6 ? 0.72 : t == 2 || t == 4 ? 0.86 : 0.95) + 0.02 * rng.normal();
        for (int k = 0; k < 1000; ++k) {
            const int p = rng.uniform01() < acc ? t : int(rng.uniformInt(0, n - 1));
            ++r.confusion[t][p];
        }
        r.perClassAccuracy.push_back(r.confusion[t][t] / 1000.0);
        correct += r.confusion[t][t];
        total += 1000;
    }
    r.top1 = double(correct) / total;
    if (finetuneEpochs > 0) {
        engine::FineTuneSummary f;
        f.epochs = finetuneEpochs;
        f.seed = 1;
        f.batchSize = 128;
        f.learningRate = 0.01;
        f.steps = 156L * finetuneEpochs;
        f.images = f.steps * 128;
        f.seconds = 95.0 * finetuneEpochs;
        f.totalSeconds = f.seconds + 12.0;
        f.testAfter = r.top1;
        f.testBefore = r.top1 - 0.018;
        f.valAfter = r.top1 + 0.004;
        f.valBefore = r.top1 - 0.015;
        f.trainAfter = r.top1 + 0.03;
        f.trainBefore = r.top1 + 0.005;
        r.finetune = f;
    }
    for (int k = 0; k < 24; ++k) {
        engine::EvaluationResult::Example ex{k * 37, int(rng.uniformInt(0, n - 1)), int(rng.uniformInt(0, n - 1)), 28, 28, 1, {}};
        ex.pixels.resize(28 * 28);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                ex.pixels[y * 28 + x] = static_cast<unsigned char>(
                    std::clamp(255.0 * std::exp(-((x - 14) * (x - 14) + (y - 14) * (y - 14)) / (60.0 + 10 * ex.label)) +
                                   20 * rng.normal(), 0.0, 255.0));
        r.misclassified.push_back(std::move(ex));
    }
    m_sink(r);
}

void DemoJobs::exportArchitecture(const std::filesystem::path&, const engine::ExportRequest& request) {
    if (request.outDir.empty()) throw Error(ErrorCode::InvalidArgument, "export: choose an output folder");
    launch([this, request](std::stop_token stop) { runExport(stop, request); });
}

void DemoJobs::runExport(std::stop_token stop, engine::ExportRequest request) {
    for (const auto& f : request.formats) {
        if (!pause(stop, 3)) return;
        m_sink(engine::LogEvent{engine::LogEvent::Level::Info, "wrote " + f + " to " + request.outDir.string()});
    }
    m_sink(engine::LogEvent{engine::LogEvent::Level::Info,
                            "verification: ONNX Runtime-free self-check passed, max |diff| 2.4e-07"});
}

void DemoJobs::cancel() {
    if (m_thread.joinable()) m_thread.request_stop();
}

void DemoJobs::wait() {
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace nat::ui
