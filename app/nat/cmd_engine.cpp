// nat search | resume | status | front | eval | pick — the NAT engine from the command line.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/error.h"
#include "base/file_io.h"
#include "cli_util.h"
#include "engine_console.h"
#include "engine/job_runner.h"
#include "engine/run_check.h"
#include "engine/run_store.h"
#include "engine/scratch.h"
#include "moo/decision.h"

#ifdef NAT_CLI_HAS_DISTRIBUTED
#include "distributed/launch_environment.h"
#endif

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using namespace nat::engine;

std::atomic<int> g_interrupts{0};
extern "C" void onInterrupt(int) { g_interrupts.fetch_add(1); }

// Runs one job, printing its events on this thread; Ctrl-C cancels (the run stays resumable).
class JobConsole {
public:
    /// `rank` > 0 (a non-zero rank of a distributed run): only the outcome is printed, prefixed.
    explicit JobConsole(int rank = 0)
        : m_runner([this](const Event& e) { push(e); }), m_tty(::isatty(STDERR_FILENO) && io().err == &std::cerr && rank == 0),
          m_rank(rank) {}

    template <class Start>
    int run(Start start) {
        g_interrupts = 0;
        auto previous = std::signal(SIGINT, onInterrupt);
        try {
            start(m_runner);  // bad input throws here, before any job starts
        } catch (...) {
            std::signal(SIGINT, previous);
            throw;
        }
        int status = 1;
        for (bool done = false; !done;) {
            std::unique_lock lock(m_mutex);
            m_cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return !m_queue.empty(); });
            if (g_interrupts > 0 && !m_cancelSent) {
                m_cancelSent = true;
                m_runner.cancel();
                *io().err << "\nnat: cancelling (the run is saved and can be resumed)...\n";
            }
            while (!m_queue.empty()) {
                Event e = std::move(m_queue.front());
                m_queue.pop_front();
                lock.unlock();
                done |= print(e, status);
                lock.lock();
            }
        }
        m_runner.wait();
        std::signal(SIGINT, previous);
        return status;
    }

    std::optional<EvaluationResult> evaluation;

private:
    void push(const Event& e) {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(e);
        m_cv.notify_one();
    }

    bool print(const Event& e, int& status) {
        std::ostream& err = *io().err;
        if (m_rank > 0) return printOutcomeOnly(e, status);
        if (const auto* p = std::get_if<ProgressEvent>(&e)) {
            std::ostringstream line;
            line << "[" << std::setw(3) << static_cast<int>(p->fraction * 100) << "%] " << p->phase;
            if (!p->detail.empty()) line << ": " << p->detail;
            if (p->etaSeconds >= 0) line << "  (ETA " << static_cast<long>(p->etaSeconds / 60) << " min " << static_cast<long>(p->etaSeconds) % 60 << " s)";
            if (m_tty) err << "\r\033[K" << line.str() << std::flush;
            else if (p->phase != m_lastPhase || std::chrono::steady_clock::now() - m_lastLine >= std::chrono::seconds(30)) {
                // Logs (not a terminal): every new phase, and a heartbeat at most every 30 s within one.
                err << line.str() << "\n";
                m_lastLine = std::chrono::steady_clock::now();
            }
            m_lastPhase = p->phase;
        } else if (const auto* l = std::get_if<LogEvent>(&e)) {
            err << (m_tty ? "\r\033[K" : "") << (l->level == LogEvent::Level::Warning ? "warning: " : "") << l->text << "\n";
        } else if (const auto* s = std::get_if<IterationSnapshot>(&e)) {
            double best = 1.0;
            for (int id : s->frontIds) best = std::min(best, s->archive[id].error);
            err << (m_tty ? "\r\033[K" : "") << "iteration " << s->iteration << ": archive " << s->archive.size()
                << ", front " << s->frontIds.size() << ", best val top-1 " << std::fixed << std::setprecision(2)
                << (1.0 - best) * 100 << " %, hypervolume " << std::setprecision(4) << s->hypervolume << "\n";
            err.unsetf(std::ios::floatfield);
        } else if (const auto* r = std::get_if<EvaluationResult>(&e)) {
            evaluation = *r;
        } else if (const auto* f = std::get_if<JobFinished>(&e)) {
            if (m_tty) err << "\r\033[K";
            if (f->status == JobFinished::Status::Succeeded) {
                *io().out << f->message << "\n";
                status = 0;
            } else if (f->status == JobFinished::Status::Cancelled) {
                err << "nat: " << f->message << "\n";
                status = 130;
            } else {
                err << "nat: error: " << f->message << "\n";
                status = 1;
            }
            return true;
        }
        return false;
    }

    bool printOutcomeOnly(const Event& e, int& status) {
        const auto* f = std::get_if<JobFinished>(&e);
        if (!f) return false;
        status = f->status == JobFinished::Status::Succeeded ? 0 : f->status == JobFinished::Status::Cancelled ? 130 : 1;
        if (status != 0) *io().err << "nat: error: rank " << m_rank << ": " << f->message << "\n";
        return true;
    }

public:
    JobRunner& runner() { return m_runner; }

private:
    JobRunner m_runner;
    bool m_tty;
    int m_rank = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Event> m_queue;
    bool m_cancelSent = false;
    std::string m_lastPhase;
    std::chrono::steady_clock::time_point m_lastLine{};
};

}  // namespace

int runEngineJob(const std::function<void(JobRunner&)>& start, std::optional<EvaluationResult>* evaluation) {
    JobConsole console;
    const int rc = console.run([&](JobRunner& r) { start(r); });
    if (evaluation) *evaluation = console.evaluation;
    return rc;
}

void runInterruptible(const std::function<void(std::stop_token)>& work) {
    g_interrupts = 0;
    auto previous = std::signal(SIGINT, onInterrupt);
    std::exception_ptr error;
    std::atomic<bool> finished{false};
    {
        std::jthread worker([&](std::stop_token stop) {
            try {
                work(stop);
            } catch (...) {
                error = std::current_exception();
            }
            finished = true;
        });
        bool cancelSent = false;
        while (!finished) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (g_interrupts > 0 && !cancelSent) {
                cancelSent = true;
                worker.request_stop();
                *io().err << "\nnat: cancelling...\n";
            }
        }
    }
    std::signal(SIGINT, previous);
    if (error) std::rethrow_exception(error);
}

namespace {

struct SearchOpts {
    std::string dataset = "fashion-mnist", preset = "quick", objectives = "err,madds", out, device = "cpu", init;
    std::string space;
    std::uint64_t seed = 1;
    int threads = 0, iterations = -1;
    std::vector<std::string> sets;
    bool distributed = false;
};

struct Joined {
    std::shared_ptr<supernet::Collective> collective;  ///< null: one process
    int rank = 0;
};

// --distributed: join the job described by torchrun's environment before the search starts.
Joined joinDistributed(bool distributed, const std::string& device, int& threads) {
    if (!distributed) return {};
#ifdef NAT_CLI_HAS_DISTRIBUTED
    const dist::LaunchEnvironment env = dist::LaunchEnvironment::fromEnvironment();
    // Several ranks on one machine share its cores (torchrun sets LOCAL_WORLD_SIZE).
    if (threads == 0)
        if (const char* local = std::getenv("LOCAL_WORLD_SIZE"); local && std::atoi(local) > 1)
            threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / std::atoi(local));
    return {dist::joinProcessGroup(env, device), env.rank};
#else
    (void)device;
    (void)threads;
    throw Error(ErrorCode::Unsupported, "this nat was built without distributed training");
#endif
}

// --set key=value overrides any setting (value parsed as JSON, else taken as a string).
SearchSettings buildSettings(const SearchOpts& o) {
    SearchSettings s = presetSettings(o.preset);
    s.dataset = o.dataset;
    s.objectives = parseObjectives(o.objectives);
    s.device = o.device;
    s.seed = o.seed;
    s.threads = o.threads;
    s.initSupernet = o.init;
    if (!o.space.empty()) s.space = o.space;
    if (o.iterations >= 0) s.iterations = o.iterations;
    Json j = s.toJson();
    for (const std::string& kv : o.sets) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos) throw Error(ErrorCode::InvalidArgument, "--set needs KEY=VALUE, got '" + kv + "'");
        const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
        if (!j.contains(key)) throw Error(ErrorCode::InvalidArgument, "--set: unknown setting '" + key + "'");
        Json v = Json::parse(value, nullptr, false);
        j[key] = v.is_discarded() ? Json(value) : v;
    }
    s = SearchSettings::fromJson(j);
    s.validate();
    return s;
}

Json entryJson(const ArchiveEntry& e) {
    Json j = e.toJson();
    j["val_acc"] = 1.0 - e.error;
    return j;
}

void printStatus(const fs::path& dir) {
    const RunInfo r = readRun(dir);
    std::ostream& out = *io().out;
    out << "run        " << dir.string() << "\n";
    out << "status     " << r.status << " (" << r.phase << ")\n";
    out << "dataset    " << r.settings.dataset << ", space " << r.settings.space << ", preset " << r.settings.preset << "\n";
    out << "iterations " << r.completedIterations << "/" << r.settings.iterations << "\n";
    out << "archive    " << r.archive.size() << " architectures, front " << r.frontIds.size() << "\n";
    double best = 1.0;
    for (const auto& e : r.archive) best = std::min(best, e.error);
    if (!r.archive.empty()) out << "best       " << std::fixed << std::setprecision(2) << (1 - best) * 100 << " % validation top-1\n";
    if (r.truncatedJournal) out << "note       the journal's last line was cut by a crash and was ignored\n";
}

// nat check: verifies a run folder (journal, iterations, checkpoints and their checksums, state).
void checkRunFolder(const fs::path& dir) {
    const RunCheckReport r = checkRun(dir);
    std::ostream& out = *io().out;
    for (const auto& line : r.checked) out << "ok       " << line << "\n";
    for (const auto& line : r.notes) out << "note     " << line << "\n";
    for (const auto& line : r.problems) out << "PROBLEM  " << line << "\n";
    if (!r.problems.empty())
        throw Error(ErrorCode::Corrupt, nat::quoted(dir) + " has " + std::to_string(r.problems.size()) + " problem(s); the first: " +
                                            r.problems.front());
    out << "run folder is sound\n";
}

void printFront(const fs::path& dir, bool json, bool csv) {
    const RunInfo r = readRun(dir);
    std::vector<ArchiveEntry> front;
    for (int id : r.frontIds) front.push_back(r.archive[id]);
    std::sort(front.begin(), front.end(), [](const auto& a, const auto& b) { return a.madds < b.madds; });
    std::ostream& out = *io().out;
    if (json) {
        Json arr = Json::array();
        for (const auto& e : front) arr.push_back(entryJson(e));
        printJson(arr);
        return;
    }
    out << (csv ? "id,val_acc,test_acc,madds,macs,params,cpu_ms,encoding\n"
                : "   id   val top-1  test top-1       MAdds      params   cpu ms  subnet\n");
    for (const auto& e : front) {
        std::ostringstream enc;
        for (std::size_t i = 0; i < e.encoding.size(); ++i) enc << (i ? " " : "") << e.encoding[i];
        const std::string test = e.testAccuracy ? std::to_string(*e.testAccuracy * 100).substr(0, 5) : "";
        if (csv) {
            out << e.id << "," << 1 - e.error << "," << (e.testAccuracy ? std::to_string(*e.testAccuracy) : "") << ","
                << e.madds << "," << e.macs << "," << e.params << "," << e.cpuMs << "," << enc.str() << "\n";
        } else {
            out << std::setw(5) << e.id << std::setw(10) << std::fixed << std::setprecision(2) << (1 - e.error) * 100
                << " %" << std::setw(10) << test << (test.empty() ? "  " : " %") << std::setw(12) << millions(static_cast<long long>(e.madds))
                << std::setw(12) << millions(static_cast<long long>(e.params)) << std::setw(9)
                << (e.cpuMs >= 0 ? std::to_string(e.cpuMs).substr(0, 5) : "-") << "  " << e.subnet.dump() << "\n";
        }
    }
    if (csv || !fs::is_directory(dir / "scratch")) return;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir / "scratch"))
        if (f.path().extension() == ".json") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) return;
    out << "\nfrom scratch (baselines, nat scratch):\n";
    for (const auto& f : files) {
        const ScratchResult b = ScratchResult::fromJson(readJsonFile(f));
        out << std::setw(9) << b.which << std::setw(6) << std::fixed << std::setprecision(2) << (b.valAccuracy * 100)
            << " %" << std::setw(10) << (b.testAccuracy >= 0 ? std::to_string(b.testAccuracy * 100).substr(0, 5) : "-")
            << " %" << std::setw(12) << millions(static_cast<long long>(b.madds)) << std::setw(12)
            << millions(static_cast<long long>(b.params)) << "  " << std::setprecision(1) << b.epochs << " epochs, "
            << std::setprecision(0) << b.seconds << " s\n";
    }
}

void pick(const fs::path& dir, bool knee, const std::string& prefer) {
    const RunInfo r = readRun(dir);
    if (r.frontIds.empty()) throw Error(ErrorCode::InvalidArgument, nat::quoted(dir) + " has no evaluated architectures yet");
    moo::Matrix F;
    for (int id : r.frontIds) {
        std::vector<double> row;
        for (Objective o : r.settings.objectives) row.push_back(r.archive[id].objective(o));
        F.appendRow(row);
    }
    int chosen = 0;
    std::string why;
    if (knee) {
        chosen = F.rows() < 3 ? 0 : moo::kneePoints(F, 1).front();
        why = "highest trade-off (knee) point of the front";
    } else {
        std::vector<double> weights(r.settings.objectives.size(), 0.0);
        std::stringstream ss(prefer);
        for (std::string item; std::getline(ss, item, ',');) {
            const auto eq = item.find('=');
            if (eq == std::string::npos) throw Error(ErrorCode::InvalidArgument, "--prefer needs KEY=WEIGHT pairs, got '" + item + "'");
            const Objective o = objectiveFromKey(item.substr(0, eq));
            const auto it = std::find(r.settings.objectives.begin(), r.settings.objectives.end(), o);
            if (it == r.settings.objectives.end())
                throw Error(ErrorCode::InvalidArgument, "--prefer: '" + item.substr(0, eq) + "' is not an objective of this run");
            weights[it - r.settings.objectives.begin()] = std::stod(item.substr(eq + 1));
        }
        for (double& w : weights)
            if (w <= 0) w = 1e-3;  // unnamed objectives matter a little
        chosen = moo::asfSelect(F, weights);
        why = "best achievement-scalarising value for the given weights";
    }
    Json j = entryJson(r.archive[r.frontIds[chosen]]);
    j["why"] = why;
    printJson(j);
}

}  // namespace

void registerEngineCommands(CLI::App& root, CLI::App& bench) {
    auto so = std::make_shared<SearchOpts>();
    CLI::App* search = root.add_subcommand("search", "Run a NAT search (supernet adaptation + many-objective search)");
    search->add_option("--dataset", so->dataset, "Dataset folder, or fashion-mnist")->capture_default_str();
    search->add_option("--preset", so->preset, "quick | balanced | paper")->capture_default_str();
    search->add_option("--objectives", so->objectives, "err plus 1-4 of madds, params, cpu_ms")->capture_default_str();
    search->add_option("--out", so->out, "Run folder to create (new or empty)")->required();
    search->add_option("--seed", so->seed, "Random seed")->capture_default_str();
    search->add_option("--device", so->device, "cpu | cuda | cuda:N")->capture_default_str();
    search->add_option("--threads", so->threads, "CPU threads (0 = all cores)")->capture_default_str();
    search->add_option("--space", so->space, "Search-space preset (default: the preset's)");
    search->add_option("--iterations", so->iterations, "NAT iterations (default: the preset's)");
    search->add_option("--init-supernet", so->init, "Start from this supernet file (e.g. from nat import-ofa)");
    search->add_option("--set", so->sets, "Override any setting: KEY=VALUE (see settings.json of a run)");
    search->add_flag("--distributed", so->distributed,
                     "Data-parallel over the processes of a torchrun-style job (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT)");
    search->callback([so] {
        SearchSettings s = buildSettings(*so);  // bad options fail before joining the other ranks
        const Joined joined = joinDistributed(so->distributed, s.device, s.threads);
        JobConsole console(joined.rank);
        console.runner().setCollective(joined.collective);
        const int rc = console.run([&](JobRunner& r) { r.startSearch(s, so->out); });
        if (rc != 0) throw ExitStatus(rc);
    });

    struct ResumeOpts {
        std::string dir;
        bool distributed = false;
    };
    auto ro = std::make_shared<ResumeOpts>();
    CLI::App* resume = root.add_subcommand("resume", "Continue a cancelled, killed or crashed search");
    resume->add_option("RUN", ro->dir, "Run folder")->required();
    resume->add_flag("--distributed", ro->distributed, "Continue data-parallel (the run folder must be visible to every rank)");
    resume->callback([ro] {
        int threads = 0;  // resume keeps the run's thread setting
        const Joined joined = joinDistributed(ro->distributed, readRun(ro->dir).settings.device, threads);
        JobConsole console(joined.rank);
        console.runner().setCollective(joined.collective);
        const int rc = console.run([&](JobRunner& r) { r.resumeSearch(ro->dir); });
        if (rc != 0) throw ExitStatus(rc);
    });

    auto statusDir = std::make_shared<std::string>();
    CLI::App* status = root.add_subcommand("status", "Show where a run stands");
    status->add_option("RUN", *statusDir, "Run folder")->required();
    status->callback([statusDir] { printStatus(*statusDir); });

    auto checkDir = std::make_shared<std::string>();
    CLI::App* check = root.add_subcommand("check", "Verify a run folder: journal, checkpoints (checksums), state");
    check->add_option("RUN", *checkDir, "Run folder")->required();
    check->callback([checkDir] { checkRunFolder(*checkDir); });

    struct FrontOpts {
        std::string dir;
        bool json = false, csv = false;
    };
    auto fo = std::make_shared<FrontOpts>();
    CLI::App* front = root.add_subcommand("front", "The non-dominated architectures of a run");
    front->add_option("RUN", fo->dir, "Run folder")->required();
    front->add_flag("--json", fo->json, "Print JSON");
    front->add_flag("--csv", fo->csv, "Print CSV");
    front->callback([fo] { printFront(fo->dir, fo->json, fo->csv); });

    struct EvalOpts {
        std::string dir, split = "test";
        int arch = -1;
    };
    auto eo = std::make_shared<EvalOpts>();
    auto eoFinetune = std::make_shared<FineTuneRequest>();
    CLI::App* eval = root.add_subcommand("eval", "Evaluate one architecture of a run (top-1, per class, confusion)");
    eval->add_option("RUN", eo->dir, "Run folder")->required();
    eval->add_option("--arch", eo->arch, "Architecture id (see nat front)")->required();
    eval->add_option("--split", eo->split, "val | test")->capture_default_str();
    eval->add_option("--finetune", eoFinetune->epochs,
                     "Fine-tune the subnet for EPOCHS epochs first (0-" + std::to_string(kMaxFineTuneEpochs) +
                         "); prints the accuracy before and after")
        ->capture_default_str();
    eval->add_option("--finetune-seed", eoFinetune->seed, "Seed of the fine-tune (data order, augmentation, dropout)")
        ->capture_default_str();
    eval->add_option("--finetune-lr", eoFinetune->learningRate, "Initial fine-tuning learning rate (cosine decay)")
        ->capture_default_str();
    eval->add_flag("--distill", eoFinetune->distill, "Fine-tune with soft targets from the supernet's largest subnet");
    eval->callback([eo, eoFinetune] {
        checkFineTuneEpochs(eoFinetune->epochs);
        std::optional<EvaluationResult> result;
        const int rc = runEngineJob([&](JobRunner& r) { r.evaluate(eo->dir, eo->arch, eo->split, *eoFinetune); }, &result);
        if (rc != 0) throw ExitStatus(rc);
        if (result) printJson(result->toJson());
    });

    struct ScratchOpts {
        std::string dir;
        std::vector<std::string> arch = {"smallest", "largest"};
        double epochs = 0;
    };
    auto sco = std::make_shared<ScratchOpts>();
    CLI::App* scratch = root.add_subcommand(
        "scratch", "Train architectures of a run's space from scratch, for as many epochs as the search spent (a baseline)");
    scratch->add_option("RUN", sco->dir, "Run folder")->required();
    scratch->add_option("--arch", sco->arch, "smallest, largest and/or archive ids")->capture_default_str();
    scratch->add_option("--epochs", sco->epochs, "Epochs (0 = the search's supernet-training epochs)")->capture_default_str();
    scratch->callback([sco] {
        if (sco->epochs < 0) {
            std::ostringstream v;
            v << sco->epochs;
            throw Error(ErrorCode::InvalidArgument, "--epochs must be 0 (as the search) or more, got " + v.str());
        }
        for (const std::string& which : sco->arch) {
            JobConsole console;
            const int rc = console.run([&](JobRunner& r) { r.trainFromScratch(sco->dir, which, sco->epochs); });
            if (rc != 0) throw ExitStatus(rc);
        }
    });

    struct PickOpts {
        std::string dir, prefer;
        bool knee = false;
    };
    auto po = std::make_shared<PickOpts>();
    CLI::App* pk = root.add_subcommand("pick", "Choose one architecture of the front (knee or preference)");
    pk->add_option("RUN", po->dir, "Run folder")->required();
    auto* kneeFlag = pk->add_flag("--knee", po->knee, "Highest trade-off point");
    auto* preferOpt = pk->add_option("--prefer", po->prefer, "Weights, e.g. err=1,madds=0.2");
    kneeFlag->excludes(preferOpt);
    pk->callback([po] {
        if (!po->knee && po->prefer.empty()) throw Error(ErrorCode::InvalidArgument, "nat pick needs --knee or --prefer");
        pick(po->dir, po->knee, po->prefer);
    });
    (void)bench;
}

}  // namespace nat::cli
