#include "engine/nat_search.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "base/file_io.h"
#include "base/file_safety.h"
#include "base/rng.h"
#include "data/loader.h"
#include "engine/evaluator.h"
#include "engine/run_checkpoints.h"
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
#include "supernet/collective.h"
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
    /// Re-evaluations found in the journal for iterations the resumed run repeats: (iteration, id) → error.
    std::map<std::pair<int, int>, double> journalUpdates;
    int lastLoggedIteration = -1;  ///< highest iteration already in iterations.jsonl
    Json state = Json::object();
    torch::Device device{torch::kCPU};
    Clock::time_point started = Clock::now();
    Clock::time_point lastProgress{};
    double workDone = 0, workTotal = 1;
    double workAtStart = 0;         ///< work already done when this process started (resume)
    std::size_t journalUpdateCount = 0;  ///< re-evaluations found in the journal on resume
    std::int64_t batchesPerEpoch = 1;
    std::shared_ptr<supernet::Collective> coll;  ///< null: one process

    int rank() const { return coll ? coll->rank() : 0; }
    int world() const { return coll ? coll->worldSize() : 1; }
    bool lead() const { return rank() == 0; }

    // ---------------------------------------------------------------- events
    void log(const std::string& text, LogEvent::Level level = LogEvent::Level::Info) { sink(LogEvent{level, text}); }

    void progress(const std::string& phase, const std::string& detail, bool force = false) {
        const auto now = Clock::now();
        if (!force && now - lastProgress < std::chrono::milliseconds(100)) return;
        lastProgress = now;
        const double f = std::clamp(workDone / workTotal, 0.0, 1.0);
        const double elapsed = std::chrono::duration<double>(now - started).count();
        // The rate is that of this process: a resumed run does not count the work it found done.
        const double doneHere = workDone - workAtStart;
        const double eta = doneHere > 0.01 * workTotal ? elapsed * std::max(0.0, workTotal - workDone) / doneHere : -1.0;
        sink(ProgressEvent{phase, f, eta, detail});
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

    // Saves every width's supernet (the file it replaces kept as .prev) numbered and with the run
    // state it belongs to, then that state: a resume can always match weights and state
    // (docs/checkpoints.md).
    void checkpoint(const supernet::SupernetTrainer* trainer, int trainerWidth, const std::string& phase) {
        const std::uint64_t seq = state.value("checkpoint_seq", std::uint64_t{0}) + 1;
        state["checkpoint_seq"] = seq;
        state["status"] = "running";
        state["phase"] = phase;
        state["nat_version"] = NAT_VERSION_STRING;
        state["curves_bytes"] = writer->curvesSize();
        for (int w = 0; w < space.numWidths() && lead(); ++w) {  // rank 0 alone owns the run folder
            keepPreviousVersion(writer->supernetFile(w), writer->previousSupernetFile(w));
            supernet::saveSupernet(writer->supernetFile(w), nets[w], w == trainerWidth ? trainer : nullptr,
                                   {{"stage", state.value("stage", "")}, {"seq", seq}, {"state", state}});
        }
        writer->writeState(state);
    }

    bool restoreCheckpoint();
    void loadJournal();

    // Every rank starts from rank 0's weights and BN statistics (same seed gives the same
    // initialisation anyway; this also covers --init-supernet and resume on nodes whose files differ).
    void broadcastNets() {
        if (!coll) return;
        torch::NoGradGuard ng;
        for (auto& net : nets) {
            std::vector<torch::Tensor> tensors;
            for (auto& p : net->parameters()) tensors.push_back(p.data());
            for (auto& b : net->buffers()) tensors.push_back(b);
            coll->broadcast(tensors, 0);
        }
    }

    std::vector<Encoding> broadcastEncodings(std::vector<Encoding> xs) {
        if (!coll) return xs;
        const auto opts = torch::TensorOptions().dtype(torch::kLong).device(device);
        const std::int64_t len = xs.empty() ? 0 : static_cast<std::int64_t>(xs.front().size());
        std::vector<torch::Tensor> shape{torch::tensor({static_cast<std::int64_t>(xs.size()), len}, opts)};
        coll->broadcast(shape, 0);
        const torch::Tensor sh = shape[0].cpu();
        const std::int64_t n = sh[0].item<std::int64_t>(), m = sh[1].item<std::int64_t>();
        torch::Tensor flat = torch::zeros({n * m}, torch::kLong);
        if (lead()) {
            auto* dst = flat.data_ptr<std::int64_t>();
            for (std::int64_t i = 0; i < n; ++i)
                for (std::int64_t j = 0; j < m; ++j) dst[i * m + j] = xs[i][j];
        }
        std::vector<torch::Tensor> data{flat.to(device)};
        if (n * m > 0) coll->broadcast(data, 0);
        const torch::Tensor got = data[0].cpu();
        const auto* v = got.data_ptr<std::int64_t>();
        std::vector<Encoding> out(n, Encoding(m));
        for (std::int64_t i = 0; i < n; ++i)
            for (std::int64_t j = 0; j < m; ++j) out[i][j] = static_cast<int>(v[i * m + j]);
        return out;
    }

    // Ranks agree that set-up worked: a rank whose checks failed rethrows its own error, the others
    // stop with a pointer to it instead of waiting in the next collective.
    void agree(const std::exception_ptr& failure) {
        if (!coll) {
            if (failure) std::rethrow_exception(failure);
            return;
        }
        std::vector<torch::Tensor> flag{torch::full({1}, failure ? 1.0 : 0.0, torch::TensorOptions().dtype(torch::kDouble).device(device))};
        coll->allReduceSum(flag);
        if (failure) std::rethrow_exception(failure);
        if (flag[0].item<double>() > 0)
            throw Error(ErrorCode::InvalidArgument, "another rank of the distributed run could not start (see rank 0's message)");
    }

    // Progress and ETA count work in units of one training step of the largest subnet alone (a
    // sampled step costs sampledStepCost(s) of those); an evaluation (BN recalibration + validation)
    // costs about five steps.
    static constexpr double kEvalCost = 5.0;
    double stepCost(bool largestOnly) const { return largestOnly ? 1.0 : sampledStepCost(s); }
    // Warm-up steps of one width (the same rounding as warmup()).
    std::int64_t phaseSteps(double epochs) const { return std::llround(epochs * batchesPerEpoch); }

    void planWork() {
        const SearchWork w = plannedWork(s, static_cast<double>(batchesPerEpoch), space.numWidths());
        workTotal = std::max(1.0, w.largestSteps + w.sampledSteps * stepCost(false) + kEvalCost * w.evaluations);
    }

    // The work a resumed run finds done: its training steps (phases run in order: per width the
    // largest alone, then sampled; then adaptation) and every measurement in the journal.
    double completedWork() const {
        double steps = static_cast<double>(state.value("global_step", 0LL));
        double work = 0;
        for (int w = 0; w < space.numWidths() && steps > 0; ++w) {
            const double largest = std::min(steps, static_cast<double>(phaseSteps(s.warmupLargestEpochs)));
            steps -= largest;
            const double sampled = std::min(steps, static_cast<double>(phaseSteps(s.warmupSampledEpochs)));
            steps -= sampled;
            work += largest * stepCost(true) + sampled * stepCost(false);
        }
        work += steps * stepCost(false);
        return work + kEvalCost * static_cast<double>(archive.size() + journalUpdateCount);
    }

    // ---------------------------------------------------------------- training
    supernet::TrainConfig trainConfig(bool largestOnly, std::int64_t totalSteps, double lr) const {
        return phaseTrainConfig(s, largestOnly, totalSteps, lr, device.is_cpu());
    }

    // Runs `trainer` until it has made `untilStep` steps, epoch by epoch, checkpointing at epoch ends.
    void trainUntil(supernet::SupernetTrainer& trainer, int width, std::int64_t untilStep, const std::string& phase) {
        const double cost = stepCost(phase == "warmup-largest");
        while (trainer.stepCount() < untilStep) {
            checkStop();
            const int epoch = state.value("epoch", 0);
            data::LoaderOptions lo = phaseLoaderOptions(s, dataset, stats, deriveSeed(s.seed, 21), epoch, device.is_cpu());
            lo.shardIndex = rank();
            lo.shardCount = world();
            data::Loader loader(dataset.train, split.train, lo, stop);
            while (trainer.stepCount() < untilStep) {
                std::optional<data::Batch> b = loader.next();
                if (!b) break;
                const supernet::StepStats st = trainer.step(b->images, b->labels);
                workDone += cost;
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
            checkpoint(&trainer, width, phase);
        }
    }

    void warmup() {
        const std::int64_t largestSteps = phaseSteps(s.warmupLargestEpochs);
        const std::int64_t sampledSteps = phaseSteps(s.warmupSampledEpochs);
        for (int w = 0; w < space.numWidths(); ++w) {
            for (const bool largestOnly : {true, false}) {
                const std::string stage = std::string(largestOnly ? "warmup-largest" : "warmup-sampled") + "-w" + std::to_string(w);
                const std::int64_t steps = largestOnly ? largestSteps : sampledSteps;
                if (state.value("done_" + stage, false) || steps == 0) continue;
                supernet::SupernetTrainer trainer(nets[w], trainConfig(largestOnly, steps, s.warmupRateFor(largestOnly)),
                                                  deriveSeed(s.seed, largestOnly ? 31 + w : 41 + w), coll);
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
    // Cost figures of an architecture (cheap, computed on every rank); error and latency come from
    // measureShared().
    ArchiveEntry describe(const Encoding& x, int id, int iteration, double predicted) const {
        const Architecture a = space::decode(space, x);
        ArchiveEntry e;
        e.id = id;
        e.encoding = x;
        e.subnet = space::toSubnetJson(space, a);
        e.iteration = iteration;
        e.predictedError = predicted;
        const space::CostReport c = space::computeCost(space, a, {dataset.numClasses(), dataset.channels()});
        e.madds = static_cast<double>(c.madds);
        e.macs = static_cast<double>(c.macs);
        e.params = static_cast<double>(c.params);
        e.measured = "supernet-inherited+bn-recal";
        return e;
    }

    bool wants(Objective o) const { return std::find(s.objectives.begin(), s.objectives.end(), o) != s.objectives.end(); }
    bool wantsLatency() const { return wants(Objective::CpuLatency) || wants(Objective::GpuLatency); }

    // Validation error (and the latencies that are objectives) of each architecture, sharded over
    // the ranks (architecture i on rank i mod W) and gathered with one all-reduce: every rank
    // returns all values. One extraction and BN recalibration per architecture. `onEach` runs after
    // each local measurement (progress).
    std::vector<Evaluator::Measurement> measureShared(const std::vector<Encoding>& xs, bool latency,
                                                      const std::function<void(std::size_t)>& onEach) {
        const auto n = static_cast<std::int64_t>(xs.size());
        const bool cpuMs = latency && wants(Objective::CpuLatency), gpuMs = latency && wants(Objective::GpuLatency);
        // Unmeasured slots stay 0 so that the sum over ranks holds each value once.
        torch::Tensor values = torch::zeros({3 * std::max<std::int64_t>(n, 1)}, torch::kDouble);
        for (std::int64_t i = rank(); i < n; i += world()) {
            checkStop();
            const Architecture a = space::decode(space, xs[i]);
            const Evaluator::Measurement m = evaluator->measure(*nets[a.widthIndex], a, cpuMs, gpuMs, stop);
            values[3 * i] = m.error;
            values[3 * i + 1] = m.cpuMs;
            values[3 * i + 2] = m.gpuMs;
            onEach(static_cast<std::size_t>(i));
        }
        if (coll) {
            std::vector<torch::Tensor> t{values.to(device)};
            coll->allReduceSum(t);
            values = t[0].cpu();
        }
        workDone += kEvalCost * static_cast<double>(n);
        std::vector<Evaluator::Measurement> out(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) {
            out[i].error = values[3 * i].item<double>();
            out[i].cpuMs = cpuMs ? values[3 * i + 1].item<double>() : -1.0;
            out[i].gpuMs = gpuMs ? values[3 * i + 2].item<double>() : -1.0;
        }
        return out;
    }

    // Measures `xs` (in rounds of one architecture per rank, so a cancelled run keeps what was
    // measured) and appends them to the archive in order.
    void measureAndAdd(const std::vector<Encoding>& xs, int iteration, const std::vector<double>& predicted,
                       const std::function<void(std::size_t)>& onEach) {
        const std::size_t round = static_cast<std::size_t>(world());
        for (std::size_t begin = 0; begin < xs.size(); begin += round) {
            const std::vector<Encoding> part(xs.begin() + static_cast<std::ptrdiff_t>(begin),
                                             xs.begin() + static_cast<std::ptrdiff_t>(std::min(xs.size(), begin + round)));
            const auto measured = measureShared(part, wantsLatency(), [&](std::size_t i) { onEach(begin + i); });
            for (std::size_t i = 0; i < part.size(); ++i) {
                ArchiveEntry e = describe(part[i], static_cast<int>(archive.size()), iteration,
                                          predicted.empty() ? -1.0 : predicted[begin + i]);
                e.error = measured[i].error;
                e.cpuMs = measured[i].cpuMs;
                e.gpuMs = measured[i].gpuMs;
                addToArchive(std::move(e));
            }
        }
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
        const auto all = initialEncodings();
        std::vector<Encoding> todo;
        for (const Encoding& x : all)
            if (!have.count(x)) todo.push_back(x);
        const std::size_t done = all.size() - todo.size();
        measureAndAdd(todo, 0, {}, [&](std::size_t i) {
            progress("initial archive", "architecture " + std::to_string(done + i + 1) + "/" + std::to_string(all.size()));
        });
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
        // A repeated step (after a resume) does not log its iteration twice.
        if (iteration > lastLoggedIteration) writer->appendIteration(snap);
        lastLoggedIteration = std::max(lastLoggedIteration, iteration);
        sink(snap);
    }

    // ---------------------------------------------------------------- NAT iterations
    void iterations();
    void iteration(int k);
    void adapt(int k, const std::vector<Encoding>& top);
    void reevaluate(int k);
    std::vector<Encoding> bestForDistribution() const;

    void begin(bool resume);
    void run(bool resume);
};

void NatSearch::Impl::begin(bool resume) {
    try {
        run(resume);
    } catch (const Error& e) {
        // Disk full or an I/O error: every file is whole (atomic writes, journals cut back to whole
        // lines) and the last checkpoint is intact, so say that the run can go on.
        if (e.code() != ErrorCode::Io) throw;
        throw Error(ErrorCode::Io, std::string(e.what()) + "; the run is saved up to its last checkpoint and can be resumed once this is fixed");
    }
}

void NatSearch::Impl::run(bool resume) {
    space = space::preset(s.space);
    setupDevice();
    if (s.batchSize < world())
        throw Error(ErrorCode::InvalidArgument, "batch size " + std::to_string(s.batchSize) + " is smaller than the " +
                                                    std::to_string(world()) + " processes of the distributed run");
    if (coll) log("distributed: rank " + std::to_string(rank()) + " of " + std::to_string(world()) + " (" + coll->backend() + ")");
    openData();
    planWork();
    writer->writeJson("dataset.json", data::summaryToJson(data::summarize(dataset, {0, 64, 0})));
    writer->writeJson("split.json", data::splitToJson(split));
    if (resume && restoreCheckpoint()) {
        broadcastNets();
    } else {
        createNets();
        broadcastNets();
        checkpoint(nullptr, -1, "started");
    }
    saveState("running", state.value("phase", std::string("started")));
    warmup();
    initialArchive();
    iterations();
    writer->flushCurves();
    state["stage"] = "done";
    saveState("finished", "finished");
    workDone = workTotal;  // the plan is an estimate: the finished job is complete whatever it said
    progress("finished", "", true);
}

// Resume: picks the newest intact checkpoint set, falls back to the kept previous one when the newest
// is damaged, and makes the run state match the weights (docs/checkpoints.md). False when the run
// has no checkpoint yet (killed during set-up).
bool NatSearch::Impl::restoreCheckpoint() {
    if (!hasCheckpoint(*writer)) return false;
    std::vector<supernet::SupernetConfig> configs;
    for (int w = 0; w < space.numWidths(); ++w) configs.push_back(netConfig(w));
    CheckpointSet set = loadNewestCheckpoints(*writer, configs);
    const std::string savedAt = set.state.is_object() ? set.state.value("phase", std::string("?")) : std::string("?");
    for (int w = 0; w < space.numWidths() && lead(); ++w) {
        if (!set.fromPrevious[w]) continue;
        const fs::path cur = writer->supernetFile(w), prev = writer->previousSupernetFile(w);
        std::error_code ec;
        if (fs::exists(cur, ec)) {
            fs::path kept = cur;
            kept += ".damaged";
            fs::rename(cur, kept, ec);
        }
        // The kept file becomes the current one again, so the next save keeps it as .prev.
        writeFileAtomic(cur, readTextFile(prev));
    }
    if (std::find(set.fromPrevious.begin(), set.fromPrevious.end(), true) != set.fromPrevious.end()) {
        std::string why;
        for (const auto& p : set.problems) why += (why.empty() ? "" : "; ") + p;
        log("the newest supernet checkpoint cannot be used (" + why + "); resuming from the previous one, saved at '" +
                savedAt + "' (the unusable file is kept as *.natsn.damaged)",
            LogEvent::Level::Warning);
    }
    for (int w = 0; w < space.numWidths(); ++w) {
        nets.push_back(set.nets[w]);
        nets.back()->to(device);
    }
    // The state saved with the weights wins when state.json belongs to another save: a crash between
    // writing the checkpoint and state.json (it is newer) or a fallback (it is older; the steps
    // since are repeated, reusing the journal's results).
    const std::uint64_t stateSeq = state.value("checkpoint_seq", std::uint64_t{0});
    if (set.seq != stateSeq && set.state.is_object()) {
        if (set.seq < stateSeq)
            log("going back to '" + savedAt + "' to match the weights; work since then is repeated");
        state = set.state;
    }
    if (lead()) writer->truncateCurves(state.value("curves_bytes", writer->curvesSize()));
    loadJournal();
    workDone = workAtStart = completedWork();
    log("resuming at: " + state.value("phase", std::string("start")) + " (" + std::to_string(archive.size()) +
        " architectures in the archive)");
    return true;
}

// The archive as the resumed step needs it: every measured architecture (ids stay stable), with the
// re-evaluations of completed iterations applied; those of iterations that will be repeated are kept
// aside in journalUpdates and reused instead of measured again.
void NatSearch::Impl::loadJournal() {
    archive.clear();
    journalUpdates.clear();
    journalUpdateCount = 0;
    const int completed = state.value("completed_iterations", 0);
    const fs::path file = dir / "journal.jsonl";
    if (fs::exists(file)) {
        for (const std::string& line : readJournalLines(file)) {
            const Json j = parseJson(line, quoted(file));
            const std::string type = j.value("type", std::string("arch"));
            if (type == "arch") {
                ArchiveEntry e = ArchiveEntry::fromJson(j);
                if (e.id != static_cast<int>(archive.size()))
                    throw Error(ErrorCode::Corrupt, quoted(file) + ": architecture ids are not consecutive at id " + std::to_string(e.id));
                archive.push_back(std::move(e));
            } else if (type == "update") {
                const int id = requireInt(j, "id", quoted(file));
                const int it = j.value("iteration", 0);
                if (id < 0 || id >= static_cast<int>(archive.size())) continue;
                ++journalUpdateCount;
                if (it > completed) journalUpdates[{it, id}] = requireNumber(j, "err", quoted(file));
                else archive[id].error = requireNumber(j, "err", quoted(file));
            }
        }
    }
    lastLoggedIteration = -1;
    if (fs::exists(dir / "iterations.jsonl"))
        for (const std::string& line : readJournalLines(dir / "iterations.jsonl")) {
            const Json j = Json::parse(line, nullptr, false);
            if (j.is_object()) lastLoggedIteration = std::max(lastLoggedIteration, j.value("iteration", -1));
        }
}

void NatSearch::Impl::iterations() {
    for (int k = state.value("completed_iterations", 0) + 1; k <= s.iterations; ++k) {
        checkStop();
        iteration(k);
        state["completed_iterations"] = k;
        checkpoint(nullptr, -1, "iteration " + std::to_string(k) + " done");
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
    // The predictor sees the archive as it was when iteration k began. After a resume the archive may
    // already hold candidates this iteration measured before the interruption: they are reused below.
    std::vector<ArchiveEntry> before;
    for (const auto& e : archive)
        if (e.iteration < k) before.push_back(e);
    SearchProblem problem(space, s.objectives, before, dataset.numClasses(), dataset.channels(), deriveSeed(s.seed, 200 + k));
    const Json predictorReport = problem.predictorReport();
    log(phase + ": predictor " + predictorReport.value("chosen", std::string("?")) + " — " +
        predictorReport.value("reason", std::string()));
    progress(phase, "NSGA-III on the predictor", true);
    // Rank 0's choice is everyone's: the ranks then measure disjoint shares of the same candidates.
    const std::vector<Encoding> chosen = broadcastEncodings(
        problem.selectCandidates(s.nsgaPopulation, s.nsgaGenerations, s.candidatesPerIteration, stop));
    // After a resume, candidates this iteration measured before the interruption are reused.
    std::vector<Encoding> todo;
    std::vector<double> predicted;
    for (const Encoding& x : chosen) {
        const bool done = std::any_of(archive.begin(), archive.end(),
                                      [&](const ArchiveEntry& e) { return e.iteration == k && e.encoding == x; });
        if (done) continue;
        todo.push_back(x);
        predicted.push_back(problem.predictError(x));
    }
    measureAndAdd(todo, k, predicted, [&](std::size_t i) {
        progress(phase, "evaluating candidate " + std::to_string(i + 1) + "/" + std::to_string(todo.size()));
    });
    std::vector<int> newIds;
    for (const Encoding& x : chosen) {
        const auto it = std::find_if(archive.begin(), archive.end(),
                                     [&](const ArchiveEntry& e) { return e.iteration == k && e.encoding == x; });
        if (it != archive.end()) newIds.push_back(it->id);
    }
    Json report = predictorReport;
    report["candidates"] = problem.lastCandidateCount();
    std::vector<double> pred, real;
    for (int id : newIds) {
        pred.push_back(archive[id].predictedError);
        real.push_back(archive[id].error);
    }
    report["on_new"] = SearchProblem::rankAgreement(pred, real);
    adapt(k, broadcastEncodings(bestForDistribution()));
    if (s.reevaluateArchive) reevaluate(k);
    emitSnapshot(k, newIds, report, std::chrono::duration<double>(Clock::now() - t0).count());
}

void NatSearch::Impl::adapt(int k, const std::vector<Encoding>& top) {
    const std::int64_t perIteration = std::llround(s.adaptEpochs * batchesPerEpoch);
    if (perIteration == 0) return;
    for (int w = 0; w < space.numWidths(); ++w) {
        // One cosine schedule over the whole search (NAT-REFERENCE.md §4 step 6): this trainer starts
        // at the step the previous iterations reached.
        supernet::SupernetTrainer trainer(nets[w], trainConfig(false, perIteration * s.iterations, s.adaptLearningRate),
                                          deriveSeed(s.seed, 300 + 10 * k + w), coll);
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
    // NAT re-evaluates the whole archive; with reevaluate_front_only just its front (cheaper; dominated
    // entries keep their last measurement). Re-evaluations this iteration made before an interruption
    // (same weights) are reused from the journal.
    std::vector<std::size_t> todo;
    std::set<int> front;
    if (s.reevaluateFrontOnly)
        for (int id : frontOf(archive, s.objectives)) front.insert(id);
    for (std::size_t i = 0; i < archive.size(); ++i) {
        if (s.reevaluateFrontOnly && !front.count(archive[i].id)) continue;
        if (const auto done = journalUpdates.find({k, archive[i].id}); done != journalUpdates.end()) {
            archive[i].error = done->second;
            continue;
        }
        todo.push_back(i);
    }
    const std::size_t round = static_cast<std::size_t>(world());
    for (std::size_t begin = 0; begin < todo.size(); begin += round) {
        std::vector<Encoding> part;
        for (std::size_t i = begin; i < std::min(todo.size(), begin + round); ++i) part.push_back(archive[todo[i]].encoding);
        const auto measured = measureShared(part, false, [&](std::size_t i) {
            progress(phase, "re-evaluating the archive: " + std::to_string(begin + i + 1) + "/" + std::to_string(todo.size()));
        });
        for (std::size_t i = 0; i < part.size(); ++i) {
            ArchiveEntry& e = archive[todo[begin + i]];
            e.error = measured[i].error;
            writer->appendUpdate(e.id, e.error, k);
        }
    }
}

NatSearch::NatSearch(fs::path runDir, EventSink sink, std::stop_token stop, std::shared_ptr<supernet::Collective> collective)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->coll = std::move(collective);
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
    std::exception_ptr failure;
    try {
        settings.validate();
        space::preset(settings.space);  // unknown preset: fail before touching the folder
        // Only rank 0 owns the folder: on a shared file system the others would see its first files.
        if (m_impl->lead()) {
            if (fs::exists(m_impl->dir / "settings.json"))
                throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " already holds a run; use 'nat resume' or choose another folder");
            if (fs::exists(m_impl->dir) && !fs::is_empty(m_impl->dir))
                throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " is not empty; choose a new or empty folder");
        }
    } catch (...) {
        failure = std::current_exception();
    }
    m_impl->agree(failure);
    m_impl->s = settings;
    m_impl->writer = std::make_unique<RunWriter>(m_impl->dir, m_impl->lead());
    m_impl->writer->writeSettings(settings, versionsJson());
    m_impl->begin(false);
}

void NatSearch::resume() {
    std::exception_ptr failure;
    RunInfo info;
    try {
        info = readRun(m_impl->dir);
        if (info.status == "finished") throw Error(ErrorCode::InvalidArgument, quoted(m_impl->dir) + " is already finished");
        // A process killed before its first state was written leaves none: start from scratch then.
        m_impl->state = fs::exists(m_impl->dir / "state.json") ? readJsonFile(m_impl->dir / "state.json") : Json::object();
    } catch (...) {
        failure = std::current_exception();
    }
    m_impl->agree(failure);
    m_impl->s = info.settings;
    m_impl->writer = std::make_unique<RunWriter>(m_impl->dir, m_impl->lead());
    m_impl->writer->repairJournals();
    m_impl->begin(true);
}

}  // namespace nat::engine
