// nat import-ofa | nat bench supernet
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "base/allocator.h"
#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "cli_util.h"
#include "supernet/checkpoint.h"
#include "supernet/device.h"
#include "supernet/ofa_import.h"
#include "supernet/static_subnet.h"

extern char** environ;

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using namespace nat::supernet;

// ---------------------------------------------------------------- nat import-ofa

void printList(std::ostream& out, const std::string& title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << title << " (" << items.size() << "):";
    for (const auto& s : items) out << " " << s;
    out << "\n";
}

void importOfaCommand(const std::string& checkpoint, const std::string& width, const std::string& outFile, int classes,
                      bool allowMissing) {
    const space::SearchSpace& s = space::preset("ofa-mbv3");
    const int w = width == "1.0" || width == "1" ? 0 : width == "1.2" ? 1 : -1;
    if (w < 0) throw Error(ErrorCode::InvalidArgument, "--width must be 1.0 or 1.2, got '" + width + "'");
    if (classes < 0) throw Error(ErrorCode::InvalidArgument, "--classes must be at least 1, got " + std::to_string(classes));
    OfaImportOptions options;
    options.widthIndex = w;
    options.numClasses = classes;
    const ImportedSupernet imp = importOfa(checkpoint, options);
    const ImportReport& r = imp.report;
    std::ostream& out = *io().out;
    out << "read " << r.checkpointTensors << " tensors from " << quoted(checkpoint) << "\n";
    out << "placed " << r.placed.size() << " tensors, " << groupThousands(r.placedParameters) << " parameters, into the "
        << s.name << " w" << space::widthLabel(s.widthMults[w]) << " supernet\n";
    if (r.freshClassifier)
        out << "classifier: new for " << imp.net->config().numClasses << " classes (checkpoint's " << r.checkpointClasses
            << "-class classifier left out)\n";
    else
        out << "classifier: kept from the checkpoint (" << r.checkpointClasses << " classes)\n";
    printList(out, "unused checkpoint keys", r.unusedKeys);
    printList(out, "supernet tensors not in the checkpoint", r.missingNames);
    if (!r.missingNames.empty() && !allowMissing)
        throw Error(ErrorCode::Mismatch, std::to_string(r.missingNames.size()) +
                                             " supernet tensors are not in the checkpoint (first: " + r.missingNames.front() +
                                             "); nothing written (--allow-missing keeps their initial values)");
    const Json meta = {{"imported_from", fs::path(checkpoint).filename().string()},
                       {"fresh_classifier", r.freshClassifier},
                       {"unused_keys", r.unusedKeys},
                       {"missing", r.missingNames}};
    saveSupernet(outFile, imp.net, nullptr, meta);
    out << "wrote " << quoted(outFile) << "\n";
}

// ---------------------------------------------------------------- nat bench supernet

using Clock = std::chrono::steady_clock;

struct BenchOptions {
    std::string preset = "both";
    std::string arch = "both";  // random, largest or both
    int steps = 0;   // 0 = per preset
    int batch = 0;   // 0 = per preset
    int rounds = 0;  // 0 = per preset
    int threads = 0;
    std::string device = "cpu";
    std::string channelsLast = "on";
    bool bf16 = false;
    bool python = false;
    std::string pythonExe = "/usr/bin/python3";
    std::string pythonScript;
    std::uint64_t seed = 1;
    bool json = false;
};

struct Workload {
    std::string preset;
    SupernetConfig config;
    int batch = 0, resolution = 0, trainSteps = 0, inferSteps = 0, rounds = 0;
};

Workload workloadFor(const std::string& preset, const BenchOptions& o) {
    Workload w;
    w.preset = preset;
    w.config.space = space::preset(preset);
    const bool tiny = preset == "tiny-mbv3";
    // tiny-mbv3: Fashion-MNIST's 28 px grey images, 10 classes; ofa-mbv3: ImageNet at 224 px.
    w.config.numClasses = tiny ? 10 : 1000;
    w.config.inputChannels = tiny ? 1 : 3;
    w.batch = o.batch > 0 ? o.batch : (tiny ? 128 : 32);
    w.resolution = tiny ? 28 : 224;
    w.trainSteps = o.steps > 0 ? o.steps : (tiny ? 8 : 2);
    w.inferSteps = 3 * w.trainSteps;
    w.rounds = o.rounds > 0 ? o.rounds : (tiny ? 5 : 3);
    return w;
}

void synchronize(const c10::Device& d) {
    if (d.is_cuda()) torch::cuda::synchronize();
}

/// One C++ network under test, with its optimizer.
struct CppRunner {
    std::string name;
    std::shared_ptr<torch::nn::Module> module;
    std::function<torch::Tensor(const torch::Tensor&)> forward;
    std::unique_ptr<torch::optim::SGD> optimizer;

    double train(int steps, const torch::Tensor& x, const torch::Tensor& y, const BenchOptions& o, const c10::Device& d) {
        module->train();
        synchronize(d);
        const auto start = Clock::now();
        for (int i = 0; i < steps; ++i) {
            for (auto& p : module->parameters()) p.mutable_grad() = torch::Tensor();
            torch::Tensor loss;
            {
                Bf16Autocast autocast(o.bf16, d);
                loss = torch::nn::functional::cross_entropy(forward(x), y);
            }
            loss.backward();
            optimizer->step();
        }
        synchronize(d);
        return steps * x.size(0) / std::chrono::duration<double>(Clock::now() - start).count();
    }

    double infer(int steps, const torch::Tensor& x, const BenchOptions& o, const c10::Device& d) {
        module->eval();
        torch::NoGradGuard ng;
        Bf16Autocast autocast(o.bf16, d);
        synchronize(d);
        const auto start = Clock::now();
        for (int i = 0; i < steps; ++i) forward(x);
        synchronize(d);
        return steps * x.size(0) / std::chrono::duration<double>(Clock::now() - start).count();
    }
};

template <class Net>
CppRunner makeRunner(const std::string& name, Net net, const c10::Device& d) {
    net->to(d);
    CppRunner r{name, net.ptr(), [net](const torch::Tensor& x) mutable { return net->forward(x); }, nullptr};
    r.optimizer = std::make_unique<torch::optim::SGD>(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
    return r;
}

fs::path findBenchScript(const std::string& given) {
    if (!given.empty()) return given;
    std::vector<fs::path> candidates = {"packaging/bench_static_net.py"};
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)  // build/<preset>/app/nat → the source tree's packaging/
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.parent_path(); dir = dir.parent_path())
            candidates.push_back(dir / "packaging/bench_static_net.py");
    candidates.push_back("/usr/share/nat-studio/bench_static_net.py");
    for (const auto& c : candidates)
        if (fs::exists(c)) return c;
    throw Error(ErrorCode::Io, "cannot find packaging/bench_static_net.py; pass --python-script PATH");
}

/// The Python benchmark as a child process that answers one command line with one JSON line, so
/// its runs interleave with ours (this machine's speed drifts, PLATFORM-NOTES.md).
class PythonRunner {
public:
    /// `allocatorEnv`: the variables that choose Python's allocator (allocatorEnvironmentForChild for
    /// this process's own; empty for Python's default, glibc malloc as it comes).
    PythonRunner(const BenchOptions& o, const fs::path& spec, const std::vector<std::pair<std::string, std::string>>& allocatorEnv) {
        int toChild[2], fromChild[2];
        if (pipe(toChild) != 0 || pipe(fromChild) != 0) throw Error(ErrorCode::Io, "cannot create pipes for Python");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0);
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1);
        for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]}) posix_spawn_file_actions_addclose(&actions, fd);
        const std::string script = findBenchScript(o.pythonScript).string(), specText = spec.string();
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) env.emplace_back(*e);
        std::erase_if(env, [](const std::string& e) {
            return e.rfind("GLIBC_TUNABLES=", 0) == 0 || e.rfind("LD_PRELOAD=", 0) == 0 || e.rfind("MALLOC_CONF=", 0) == 0;
        });
        for (const auto& [k, v] : allocatorEnv) env.push_back(k + "=" + v);
        std::vector<char*> argv = {const_cast<char*>(o.pythonExe.c_str()), const_cast<char*>(script.c_str()),
                                   const_cast<char*>(specText.c_str()), nullptr};
        std::vector<char*> envp;
        for (auto& s : env) envp.push_back(s.data());
        envp.push_back(nullptr);
        const int rc = posix_spawn(&m_pid, o.pythonExe.c_str(), &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        close(toChild[0]);
        close(fromChild[1]);
        m_in = fdopen(toChild[1], "w");
        m_out = fdopen(fromChild[0], "r");
        if (rc != 0) throw Error(ErrorCode::Io, "cannot start " + o.pythonExe + ": " + std::strerror(rc));
        ready = readReply();
    }
    ~PythonRunner() {
        if (m_in) std::fputs("quit\n", m_in), std::fclose(m_in);
        if (m_out) std::fclose(m_out);
        int status = 0;
        if (m_pid > 0) waitpid(m_pid, &status, 0);
    }
    PythonRunner(const PythonRunner&) = delete;
    PythonRunner& operator=(const PythonRunner&) = delete;

    double run(const std::string& command, int steps) {
        std::fprintf(m_in, "%s %d\n", command.c_str(), steps);
        std::fflush(m_in);
        return readReply().at("images_per_s").get<double>();
    }

    Json ready;

private:
    Json readReply() {
        std::string line;
        for (int c; (c = std::fgetc(m_out)) != EOF && c != '\n';) line += static_cast<char>(c);
        if (line.empty()) throw Error(ErrorCode::Internal, "the Python benchmark stopped (see its messages above)");
        return parseJson(line, "Python benchmark reply");
    }

    pid_t m_pid = -1;
    FILE* m_in = nullptr;
    FILE* m_out = nullptr;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Figures {
    std::vector<double> train, infer;
};

std::string fmt(double v, int digits = 1) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

std::string spread(const std::vector<double>& v) {
    if (v.empty()) return "";
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return fmt(median(v)) + " (" + fmt(*lo) + "-" + fmt(*hi) + ")";
}

fs::path writeSpec(const Workload& w, const space::Architecture& arch, const BenchOptions& o, int threads,
                   const c10::Device& dev) {
    const Json spec = {{"space", w.config.space.toJson()}, {"subnet", space::toSubnetJson(w.config.space, arch)},
                       {"classes", w.config.numClasses},  {"input_channels", w.config.inputChannels},
                       {"batch", w.batch},                {"resolution", w.resolution},
                       {"threads", threads},              {"channels_last", o.channelsLast == "on"},
                       {"dropout", w.config.dropout},     {"warmup", 1},
                       {"seed", o.seed},                  {"device", dev.str()},
                       {"bf16", o.bf16}};
    const fs::path file = fs::temp_directory_path() / ("nat-bench-supernet-" + std::to_string(getpid()) + ".json");
    writeFileAtomic(file, spec.dump(2));
    return file;
}

Json benchArchitecture(const Workload& w, const std::string& label, const space::Architecture& arch,
                       const BenchOptions& o, const c10::Device& dev, int threads, MallocPolicy policy) {
    torch::manual_seed(o.seed);
    Supernet net(w.config);
    net->setActive(arch);
    std::vector<CppRunner> runners;
    runners.push_back(makeRunner("a supernet", net, dev));
    runners.push_back(makeRunner("b extracted", StaticSubnet(StaticSubnetImpl::extract(*net)), dev));
    runners.push_back(makeRunner("c plain", StaticSubnet(w.config, arch), dev));
    torch::Tensor x = torch::randn({w.batch, w.config.inputChannels, w.resolution, w.resolution}).to(dev);
    // .to(ChannelsLast), not .contiguous(ChannelsLast): the latter is a no-op for 1-channel images.
    if (o.channelsLast == "on") x = x.to(x.options(), false, false, at::MemoryFormat::ChannelsLast);
    const torch::Tensor y = torch::randint(0, w.config.numClasses, {w.batch}, torch::TensorOptions(dev).dtype(torch::kLong));
    // Python with this process's allocator and options (the like-for-like comparison of the kernels)
    // and, when that differs from Python's default, also as it comes: what a plain Python user gets.
    std::vector<std::pair<std::string, std::unique_ptr<PythonRunner>>> pys;
    fs::path spec;
    if (o.python) {
        spec = writeSpec(w, arch, o, threads, dev);
        const auto sameAllocator = allocatorEnvironmentForChild(policy);
        pys.emplace_back("python", std::make_unique<PythonRunner>(o, spec, sameAllocator));
        if (!sameAllocator.empty()) pys.emplace_back("python default", std::make_unique<PythonRunner>(o, spec, std::vector<std::pair<std::string, std::string>>{}));
    }
    std::vector<Figures> figs(runners.size() + pys.size());
    for (auto& r : runners) r.train(1, x, y, o, dev), r.infer(1, x, o, dev);  // warm-up
    // Interleaved rounds (a b c [py] a b c [py] ...), medians reported: the VM's speed drifts.
    const std::size_t nc = runners.size();
    for (int round = 0; round < w.rounds; ++round) {
        for (std::size_t i = 0; i < nc; ++i) figs[i].train.push_back(runners[i].train(w.trainSteps, x, y, o, dev));
        for (std::size_t i = 0; i < pys.size(); ++i) figs[nc + i].train.push_back(pys[i].second->run("train", w.trainSteps));
        for (std::size_t i = 0; i < nc; ++i) figs[i].infer.push_back(runners[i].infer(w.inferSteps, x, o, dev));
        for (std::size_t i = 0; i < pys.size(); ++i) figs[nc + i].infer.push_back(pys[i].second->run("infer", w.inferSteps));
    }
    if (!spec.empty()) fs::remove(spec);
    Json variants = Json::array();
    for (std::size_t i = 0; i < figs.size(); ++i)
        variants.push_back({{"name", i < nc ? runners[i].name : pys[i - nc].first},
                            {"train", figs[i].train}, {"infer", figs[i].infer},
                            {"train_median", median(figs[i].train)}, {"infer_median", median(figs[i].infer)}});
    Json j = {{"preset", w.preset}, {"architecture", label}, {"subnet", space::toSubnetJson(w.config.space, arch)},
              {"batch", w.batch}, {"resolution", w.resolution}, {"variants", variants}};
    if (!pys.empty()) j["python"] = pys.front().second->ready;
    return j;
}

void printArchitecture(const Json& j, std::ostream& out) {
    const auto& v = j["variants"];
    out << "\n" << j["preset"].get<std::string>() << ", " << j["architecture"].get<std::string>() << " subnet "
        << j["subnet"].dump() << ", batch " << j["batch"] << ", " << j["resolution"] << " px\n";
    out << std::left << std::setw(14) << "" << std::right << std::setw(26) << "train img/s median (range)" << std::setw(28)
        << "infer img/s median (range)" << "\n";
    for (const auto& x : v)
        out << std::left << std::setw(14) << x["name"].get<std::string>() << std::right << std::setw(26)
            << spread(x["train"].get<std::vector<double>>()) << std::setw(28) << spread(x["infer"].get<std::vector<double>>())
            << "\n";
    // Ratios of medians, and of the best round (the least disturbed by other load on a shared machine).
    for (const char* kind : {"median", "best"}) {
        auto m = [&](std::size_t i, const std::string& k) {
            const auto xs = v[i][k].get<std::vector<double>>();
            return std::string(kind) == "best" ? *std::max_element(xs.begin(), xs.end()) : median(xs);
        };
        out << kind << ": a/c train " << fmt(m(0, "train") / m(2, "train"), 3) << " [target >= 0.9], b/c infer "
            << fmt(m(1, "infer") / m(2, "infer"), 3) << " [target ~1], a/c infer " << fmt(m(0, "infer") / m(2, "infer"), 3);
        if (v.size() > 3)
            out << "; C++/Python (c/py) train " << fmt(m(2, "train") / m(3, "train"), 3) << ", infer "
                << fmt(m(2, "infer") / m(3, "infer"), 3) << " [target >= 1]";
        if (v.size() > 4)
            out << "; c/(python default) train " << fmt(m(2, "train") / m(4, "train"), 3) << ", infer "
                << fmt(m(2, "infer") / m(4, "infer"), 3);
        out << "\n";
    }
}

void benchSupernet(const BenchOptions& o) {
    if (o.channelsLast != "on" && o.channelsLast != "off")
        throw Error(ErrorCode::InvalidArgument, "--channels-last must be on or off, got '" + o.channelsLast + "'");
    if (o.arch != "both" && o.arch != "random" && o.arch != "largest")
        throw Error(ErrorCode::InvalidArgument, "--arch must be random, largest or both, got '" + o.arch + "'");
    // Applied by main before any thread started; read again here to report it and pass it on.
    const MallocPolicy policy = mallocPolicyFromEnvironment();
    std::vector<std::string> presets = {"tiny-mbv3", "ofa-mbv3"};
    if (o.preset != "both") presets = {space::preset(o.preset).name};
    const c10::Device dev = parseDevice(o.device);
    if (o.bf16 && !dev.is_cuda()) throw Error(ErrorCode::InvalidArgument, "--bf16 needs --device cuda");
    if (o.batch < 0) throw Error(ErrorCode::InvalidArgument, "--batch must be positive, got " + std::to_string(o.batch));
    const int threads = setThreads(o.threads);
    std::ostream& out = *io().out;
    if (!o.json)
        out << "supernet benchmark: " << threads << " threads, device " << dev.str() << ", channels-last "
            << o.channelsLast << (o.bf16 ? ", bf16 autocast" : "") << ", malloc: " << allocatorDescription() << ", LibTorch "
            << TORCH_VERSION << "\n(a) elastic supernet with a fixed active subnet, (b) that subnet extracted, (c) the "
            << "same architecture built fresh as a plain LibTorch net" << (o.python ? ", python: torch.nn in Python with this process's allocator, python default: with its own" : "")
            << "\n";
    Json all = Json::array();
    for (const auto& p : presets) {
        const Workload w = workloadFor(p, o);
        Rng rng(o.seed);
        space::Architecture mid = space::decode(w.config.space, space::sampleUniform(w.config.space, rng));
        space::Architecture big = space::largest(w.config.space);
        mid.widthIndex = big.widthIndex = 0;
        mid.resolution = big.resolution = w.resolution;
        for (const auto& [label, arch] : {std::pair{"random (seeded)", mid}, std::pair{"largest", big}}) {
            if (o.arch != "both" && std::string(label).rfind(o.arch, 0) != 0) continue;
            Json j = benchArchitecture(w, label, arch, o, dev, threads, policy);
            if (!o.json) printArchitecture(j, out), out.flush();
            all.push_back(std::move(j));
        }
    }
    if (o.json) printJson({{"threads", threads}, {"device", dev.str()}, {"channels_last", o.channelsLast}, {"malloc", allocatorDescription()},
                           {"results", all}});
}

}  // namespace

void registerSupernetCommands(CLI::App& root, CLI::App& bench) {
    struct ImportOpts {
        std::string checkpoint, width = "1.0", out;
        int classes = 0;
        bool allowMissing = false;
    };
    auto im = std::make_shared<ImportOpts>();
    CLI::App* imp = root.add_subcommand("import-ofa", "Import an OFA ofa_mbv3_d234_e346_k357_w* checkpoint as our supernet");
    imp->add_option("CHECKPOINT", im->checkpoint, "OFA checkpoint (torch.save file)")->required()->check(CLI::ExistingFile);
    imp->add_option("--width", im->width, "Width multiplier of the checkpoint: 1.0 or 1.2")->capture_default_str();
    imp->add_option("--out", im->out, "Supernet file to write")->required();
    imp->add_option("--classes", im->classes, "New classifier for N classes (default: keep the checkpoint's)");
    imp->add_flag("--allow-missing", im->allowMissing, "Write even when some supernet tensors are not in the file");
    imp->callback([im] { importOfaCommand(im->checkpoint, im->width, im->out, im->classes, im->allowMissing); });

    auto o = std::make_shared<BenchOptions>();
    CLI::App* b = bench.add_subcommand("supernet", "Training and inference images/s: elastic supernet vs static subnets");
    b->add_option("--preset", o->preset, "tiny-mbv3, ofa-mbv3 or both")->capture_default_str();
    b->add_option("--arch", o->arch, "Architectures: random (seeded), largest or both")->capture_default_str();
    b->add_option("--batch", o->batch, "Batch size (0 = 128 tiny, 32 ofa)")->capture_default_str();
    b->add_option("--steps", o->steps, "Training steps per round (inference: 3x; 0 = 8 tiny, 2 ofa)")->capture_default_str();
    b->add_option("--rounds", o->rounds, "Interleaved rounds (0 = 5 tiny, 3 ofa)")->capture_default_str();
    b->add_option("--threads", o->threads, "Threads (0 = all cores)")->capture_default_str();
    b->add_option("--device", o->device, "cpu, cuda or cuda:N")->capture_default_str();
    b->add_option("--channels-last", o->channelsLast, "NHWC activations: on or off")->capture_default_str();
    b->add_flag("--bf16", o->bf16, "bfloat16 autocast (CUDA only)");
    b->add_flag("--python", o->python, "Also time torch.nn in Python (Debian python3-torch), interleaved");
    b->add_option("--python-exe", o->pythonExe, "Python interpreter")->capture_default_str();
    b->add_option("--python-script", o->pythonScript, "Path of packaging/bench_static_net.py");
    b->add_option("--seed", o->seed, "Seed of the random architecture and weights")->capture_default_str();
    b->add_flag("--json", o->json, "Print JSON");
    b->callback([o] { benchSupernet(*o); });
}

}  // namespace nat::cli
