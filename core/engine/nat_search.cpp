#include "engine/nat_search.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "data/loader.h"
#include "engine/evaluator.h"
#include "engine/run_store.h"
#include "engine/run_writer.h"
#include "engine/search_problem.h"
#include "engine/training_setup.h"
#include "moo/decision.h"
#include "moo/hypervolume.h"
#include "moo/nsga3.h"
#include "moo/optimizer.h"
#include "moo/reference_directions.h"
#include "nat_version.h"
#include "supernet/checkpoint.h"
#include "supernet/device.h"
#include "supernet/trainer.h"

namespace nat::engine {

namespace fs = std::filesystem;
using space::Architecture;
using space::Encoding;
using Clock = std::chrono::steady_clock;

struct NatSearch::Impl {
    fs::path dir;
    EventSink sink;
    std::stop_token stop;
    SearchSettings s;
    space::SearchSpace space;
    std::unique_ptr<RunWriter> writer;
    data::Dataset dataset;
    data::Split split;
    data::ChannelStats stats;
    std::unique_ptr<Evaluator> evaluator;
    std::vector<supernet::Supernet> nets;  ///< one per width
    std::vector<ArchiveEntry> archive;
    Json state = Json::object();
    torch::Device device{torch::kCPU};
    Clock::time_point started = Clock::now();
    Clock::time_point lastProgress{};
    double workDone = 0, workTotal = 1;
    std::int64_t batchesPerEpoch = 1;

    // ---------------------------------------------------------------- events
    void log(const std::string& text, LogEvent::Level level = LogEvent::Level::Info) { sink(LogEvent{level, text}); }

    void progress(const std::string& phase, const std::string& detail, bool force = false) {
        const auto now = Clock::now();
        if (!force && now - lastProgress < std::chrono::milliseconds(100)) return;
        lastProgress = now;
        const double f = std::clamp(workDone / workTotal, 0.0, 1.0);
        const double elapsed = std::chrono::duration<double>(now - started).count();
        sink(ProgressEvent{phase, f, f > 0.01 ? elapsed * (1.0 - f) / f : -1.0, detail});
    }

    void checkStop() {
        if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");
    }

    void saveState(const std::string& status, const std::string& phase) {
        state["status"] = status;
        state["phase"] = phase;
        state["nat_version"] = NAT_VERSION_STRING;
        writer->writeState(state);
    }

    // ---------------------------------------------------------------- set-up
    void openData() {
        progress("preparing", "opening dataset " + s.dataset, true);
        dataset = data::openDataset(s.dataset);
        data::SplitOptions so;
        so.valSize = s.validationSize;
        so.trainSubset = s.trainSubset;
        so.seed = deriveSeed(s.seed, 11);
        split = data::makeSplit(dataset, so);
        stats = data::computeChannelStats(*dataset.train);
        evaluator = std::make_unique<Evaluator>(dataset, split, stats, s.bnCalibrationImages, 256, device);
        batchesPerEpoch = std::max<std::int64_t>(1, static_cast<std::int64_t>(split.train.size()) / s.batchSize);
        for (const auto& w : dataset.warnings) log(w, LogEvent::Level::Warning);
    }

    supernet::SupernetConfig netConfig(int width) const {
        supernet::SupernetConfig c;
        c.space = space;
        c.widthIndex = width;
        c.numClasses = dataset.numClasses();
        c.inputChannels = dataset.channels();
        return c;
    }

    void setupDevice() {
        const int threads = supernet::setThreads(s.threads);  // per OS thread: the job thread must set it itself
        log("device " + s.device + ", " + std::to_string(threads) + " CPU thread" + (threads == 1 ? "" : "s"));
        if (s.device != "cpu") {
            if (!torch::cuda::is_available())
                throw Error(ErrorCode::Unsupported, "device '" + s.device + "' asked for, but CUDA is not available");
            device = torch::Device(s.device);
        }
    }

    void createNets() {
        nets.clear();
        for (int w = 0; w < space.numWidths(); ++w) {
            torch::manual_seed(deriveSeed(s.seed, 100 + w));
            if (!s.initSupernet.empty() && w == 0) {
                nets.push_back(supernet::loadSupernet(s.initSupernet, netConfig(w)).net);
                log("supernet initialised from " + s.initSupernet);
            } else {
                nets.push_back(supernet::Supernet(netConfig(w)));
            }
            nets.back()->to(device);
        }
    }

    void loadNets() {
        nets.clear();
        for (int w = 0; w < space.numWidths(); ++w) {
            nets.push_back(supernet::loadSupernet(writer->supernetFile(w), netConfig(w)).net);
            nets.back()->to(device);
        }
    }

    void saveNets(const supernet::SupernetTrainer* trainer, int trainerWidth) {
        for (int w = 0; w < space.numWidths(); ++w)
            supernet::saveSupernet(writer->supernetFile(w), nets[w], w == trainerWidth ? trainer : nullptr,
                                   {{"stage", state.value("stage", "")}});
    }

    void planWork() {
        const double warm = (s.warmupLargestEpochs + s.warmupSampledEpochs) * batchesPerEpoch * space.numWidths();
        const double adapt = s.adaptEpochs * batchesPerEpoch * space.numWidths() * s.iterations;
        const double evalCost = 5.0;  // one evaluation ≈ five training steps, for the progress bar
        const double evals = s.initialArchive + s.iterations * s.candidatesPerIteration;
        const double reevals = s.reevaluateArchive ? s.iterations * (s.initialArchive + s.iterations * s.candidatesPerIteration / 2.0) : 0;
        workTotal = std::max(1.0, warm + adapt + evalCost * (evals + reevals));
    }

    // ---------------------------------------------------------------- training
    supernet::TrainConfig trainConfig(bool largestOnly, std::int64_t totalSteps, double lr) const {
        return phaseTrainConfig(s, largestOnly, totalSteps, lr, device.is_cpu());
    }

    // Runs `trainer` until it has made `untilStep` steps, epoch by epoch, checkpointing at epoch ends.
    void trainUntil(supernet::SupernetTrainer& trainer, int width, std::int64_t untilStep, const std::string& phase) {
        while (trainer.stepCount() < untilStep) {
            checkStop();
            const int epoch = state.value("epoch", 0);
            const data::LoaderOptions lo = phaseLoaderOptions(s, dataset, stats, deriveSeed(s.seed, 21), epoch, device.is_cpu());
            data::Loader loader(dataset.train, split.train, lo, stop);
            while (trainer.stepCount() < untilStep) {
                std::optional<data::Batch> b = loader.next();
                if (!b) break;
                const supernet::StepStats st = trainer.step(b->images, b->labels);
                workDone += 1;
                const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
                const long long global = state.value("global_step", 0LL) + 1;
                state["global_step"] = global;
                CurvePoint p{phase, global, epoch + static_cast<double>(b->index + 1) / loader.numBatches(), elapsed,
                             st.loss > 0 ? st.loss : st.teacherLoss, st.accuracy, st.learningRate};
                writer->appendCurve(p);
                sink(p);
                progress(phase, "step " + std::to_string(trainer.stepCount()) + "/" + std::to_string(untilStep));
                checkStop();
            }
            state["epoch"] = epoch + 1;
            state["phase_steps"] = trainer.stepCount();
            writer->flushCurves();
            saveNets(&trainer, width);
            saveState("running", phase);
        }
    }

    void warmup() {
        const std::int64_t largestSteps = std::llround(s.warmupLargestEpochs * batchesPerEpoch);
        const std::int64_t sampledSteps = std::llround(s.warmupSampledEpochs * batchesPerEpoch);
        for (int w = 0; w < space.numWidths(); ++w) {
            for (const bool largestOnly : {true, false}) {
                const std::string stage = std::string(largestOnly ? "warmup-largest" : "warmup-sampled") + "-w" + std::to_string(w);
                const std::int64_t steps = largestOnly ? largestSteps : sampledSteps;
                if (state.value("done_" + stage, false) || steps == 0) continue;
                supernet::SupernetTrainer trainer(nets[w], trainConfig(largestOnly, steps, s.warmupLearningRate),
                                                  deriveSeed(s.seed, largestOnly ? 31 + w : 41 + w));
                Architecture big = space::largest(space);
                big.widthIndex = w;
                if (largestOnly) trainer.setSampler(std::make_shared<supernet::FixedSampler>(big));
                else trainer.setSampler(std::make_shared<supernet::UniformSampler>(space, w));
                if (state.value("stage", "") == stage) supernet::loadTrainerState(writer->supernetFile(w), trainer);
                state["stage"] = stage;
                log("warm-up: " + stage + " for " + std::to_string(steps) + " steps");
                trainUntil(trainer, w, steps, largestOnly ? "warmup-largest" : "warmup-sampled");
                state["done_" + stage] = true;
                saveState("running", stage + " done");
            }
        }
    }

    // ---------------------------------------------------------------- evaluation
    ArchiveEntry measure(const Encoding& x, int iteration, double predicted) {
        const Architecture a = space::decode(space, x);
        ArchiveEntry e;
        e.id = static_cast<int>(archive.size());
        e.encoding = x;
        e.subnet = space::toSubnetJson(space, a);
        e.iteration = iteration;
        e.predictedError = predicted;
        const auto wants = [&](Objective o) { return std::find(s.objectives.begin(), s.objectives.end(), o) != s.objectives.end(); };
        const Evaluator::Measurement m = evaluator->measure(*nets[a.widthIndex], a, wants(Objective::CpuLatency),
                                                            wants(Objective::GpuLatency), stop);
        e.error = m.error;
        e.cpuMs = m.cpuMs;
        e.gpuMs = m.gpuMs;
        const space::CostReport c = space::computeCost(space, a, {dataset.numClasses(), dataset.channels()});
        e.madds = static_cast<double>(c.madds);
        e.macs = static_cast<double>(c.macs);
        e.params = static_cast<double>(c.params);
        e.measured = "supernet-inherited+bn-recal";
        workDone += 5;
        return e;
    }

    void addToArchive(ArchiveEntry e) {
        writer->appendArchitecture(e);
        archive.push_back(std::move(e));
    }

    std::vector<Encoding> initialEncodings() const {
        Rng rng(deriveSeed(s.seed, 51));
        std::vector<Encoding> out;
        std::set<Encoding> seen;
        auto add = [&](const Encoding& x) {
            if (seen.insert(x).second) out.push_back(x);
        };
        for (int w = 0; w < space.numWidths(); ++w) {
            Architecture lo = space::smallest(space), hi = space::largest(space);
            lo.widthIndex = hi.widthIndex = w;
            add(space::encode(space, lo));
            add(space::encode(space, hi));
        }
        for (int tries = 0; static_cast<int>(out.size()) < s.initialArchive && tries < 100 * s.initialArchive; ++tries)
            add(space::sampleUniform(space, rng));
        return out;
    }

    void initialArchive() {
        if (state.value("done_initial", false)) return;
        state["stage"] = "initial";
        std::set<Encoding> have;
        for (const auto& e : archive) have.insert(e.encoding);
        const auto todo = initialEncodings();
        int n = 0;
        for (const Encoding& x : todo) {
            ++n;
            if (have.count(x)) continue;
            checkStop();
            addToArchive(measure(x, 0, -1.0));
            progress("initial archive", "architecture " + std::to_string(n) + "/" + std::to_string(todo.size()));
        }
        state["hv_scale"] = objectiveMaxima();
        state["done_initial"] = true;
        emitSnapshot(0, archiveIdsFrom(0), Json(), 0.0);
        saveState("running", "initial archive done");
    }

    std::vector<double> objectiveMaxima() const {
        std::vector<double> mx(s.objectives.size(), 0.0);
        for (const auto& e : archive)
            for (std::size_t m = 0; m < s.objectives.size(); ++m) mx[m] = std::max(mx[m], e.objective(s.objectives[m]));
        return mx;
    }

    std::vector<int> archiveIdsFrom(int iteration) const {
        std::vector<int> ids;
        for (const auto& e : archive)
            if (e.iteration == iteration) ids.push_back(e.id);
        return ids;
    }

    double hypervolume() const {
        const std::vector<double> scale = state.value("hv_scale", std::vector<double>{});
        if (scale.size() != s.objectives.size()) return 0.0;
        moo::Matrix F;
        for (int id : frontOf(archive, s.objectives)) {
            std::vector<double> row;
            for (std::size_t m = 0; m < s.objectives.size(); ++m)
                row.push_back(archive[id].objective(s.objectives[m]) / std::max(1e-12, scale[m]));
            F.appendRow(row);
        }
        return F.empty() ? 0.0 : moo::hypervolume(F, std::vector<double>(s.objectives.size(), 1.01));
    }

    void emitSnapshot(int iteration, std::vector<int> newIds, Json predictor, double seconds) {
        IterationSnapshot snap;
        snap.iteration = iteration;
        snap.archive = archive;
        snap.frontIds = frontOf(archive, s.objectives);
        snap.newIds = std::move(newIds);
        snap.predictor = std::move(predictor);
        snap.hypervolume = hypervolume();
        snap.seconds = seconds;
        writer->appendIteration(snap);
        sink(snap);
    }

    // ---------------------------------------------------------------- NAT iterations
    void iterations();
    void iteration(int k);
    void adapt(int k, const std::vector<Encoding>& top);
    void reevaluate(int k);
    std::vector<Encoding> bestForDistribution() const;

    void begin(bool resume);
};

void NatSearch::Impl::begin(bool resume) {
    space = space::preset(s.space);
    setupDevice();
    openData();
    planWork();
    writer->writeJson("dataset.json", data::summaryToJson(data::summarize(dataset, {0, 64, 0})));
    writer->writeJson("split.json", data::splitToJson(split));
    if (resume && fs::exists(writer->supernetFile(0))) {
        loadNets();
        const RunInfo info = readRun(dir);
        archive = info.archive;
        workDone = 0;
        log("resuming at: " + state.value("phase", std::string("start")) + " (" + std::to_string(archive.size()) +
            " architectures in the archive)");
    } else {
        createNets();
        saveNets(nullptr, -1);
    }
    saveState("running", state.value("phase", std::string("started")));
    warmup();
    initialArchive();
    iterations();
    writer->flushCurves();
    state["stage"] = "done";
    saveState("finished", "finished");
    progress("finished", "", true);
}

void NatSearch::Impl::iterations() {
    for (int k = state.value("completed_iterations", 0) + 1; k <= s.iterations; ++k) {
        checkStop();
        iteration(k);
        state["completed_iterations"] = k;
        saveState("running", "iteration " + std::to_string(k) + " done");
    }
}

std::vector<Encoding> NatSearch::Impl::bestForDistribution() const {
    moo::Matrix F;
    for (const auto& e : archive) {
        std::vector<double> row;
        for (Objective o : s.objectives) row.push_back(e.objective(o));
        F.appendRow(row);
    }
    Rng rng(deriveSeed(s.seed, 61));
    const moo::Matrix dirs = referenceDirectionsFor(static_cast<int>(s.objectives.size()), s.distributionTop);
    std::vector<Encoding> top;
    for (int i : moo::nsga3Survival(F, std::min<int>(s.distributionTop, static_cast<int>(F.rows())), dirs, rng))
        top.push_back(archive[i].encoding);
    return top;
}

void NatSearch::Impl::iteration(int k) {
    const auto t0 = Clock::now();
    const std::string phase = "iteration " + std::to_string(k) + "/" + std::to_string(s.iterations);
    progress(phase, "fitting the accuracy predictor", true);
    SearchProblem problem(space, s.objectives, archive, dataset.numClasses(), dataset.channels(), deriveSeed(s.seed, 200 + k));
    const Json predictorReport = problem.predictorReport();
    log(phase + ": predictor " + predictorReport.value("chosen", std::string("?")) + " — " +
        predictorReport.value("reason", std::string()));
    progress(phase, "NSGA-III on the predictor", true);
    const std::vector<Encoding> chosen = problem.selectCandidates(s.nsgaPopulation, s.nsgaGenerations,
                                                                  s.candidatesPerIteration, stop);
    std::vector<int> newIds;
    for (const Encoding& x : chosen) {
        checkStop();
        progress(phase, "evaluating candidate " + std::to_string(newIds.size() + 1) + "/" + std::to_string(chosen.size()));
        ArchiveEntry e = measure(x, k, problem.predictError(x));
        newIds.push_back(e.id);
        addToArchive(std::move(e));
    }
    Json report = predictorReport;
    report["candidates"] = problem.lastCandidateCount();
    std::vector<double> pred, real;
    for (int id : newIds) {
        pred.push_back(archive[id].predictedError);
        real.push_back(archive[id].error);
    }
    report["on_new"] = SearchProblem::rankAgreement(pred, real);
    adapt(k, bestForDistribution());
    if (s.reevaluateArchive) reevaluate(k);
    saveNets(nullptr, -1);
    emitSnapshot(k, newIds, report, std::chrono::duration<double>(Clock::now() - t0).count());
}

void NatSearch::Impl::adapt(int k, const std::vector<Encoding>& top) {
    const std::int64_t perIteration = std::llround(s.adaptEpochs * batchesPerEpoch);
    if (perIteration == 0) return;
    for (int w = 0; w < space.numWidths(); ++w) {
        // One cosine schedule over the whole search (NAT-REFERENCE.md §4 step 6): this trainer starts
        // at the step the previous iterations reached.
        supernet::SupernetTrainer trainer(nets[w], trainConfig(false, perIteration * s.iterations, s.adaptLearningRate),
                                          deriveSeed(s.seed, 300 + 10 * k + w));
        trainer.setSampler(std::make_shared<supernet::DistributionSampler>(
            supernet::DistributionSampler::fromEncodings(space, w, top)));
        const std::string stage = "adapt-" + std::to_string(k) + "-w" + std::to_string(w);
        if (state.value("stage", "") == stage) supernet::loadTrainerState(writer->supernetFile(w), trainer);
        else trainer.skipTo(perIteration * (k - 1));
        state["stage"] = stage;
        trainUntil(trainer, w, perIteration * k, "adapt");
    }
}

void NatSearch::Impl::reevaluate(int k) {
    const std::string phase = "iteration " + std::to_string(k) + "/" + std::to_string(s.iterations);
    std::set<int> only;
    if (s.reevaluateFrontOnly)
        for (int id : frontOf(archive, s.objectives)) only.insert(id);
    for (auto& e : archive) {
        if (s.reevaluateFrontOnly && !only.count(e.id)) continue;
        checkStop();
        const Architecture a = space::decode(space, e.encoding);
        e.error = evaluator->validationError(*nets[a.widthIndex], a, stop);
        writer->appendUpdate(e.id, e.error);
        workDone += 5;
        progress(phase, "re-evaluating the archive: " + std::to_string(e.id + 1) + "/" + std::to_string(archive.size()));
    }
}

NatSearch::NatSearch(fs::path runDir, EventSink sink, std::stop_token stop) : m_impl(std::make_unique<Impl>()) {
    m_impl->dir = std::move(runDir);
    m_impl->sink = std::move(sink);
    m_impl->stop = stop;
}

NatSearch::~NatSearch() = default;

namespace {
Json versionsJson() {
    return {{"nat", NAT_VERSION_STRING}, {"libtorch", TORCH_VERSION}};
}
}  // namespace

void NatSearch::start(const SearchSettings& settings) {
    settings.validate();
    space::preset(settings.space);  // unknown preset: fail before touching the folder
    if (fs::exists(m_impl->dir / "settings.json"))
        throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " already holds a run; use 'nat resume' or choose another folder");
    if (fs::exists(m_impl->dir) && !fs::is_empty(m_impl->dir))
        throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " is not empty; choose a new or empty folder");
    m_impl->s = settings;
    m_impl->writer = std::make_unique<RunWriter>(m_impl->dir);
    m_impl->writer->writeSettings(settings, versionsJson());
    m_impl->begin(false);
}

void NatSearch::resume() {
    const RunInfo info = readRun(m_impl->dir);
    if (info.status == "finished") throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " is already finished");
    m_impl->s = info.settings;
    m_impl->writer = std::make_unique<RunWriter>(m_impl->dir);
    m_impl->writer->repairJournals();
    // A search killed before it first wrote state.json (while opening the dataset) starts over.
    m_impl->state = fs::exists(m_impl->dir / "state.json") ? readJsonFile(m_impl->dir / "state.json") : Json::object();
    m_impl->begin(true);
}

}  // namespace nat::engine
