// Test driver: one rank of a data-parallel supernet training job, or (--local) the one-process
// reference on the combined batches. distributed_test launches it.
//   nat_dist_worker OUT STEPS [--local] [--die-at STEP]
// Writes every parameter and buffer of the supernet after STEPS steps to OUT (torch::save); rank 1
// with --die-at exits abruptly before that step, as a crashed rank would.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "base/error.h"
#include "data/loader.h"
#include "distributed/launch_environment.h"
#include "supernet/trainer.h"

using namespace nat;

namespace {

// A learnable toy task (bright quadrant = class) from a generator of its own, so that the global
// batch of a step is the same in every process.
std::pair<torch::Tensor, torch::Tensor> globalBatch(int n, int step) {
    auto gen = at::detail::createCPUGenerator(static_cast<std::uint64_t>(500 + step));
    torch::Tensor labels = torch::randint(0, 4, {n}, gen);
    torch::Tensor x = torch::randn({n, 1, 28, 28}, gen) * 0.3;
    for (int i = 0; i < n; ++i) {
        const auto q = labels[i].item<std::int64_t>();
        x[i].narrow(1, (q / 2) * 14, 14).narrow(2, (q % 2) * 14, 14) += 2.0;
    }
    return {x, labels};
}

int run(int argc, char** argv) {
    if (argc < 3) throw Error(ErrorCode::InvalidArgument, "usage: nat_dist_worker OUT STEPS [--local] [--die-at STEP]");
    const std::string out = argv[1];
    const int steps = std::atoi(argv[2]);
    bool local = false;
    int dieAt = -1;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--local") local = true;
        else if (a == "--die-at" && i + 1 < argc) dieAt = std::atoi(argv[++i]);
    }
    torch::set_num_threads(1);
    std::shared_ptr<supernet::Collective> coll;
    int rank = 0, world = 1;
    if (!local) {
        const dist::LaunchEnvironment env = dist::LaunchEnvironment::fromEnvironment();
        coll = dist::joinProcessGroup(env, "cpu");
        rank = env.rank;
        world = env.worldSize;
    }
    supernet::SupernetConfig c;
    c.space = space::preset("tiny-mbv3");
    c.numClasses = 4;
    c.inputChannels = 1;
    c.dropout = 0.0;  // masks are per process; the comparison needs a deterministic network
    torch::manual_seed(7);
    supernet::Supernet net(c);
    supernet::TrainConfig t;
    t.subnetsPerStep = 2;
    t.distillFromLargest = true;
    t.learningRate = 5e-4;  // small: the toy amplifies rounding differences about tenfold per step at 0.05
    t.totalSteps = 20;
    supernet::SupernetTrainer trainer(net, t, 11, coll);
    constexpr int kBatch = 15;  // odd: the two shards differ in size (7 and 8 images)
    for (int step = 0; step < steps; ++step) {
        if (step == dieAt && rank == 1) ::_exit(3);
        auto [x, y] = globalBatch(kBatch, step);
        const auto [a, b] = data::shardRange(kBatch, rank, world);
        const supernet::StepStats s = trainer.step(x.narrow(0, a, b - a), y.narrow(0, a, b - a));
        std::cout << "rank " << rank << " step " << step << " loss " << s.loss << " images " << s.images << std::endl;
    }
    std::vector<torch::Tensor> tensors;
    for (const auto& p : net->named_parameters()) tensors.push_back(p.value().detach().clone());
    for (const auto& b : net->named_buffers()) tensors.push_back(b.value().clone());
    torch::save(tensors, out);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "nat_dist_worker: error: " << e.what() << std::endl;
        return 1;
    }
}
