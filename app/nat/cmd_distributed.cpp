// nat bench distributed — data-parallel supernet training throughput: 1 process vs N processes on
// this machine (Gloo over loopback). The command launches its own ranks (this executable again,
// with torchrun's environment variables), so it also shows what a launcher has to set.
#include <sys/wait.h>
#include <unistd.h>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>

#include "base/error.h"
#include "base/file_io.h"
#include "cli_util.h"
#include "data/loader.h"
#include "distributed/launch_environment.h"
#include "supernet/collective.h"
#include "supernet/trainer.h"

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct DistBenchOptions {
    int processes = 2;
    int threads = 1;        // per process
    int steps = 6;          // timed steps per run
    int batch = 64;         // global batch
    int rounds = 2;         // 1-process and N-process runs alternate this many times
    int subnets = 2;
    std::string space = "tiny-mbv3";
    bool json = false;
    std::string report;     // worker mode: rank 0 writes its figures here
};

// One global batch of a Fashion-MNIST-shaped task (1×28×28, 10 classes), the same on every rank.
std::pair<torch::Tensor, torch::Tensor> syntheticBatch(int n, std::int64_t step) {
    auto gen = at::detail::createCPUGenerator(static_cast<std::uint64_t>(1000 + step));
    torch::Tensor x = torch::randn({n, 1, 28, 28}, gen);
    torch::Tensor y = torch::randint(0, 10, {n}, gen);
    return {x, y};
}

// Worker: one rank (or the single process when WORLD_SIZE is unset) trains and reports images/s.
void benchWorker(const DistBenchOptions& o) {
    torch::set_num_threads(o.threads);
    std::shared_ptr<supernet::Collective> coll;
    int rank = 0, world = 1;
    if (std::getenv("WORLD_SIZE") && std::atoi(std::getenv("WORLD_SIZE")) > 1) {
        const dist::LaunchEnvironment env = dist::LaunchEnvironment::fromEnvironment();
        coll = dist::joinProcessGroup(env, "cpu");
        rank = env.rank;
        world = env.worldSize;
    }
    supernet::SupernetConfig c;
    c.space = space::preset(o.space);
    c.numClasses = 10;
    c.inputChannels = 1;
    torch::manual_seed(1);
    supernet::Supernet net(c);
    supernet::TrainConfig t;
    t.subnetsPerStep = o.subnets;
    t.totalSteps = o.steps + 1;
    supernet::SupernetTrainer trainer(net, t, 1, coll);
    double seconds = 0;
    for (int step = 0; step <= o.steps; ++step) {  // step 0 warms up and is not timed
        auto [x, y] = syntheticBatch(o.batch, step);
        const auto [a, b] = data::shardRange(o.batch, rank, world);
        const torch::Tensor xs = x.narrow(0, a, b - a).contiguous(), ys = y.narrow(0, a, b - a);
        const auto t0 = Clock::now();
        trainer.step(xs, ys);
        if (step > 0) seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
    if (rank == 0 && !o.report.empty())
        writeJsonAtomic(o.report, {{"processes", world},
                                   {"threads_per_process", o.threads},
                                   {"images_per_s", o.batch * o.steps / seconds},
                                   {"seconds_per_step", seconds / o.steps}});
}

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        throw Error(ErrorCode::Io, "bench distributed: cannot find a free loopback port");
    const int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// Launches `processes` ranks of this executable in worker mode and returns rank 0's report.
Json launch(const DistBenchOptions& o, int processes) {
    const fs::path report = fs::temp_directory_path() / ("nat-bench-dist-" + std::to_string(::getpid()) + ".json");
    fs::remove(report);
    const std::string port = std::to_string(freeLoopbackPort());
    std::vector<pid_t> pids;
    for (int r = 0; r < processes; ++r) {
        std::vector<std::string> args = {"nat", "bench", "distributed", "--worker-report", report.string(),
                                         "--threads", std::to_string(o.threads), "--steps", std::to_string(o.steps),
                                         "--batch", std::to_string(o.batch), "--subnets", std::to_string(o.subnets),
                                         "--space", o.space};
        std::vector<std::string> env = {"RANK=" + std::to_string(r), "LOCAL_RANK=" + std::to_string(r),
                                        "WORLD_SIZE=" + std::to_string(processes), "MASTER_ADDR=127.0.0.1",
                                        "MASTER_PORT=" + port, "OMP_NUM_THREADS=" + std::to_string(o.threads)};
        for (char** e = environ; *e; ++e) {
            const std::string kv = *e;
            const std::string key = kv.substr(0, kv.find('='));
            if (key != "RANK" && key != "LOCAL_RANK" && key != "WORLD_SIZE" && key != "MASTER_ADDR" &&
                key != "MASTER_PORT" && key != "OMP_NUM_THREADS")
                env.push_back(kv);
        }
        std::vector<char*> argv, envp;
        for (auto& s : args) argv.push_back(s.data());
        for (auto& s : env) envp.push_back(s.data());
        argv.push_back(nullptr);
        envp.push_back(nullptr);
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::execve("/proc/self/exe", argv.data(), envp.data());
            ::_exit(127);
        }
        if (pid < 0) throw Error(ErrorCode::Io, "bench distributed: fork failed");
        pids.push_back(pid);
    }
    bool ok = true;
    for (pid_t pid : pids) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (!ok || !fs::exists(report)) throw Error(ErrorCode::Internal, "bench distributed: a rank failed (see its messages above)");
    Json j = readJsonFile(report);
    fs::remove(report);
    return j;
}

void benchDistributed(const DistBenchOptions& o) {
    if (o.processes < 2 || o.processes > 64 || o.threads < 1 || o.steps < 1 || o.batch < o.processes || o.rounds < 1)
        throw Error(ErrorCode::InvalidArgument,
                    "bench distributed: --processes 2..64, --threads >= 1, --steps >= 1, --rounds >= 1 and --batch >= processes required");
    space::preset(o.space);
    if (dist::availableBackends().empty())
        throw Error(ErrorCode::Unsupported, "this nat was built without distributed training (no c10d/Gloo)");
    std::ostream& out = *io().out;
    if (!o.json)
        out << "data-parallel supernet training (" << o.space << ", 1x28x28, global batch " << o.batch << ", "
            << o.subnets << " subnets/step, " << o.threads << " thread(s) per process, Gloo on loopback)\n";
    Json rows = Json::array();
    for (int round = 0; round < o.rounds; ++round) {
        for (int p : {1, o.processes}) {  // interleaved: this machine's speed drifts
            Json j = launch(o, p);
            j["round"] = round + 1;
            rows.push_back(j);
            if (!o.json)
                out << "round " << round + 1 << "  " << p << " process(es): " << std::fixed << std::setprecision(1)
                    << j["images_per_s"].get<double>() << " img/s (" << std::setprecision(3)
                    << j["seconds_per_step"].get<double>() << " s/step)\n";
        }
    }
    if (o.json) printJson(rows);
}

}  // namespace

void registerDistributedCommands(CLI::App& root, CLI::App& bench) {
    (void)root;
    auto o = std::make_shared<DistBenchOptions>();
    CLI::App* b = bench.add_subcommand("distributed", "Supernet training img/s: 1 process vs N data-parallel processes (Gloo)");
    b->add_option("--processes", o->processes, "Processes of the data-parallel run")->capture_default_str();
    b->add_option("--threads", o->threads, "Threads per process")->capture_default_str();
    b->add_option("--steps", o->steps, "Timed training steps per run")->capture_default_str();
    b->add_option("--batch", o->batch, "Global batch size")->capture_default_str();
    b->add_option("--rounds", o->rounds, "Alternating 1-process / N-process rounds")->capture_default_str();
    b->add_option("--subnets", o->subnets, "Sampled subnets per step")->capture_default_str();
    b->add_option("--space", o->space, "Search-space preset")->capture_default_str();
    b->add_flag("--json", o->json, "Print JSON");
    b->add_option("--worker-report", o->report, "(internal) run as one rank and write rank 0's figures here")->group("");
    b->callback([o] {
        if (!o->report.empty()) benchWorker(*o);
        else benchDistributed(*o);
    });
}

}  // namespace nat::cli
