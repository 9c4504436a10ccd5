// Data-parallel training across processes (c10d Gloo over loopback): equivalence with one process
// on the combined batch, and a dead rank stopping the others with a clear error.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <torch/torch.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "distributed/launch_environment.h"
#include "test_util.h"

namespace nat::dist {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Child {
    pid_t pid = -1;
    fs::path log;
};

// fork + exec the worker with extra environment variables, stdout and stderr into `log`.
Child spawn(const std::vector<std::string>& args, const std::vector<std::string>& extraEnv, const fs::path& log) {
    std::vector<std::string> env = extraEnv;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    std::vector<std::string> all = {NAT_DIST_WORKER};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv, envp;
    for (auto& s : all) argv.push_back(s.data());
    for (auto& s : env) envp.push_back(s.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    const std::string logName = log.string();
    const pid_t pid = ::fork();
    if (pid == 0) {
        FILE* f = std::freopen(logName.c_str(), "w", stdout);
        if (f) ::dup2(::fileno(stdout), STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    return {pid, log};
}

// Exit status of the child, or -1 (after killing it) when it runs past `limit`.
int waitFor(const Child& c, std::chrono::seconds limit, double* seconds = nullptr) {
    const auto t0 = Clock::now();
    for (;;) {
        int status = 0;
        if (::waitpid(c.pid, &status, WNOHANG) == c.pid) {
            if (seconds) *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (Clock::now() - t0 > limit) {
            ::kill(c.pid, SIGKILL);
            ::waitpid(c.pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<torch::Tensor> loadTensors(const fs::path& p) {
    std::vector<torch::Tensor> t;
    torch::load(t, p.string());
    return t;
}

double maxAbsDiff(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    EXPECT_EQ(a.size(), b.size());
    double m = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        EXPECT_EQ(a[i].sizes(), b[i].sizes()) << "tensor " << i;
        // Absolute below 1, relative above: running variances reach the hundreds, where one float
        // ulp is already above 1e-5.
        const torch::Tensor bd = b[i].to(torch::kDouble);
        m = std::max(m, ((a[i].to(torch::kDouble) - bd).abs() / bd.abs().clamp_min(1.0)).max().item<double>());
    }
    return m;
}

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

class Distributed : public ::testing::Test {
protected:
    void SetUp() override {
        if (availableBackends().find("gloo") == std::string::npos) GTEST_SKIP() << "built without c10d/Gloo";
        dir = fs::temp_directory_path() / ("nat-dist-test-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override {
        if (!dir.empty() && !HasFailure()) fs::remove_all(dir);
    }
    std::vector<std::string> rankEnv(int rank, int world, const std::string& store) const {
        std::vector<std::string> e = {"RANK=" + std::to_string(rank), "LOCAL_RANK=" + std::to_string(rank),
                                      "WORLD_SIZE=" + std::to_string(world), "NAT_DIST_TIMEOUT_S=30", "OMP_NUM_THREADS=1"};
        if (store.rfind("file:", 0) == 0) e.push_back("NAT_DIST_STORE_FILE=" + store.substr(5));
        else e.insert(e.end(), {"MASTER_ADDR=127.0.0.1", "MASTER_PORT=" + store});
        return e;
    }
    fs::path dir;
};

constexpr int kSteps = 2;

}  // namespace

TEST_F(Distributed, TwoRanksOverTcpStoreTrainLikeOneProcessOnTheCombinedBatch) {
    const Child init = spawn({(dir / "init.pt").string(), "0", "--local"}, {"OMP_NUM_THREADS=1"}, dir / "init.log");
    ASSERT_EQ(waitFor(init, std::chrono::seconds(120)), 0) << slurp(init.log);
    // The reference is one process on the combined batch, in a process group of one: the same
    // synchronised-BatchNorm arithmetic as the ranks (plain BatchNorm rounds differently, and this
    // toy amplifies 1-ulp differences about tenfold per step; trainer_test compares the two BNs).
    const Child ref = spawn({(dir / "ref.pt").string(), std::to_string(kSteps)},
                            rankEnv(0, 1, "file:" + (dir / "store1").string()), dir / "ref.log");
    ASSERT_EQ(waitFor(ref, std::chrono::seconds(300)), 0) << slurp(ref.log);

    const std::string port = std::to_string(freePort());
    std::vector<Child> ranks;
    for (int r = 0; r < 2; ++r)
        ranks.push_back(spawn({(dir / ("rank" + std::to_string(r) + ".pt")).string(), std::to_string(kSteps)},
                              rankEnv(r, 2, port), dir / ("rank" + std::to_string(r) + ".log")));
    for (const Child& c : ranks) ASSERT_EQ(waitFor(c, std::chrono::seconds(300)), 0) << slurp(c.log);
    EXPECT_NE(slurp(ranks[0].log).find("images 15"), std::string::npos) << "steps report the global batch";

    const auto initial = loadTensors(dir / "init.pt");
    const auto single = loadTensors(dir / "ref.pt");
    const auto rank0 = loadTensors(dir / "rank0.pt");
    const auto rank1 = loadTensors(dir / "rank1.pt");
    EXPECT_GT(maxAbsDiff(initial, single), 1e-4) << "training must have moved the weights";
    EXPECT_LE(maxAbsDiff(single, rank0), 1e-5) << "two ranks vs one process on the combined batch";
    EXPECT_EQ(maxAbsDiff(rank0, rank1), 0.0) << "both ranks hold the same weights and BN statistics";
}

TEST_F(Distributed, ADeadRankStopsTheOtherWithAClearError) {
    const std::string store = "file:" + (dir / "store").string();
    const Child r0 = spawn({(dir / "rank0.pt").string(), "50", "--die-at", "2"}, rankEnv(0, 2, store), dir / "rank0.log");
    const Child r1 = spawn({(dir / "rank1.pt").string(), "50", "--die-at", "2"}, rankEnv(1, 2, store), dir / "rank1.log");
    EXPECT_EQ(waitFor(r1, std::chrono::seconds(300)), 3) << slurp(r1.log);
    double seconds = 0;
    const int rc = waitFor(r0, std::chrono::seconds(60), &seconds);
    const std::string log = slurp(r0.log);
    ASSERT_NE(rc, -1) << "rank 0 still running 60 s after rank 1 died:\n" << log;
    EXPECT_EQ(rc, 1) << log;
    EXPECT_NE(log.find("another rank stopped or the network failed"), std::string::npos) << log;
    EXPECT_NE(log.find("rank 0 of 2"), std::string::npos) << log;
    EXPECT_FALSE(fs::exists(dir / "rank0.pt"));
}

TEST(LaunchEnvironment, ReadsTorchrunVariablesAndRejectsBadOnes) {
    ::setenv("WORLD_SIZE", "4", 1);
    ::setenv("RANK", "3", 1);
    ::setenv("LOCAL_RANK", "1", 1);
    ::setenv("MASTER_ADDR", "node0", 1);
    ::setenv("MASTER_PORT", "29511", 1);
    ::unsetenv("NAT_DIST_STORE_FILE");
    ::unsetenv("NAT_DIST_TIMEOUT_S");
    const LaunchEnvironment e = LaunchEnvironment::fromEnvironment();
    EXPECT_EQ(e.rank, 3);
    EXPECT_EQ(e.worldSize, 4);
    EXPECT_EQ(e.localRank, 1);
    EXPECT_EQ(e.masterAddr, "node0");
    EXPECT_EQ(e.masterPort, 29511);
    EXPECT_EQ(e.timeout.count(), 600);

    ::setenv("RANK", "4", 1);
    EXPECT_NAT_ERROR(LaunchEnvironment::fromEnvironment(), ErrorCode::InvalidArgument, "RANK must be an integer in [0, 3], got '4'");
    ::setenv("RANK", "0", 1);
    ::setenv("MASTER_PORT", "http", 1);
    EXPECT_NAT_ERROR(LaunchEnvironment::fromEnvironment(), ErrorCode::InvalidArgument, "MASTER_PORT must be an integer");
    ::unsetenv("MASTER_ADDR");
    EXPECT_NAT_ERROR(LaunchEnvironment::fromEnvironment(), ErrorCode::InvalidArgument, "MASTER_ADDR is not set");
    ::unsetenv("WORLD_SIZE");
    EXPECT_NAT_ERROR(LaunchEnvironment::fromEnvironment(), ErrorCode::InvalidArgument, "WORLD_SIZE is not set");
    for (const char* v : {"RANK", "LOCAL_RANK", "MASTER_PORT"}) ::unsetenv(v);
}

}  // namespace nat::dist
