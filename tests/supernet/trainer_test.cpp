#include "supernet/trainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <barrier>
#include <fstream>
#include <map>
#include <thread>

#include "base/file_io.h"
#include "supernet/checkpoint.h"
#include "test_util.h"

namespace nat::supernet {

namespace {

SupernetConfig tinyConfig(int classes = 4) {
    SupernetConfig c;
    c.space = space::preset("tiny-mbv3");
    c.numClasses = classes;
    c.inputChannels = 1;
    return c;
}

// A learnable toy task: the class is which image quadrant is bright.
std::pair<torch::Tensor, torch::Tensor> quadrantBatch(int n, std::uint64_t seed) {
    torch::manual_seed(seed);
    torch::Tensor labels = torch::randint(0, 4, {n}, torch::kLong);
    torch::Tensor x = torch::randn({n, 1, 28, 28}) * 0.3;
    for (int i = 0; i < n; ++i) {
        const auto q = labels[i].item<int64_t>();
        x[i].narrow(1, (q / 2) * 14, 14).narrow(2, (q % 2) * 14, 14) += 2.0;
    }
    return {x, labels};
}

TrainConfig smallConfig() {
    TrainConfig c;
    c.subnetsPerStep = 2;
    c.learningRate = 0.05;
    c.totalSteps = 40;
    c.warmupSteps = 2;
    c.weightDecay = 0.0;
    return c;
}

// Ranks as threads, joined by an in-memory all-reduce (sums in rank order, so every rank gets
// bit-identical results, as a real all-reduce gives). A world of one is the reference: one process
// on the combined batch, through the same synchronised-BatchNorm arithmetic.
class ThreadCollective final : public Collective {
public:
    struct Shared {
        explicit Shared(int world = 2) : world(world), sync(world), slots(static_cast<std::size_t>(world)) {}
        int world;
        std::barrier<> sync;
        std::vector<torch::Tensor> slots;
    };
    ThreadCollective(std::shared_ptr<Shared> shared, int rank) : m_shared(std::move(shared)), m_rank(rank) {}
    int rank() const override { return m_rank; }
    int worldSize() const override { return m_shared->world; }
    std::string backend() const override { return "threads"; }
    void allReduceSum(std::vector<torch::Tensor>& tensors) override {
        for (auto& t : tensors) {
            m_shared->slots[static_cast<std::size_t>(m_rank)] = t.clone();
            m_shared->sync.arrive_and_wait();
            torch::Tensor sum = m_shared->slots[0].clone();
            for (std::size_t r = 1; r < m_shared->slots.size(); ++r) sum += m_shared->slots[r];
            m_shared->sync.arrive_and_wait();
            t.copy_(sum);
        }
    }
    void broadcast(std::vector<torch::Tensor>& tensors, int root) override {
        for (auto& t : tensors) {
            m_shared->slots[static_cast<std::size_t>(m_rank)] = t.clone();
            m_shared->sync.arrive_and_wait();
            const torch::Tensor v = m_shared->slots[static_cast<std::size_t>(root)];
            m_shared->sync.arrive_and_wait();
            t.copy_(v);
        }
    }

private:
    std::shared_ptr<Shared> m_shared;
    int m_rank;
};

double maxWeightDiff(torch::nn::Module& a, torch::nn::Module& b) {
    double m = 0;
    const auto pb = b.named_parameters();
    for (const auto& p : a.named_parameters()) m = std::max(m, (p.value() - pb[p.key()]).abs().max().item<double>());
    const auto bb = b.named_buffers();
    for (const auto& p : a.named_buffers())
        m = std::max(m, (p.value().to(torch::kDouble) - bb[p.key()].to(torch::kDouble)).abs().max().item<double>());
    return m;
}

bool sameWeights(torch::nn::Module& a, torch::nn::Module& b) {
    const auto pa = a.named_parameters(), pb = b.named_parameters();
    for (const auto& p : pa)
        if (!torch::equal(p.value(), pb[p.key()])) return false;
    return true;
}

}  // namespace

TEST(Trainer, LearningRateScheduleKnownAnswers) {
    TrainConfig c;
    c.learningRate = 0.1;
    c.warmupSteps = 10;
    c.totalSteps = 110;
    torch::manual_seed(0);
    SupernetTrainer t(Supernet(tinyConfig()), c, 1);
    EXPECT_DOUBLE_EQ(t.learningRateAt(0), 0.01);
    EXPECT_DOUBLE_EQ(t.learningRateAt(9), 0.1);
    EXPECT_DOUBLE_EQ(t.learningRateAt(10), 0.1);
    EXPECT_NEAR(t.learningRateAt(60), 0.05, 1e-12);
    EXPECT_NEAR(t.learningRateAt(110), 0.0, 1e-12);
    EXPECT_NEAR(t.learningRateAt(500), 0.0, 1e-12);
}

TEST(Trainer, BadSettingsAreRejected) {
    TrainConfig c;
    c.learningRate = 0;
    EXPECT_NAT_ERROR(SupernetTrainer(Supernet(tinyConfig()), c, 1), ErrorCode::InvalidArgument, "learning rate must be positive");
    c = TrainConfig{};
    c.labelSmoothing = 1.0;
    EXPECT_NAT_ERROR(SupernetTrainer(Supernet(tinyConfig()), c, 1), ErrorCode::InvalidArgument, "label smoothing must be in [0, 1)");
    torch::manual_seed(0);
    SupernetTrainer t(Supernet(tinyConfig()), TrainConfig{}, 1);
    EXPECT_NAT_ERROR(t.step(torch::zeros({2, 3, 28, 28}), torch::zeros({2}, torch::kLong)), ErrorCode::InvalidArgument,
                     "training images must be [N, 1, H, W]");
}

TEST(Trainer, LearnsAToyTask) {
    torch::manual_seed(3);
    SupernetTrainer t(Supernet(tinyConfig()), smallConfig(), 5);
    double firstLoss = 0, lastAcc = 0, lastLoss = 0;
    for (int i = 0; i < 24; ++i) {
        const auto [x, y] = quadrantBatch(24, 100 + i);
        const StepStats s = t.step(x, y);
        if (i == 0) firstLoss = s.loss;
        lastLoss = s.loss;
        lastAcc = s.accuracy;
        EXPECT_EQ(s.step, i);
        EXPECT_GT(s.gradNorm, 0.0);
    }
    EXPECT_LT(lastLoss, firstLoss * 0.7);
    EXPECT_GE(lastAcc, 0.7);
    EXPECT_EQ(t.stepCount(), 24);
}

TEST(Trainer, SameSeedSameWeights) {
    auto run = [](std::uint64_t seed) {
        torch::manual_seed(42);
        TrainConfig cfg = smallConfig();
        cfg.distillFromLargest = false;
        auto t = std::make_unique<SupernetTrainer>(Supernet(tinyConfig()), cfg, seed);
        for (int i = 0; i < 2; ++i) {
            const auto [x, y] = quadrantBatch(8, i);
            t->step(x, y);
        }
        return t;
    };
    auto a = run(9), b = run(9), c = run(10);
    EXPECT_TRUE(sameWeights(*a->net(), *b->net()));
    EXPECT_FALSE(sameWeights(*a->net(), *c->net()));
}

TEST(Trainer, ResumedTrainingEqualsUninterrupted) {
    test::TempDir dir;
    const auto file = dir / "supernet.natsn";
    TrainConfig cfg = smallConfig();
    cfg.distillFromLargest = false;
    // Uninterrupted: 4 steps.
    torch::manual_seed(42);
    SupernetTrainer straight(Supernet(tinyConfig()), cfg, 77);
    for (int i = 0; i < 4; ++i) {
        const auto [x, y] = quadrantBatch(8, i);
        straight.step(x, y);
    }
    // Interrupted: 2 steps, save, load into a fresh process-like state, 2 more steps.
    {
        torch::manual_seed(42);
        SupernetTrainer first(Supernet(tinyConfig()), cfg, 77);
        for (int i = 0; i < 2; ++i) {
            const auto [x, y] = quadrantBatch(8, i);
            first.step(x, y);
        }
        saveSupernet(file, first.net(), &first, {{"phase", "warmup"}});
    }
    LoadedSupernet loaded = loadSupernet(file, tinyConfig());
    EXPECT_TRUE(loaded.hasTrainerState);
    EXPECT_EQ(loaded.metadata["phase"], "warmup");
    SupernetTrainer resumed(loaded.net, cfg, 1);  // a different seed: the file's RNG state must win
    loadTrainerState(file, resumed);
    EXPECT_EQ(resumed.stepCount(), 2);
    for (int i = 2; i < 4; ++i) {
        const auto [x, y] = quadrantBatch(8, i);
        resumed.step(x, y);
    }
    EXPECT_TRUE(sameWeights(*straight.net(), *resumed.net()));
}

// The building block of the test above: in training mode, with batch statistics synchronised, the
// two ranks' logits are the rows of one process's logits, and the summed gradients of the
// size-weighted shard losses equal the gradient of the combined batch's loss.
TEST(Trainer, SyncBatchNormForwardAndBackwardMatchOneProcess) {
    SupernetConfig cfg = tinyConfig();
    cfg.dropout = 0.0;
    auto makeNet = [&] {
        torch::manual_seed(3);
        return Supernet(cfg);
    };
    Supernet single = makeNet(), net0 = makeNet(), net1 = makeNet();
    const auto [x, y] = quadrantBatch(13, 40);
    space::Architecture big = space::largest(cfg.space);
    for (Supernet* n : {&single, &net0, &net1}) {
        (*n)->train();
        (*n)->setActive(big);
    }
    const torch::Tensor ref = single->forward(x);
    torch::nn::functional::cross_entropy(ref, y).backward();
    auto shared = std::make_shared<ThreadCollective::Shared>();
    ThreadCollective c0(shared, 0), c1(shared, 1);
    torch::Tensor out0, out1;
    auto run = [&](Supernet& n, ThreadCollective& c, std::int64_t from, std::int64_t count, torch::Tensor& out) {
        const SyncBatchNormScope scope(&c);
        out = n->forward(x.narrow(0, from, count));
        const double w = static_cast<double>(count) / 13.0;
        (torch::nn::functional::cross_entropy(out, y.narrow(0, from, count)) * w).backward();
    };
    std::thread other([&] { run(net1, c1, 6, 7, out1); });
    run(net0, c0, 0, 6, out0);
    other.join();
    EXPECT_LE((torch::cat({out0, out1}) - ref).abs().max().item<double>(), 1e-5);
    const auto g1 = net1->named_parameters();
    const auto gs = single->named_parameters();
    double worst = 0;
    std::string where;
    for (const auto& p : net0->named_parameters()) {
        if (!p.value().grad().defined()) continue;
        const double d = (p.value().grad() + g1[p.key()].grad() - gs[p.key()].grad()).abs().max().item<double>();
        if (d > worst) worst = d, where = p.key();
    }
    EXPECT_LE(worst, 1e-5) << where;
}

// Data-parallel training (sync BN, weighted shard losses, averaged gradient buckets) equals one
// process on the combined batch; the shards of an odd batch differ in size. The reference is a
// world of one through the same arithmetic: plain and synchronised BatchNorm round differently
// (1 ulp, see the test above), and this toy's training amplifies such differences about tenfold per
// step, so a float-exact comparison needs the same formulas on both sides (and a small learning
// rate). The multi-process version over c10d/Gloo is distributed_test.
TEST(Trainer, TwoRanksTrainLikeOneProcessOnTheCombinedBatch) {
    SupernetConfig cfg = tinyConfig();
    cfg.dropout = 0.0;
    TrainConfig tc = smallConfig();
    tc.distillFromLargest = true;
    tc.learningRate = 5e-4;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> batches;
    for (int i = 0; i < 3; ++i) batches.push_back(quadrantBatch(13, 40 + i));
    auto makeNet = [&] {
        torch::manual_seed(3);
        return Supernet(cfg);
    };
    Supernet single = makeNet(), net0 = makeNet(), net1 = makeNet();
    Supernet initial = makeNet();
    SupernetTrainer ref(single, tc, 9, std::make_shared<ThreadCollective>(std::make_shared<ThreadCollective::Shared>(1), 0));
    for (const auto& [x, y] : batches) ref.step(x, y);

    auto shared = std::make_shared<ThreadCollective::Shared>(2);
    SupernetTrainer t0(net0, tc, 9, std::make_shared<ThreadCollective>(shared, 0));
    SupernetTrainer t1(net1, tc, 9, std::make_shared<ThreadCollective>(shared, 1));
    std::vector<StepStats> stats0;
    std::thread other([&] {
        for (const auto& [x, y] : batches) t1.step(x.narrow(0, 6, 7), y.narrow(0, 6, 7));
    });
    for (const auto& [x, y] : batches) stats0.push_back(t0.step(x.narrow(0, 0, 6), y.narrow(0, 0, 6)));
    other.join();
    EXPECT_GT(maxWeightDiff(*single, *initial), 1e-4);
    EXPECT_LE(maxWeightDiff(*single, *net0), 1e-5);
    EXPECT_EQ(maxWeightDiff(*net0, *net1), 0.0);
    EXPECT_EQ(stats0.back().images, 13);
}

TEST(Checkpoint, RoundTripKeepsWeightsAndBuffers) {
    test::TempDir dir;
    torch::manual_seed(8);
    Supernet net(tinyConfig(7));
    {
        torch::NoGradGuard ng;
        for (auto& b : net->named_buffers())
            if (b.key().find("running_mean") != std::string::npos) b.value().normal_();
    }
    saveSupernet(dir / "a.natsn", net);
    LoadedSupernet back = loadSupernet(dir / "a.natsn");
    EXPECT_FALSE(back.hasTrainerState);
    EXPECT_EQ(back.net->config().numClasses, 7);
    EXPECT_TRUE(sameWeights(*net, *back.net));
    const auto ba = net->named_buffers(), bb = back.net->named_buffers();
    for (const auto& b : ba) EXPECT_TRUE(torch::equal(b.value(), bb[b.key()])) << b.key();
    EXPECT_NAT_ERROR(loadTrainerState(dir / "a.natsn", *std::make_unique<SupernetTrainer>(back.net, TrainConfig{}, 1)),
                     ErrorCode::Corrupt, "holds no training state");
}

// Issue 12: every supernet file carries a CRC-32 of its archive; one flipped bit anywhere, or a
// cut, is caught before LibTorch reads a byte, and names the file.
TEST(Checkpoint, ChecksumCatchesEveryDamage) {
    test::TempDir dir;
    torch::manual_seed(8);
    saveSupernet(dir / "a.natsn", Supernet(tinyConfig(7)));
    const std::string bytes = readTextFile(dir / "a.natsn");
    ASSERT_EQ(bytes.substr(0, 8), "NATSNCK1");
    const SupernetFileCheck check = checkSupernetFile(dir / "a.natsn");
    EXPECT_TRUE(check.hasChecksum);
    EXPECT_EQ(check.bytes, bytes.size());
    // The header's CRC-32 is zlib's over everything after the 24-byte header (recomputed here by hand
    // from the stored bytes' little-endian field).
    const std::uint32_t stored = static_cast<unsigned char>(bytes[16]) | static_cast<unsigned char>(bytes[17]) << 8 |
                                 static_cast<unsigned char>(bytes[18]) << 16 |
                                 static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[19])) << 24;
    EXPECT_EQ(stored, check.crc32);
    Rng rng(3);
    for (int i = 0; i < 20; ++i) {
        std::string damaged = bytes;
        const std::size_t at = 24 + rng.next() % (bytes.size() - 24);
        damaged[at] = static_cast<char>(damaged[at] ^ (1 << (i % 8)));
        writeFileAtomic(dir / "flip.natsn", damaged);
        EXPECT_NAT_ERROR(loadSupernet(dir / "flip.natsn"), ErrorCode::Corrupt, "'" + (dir / "flip.natsn").generic_string() + "' is damaged: checksum mismatch");
        EXPECT_NAT_ERROR(checkSupernetFile(dir / "flip.natsn"), ErrorCode::Corrupt, "checksum mismatch");
    }
    writeFileAtomic(dir / "cut.natsn", std::string_view(bytes).substr(0, bytes.size() - 1));
    EXPECT_NAT_ERROR(loadSupernet(dir / "cut.natsn"), ErrorCode::Corrupt, "is truncated or damaged: its header announces");
    writeFileAtomic(dir / "cut.natsn", std::string_view(bytes).substr(0, 12));
    EXPECT_NAT_ERROR(loadSupernet(dir / "cut.natsn"), ErrorCode::Corrupt, "is truncated: 12 bytes, shorter than its header");
    writeFileAtomic(dir / "empty.natsn", "");
    EXPECT_NAT_ERROR(loadSupernet(dir / "empty.natsn"), ErrorCode::Corrupt, "is not a NAT Studio supernet file or is damaged");
    // A file from before checksums (the bare LibTorch archive) is still read.
    writeFileAtomic(dir / "old.natsn", std::string_view(bytes).substr(24));
    EXPECT_FALSE(checkSupernetFile(dir / "old.natsn").hasChecksum);
    EXPECT_EQ(loadSupernet(dir / "old.natsn").net->config().numClasses, 7);
}

TEST(Checkpoint, MismatchedAndDamagedFilesAreRefused) {
    test::TempDir dir;
    torch::manual_seed(8);
    saveSupernet(dir / "a.natsn", Supernet(tinyConfig(7)));
    EXPECT_NAT_ERROR(loadSupernet(dir / "a.natsn", tinyConfig(10)), ErrorCode::Mismatch,
                     "holds a supernet for classes: 7, but 10 is needed");
    SupernetConfig ofa;
    ofa.space = space::preset("ofa-mbv3");
    ofa.numClasses = 7;
    ofa.inputChannels = 1;
    EXPECT_NAT_ERROR(loadSupernet(dir / "a.natsn", ofa), ErrorCode::Mismatch,
                     "holds a supernet for search space 'tiny-mbv3', but 'ofa-mbv3' is needed");
    SupernetConfig rgb = tinyConfig(7);
    rgb.inputChannels = 3;
    EXPECT_NAT_ERROR(loadSupernet(dir / "a.natsn", rgb), ErrorCode::Mismatch, "input channels: 1, but 3");

    const std::string bytes = readTextFile(dir / "a.natsn");
    for (std::size_t cut : {std::size_t{10}, bytes.size() / 2, bytes.size() - 30}) {
        writeFileAtomic(dir / "cut.natsn", std::string_view(bytes).substr(0, cut));
        EXPECT_NAT_ERROR(loadSupernet(dir / "cut.natsn"), ErrorCode::Corrupt, "cut.natsn");
    }
    writeFileAtomic(dir / "junk.natsn", "this is not a checkpoint at all");
    EXPECT_NAT_ERROR(loadSupernet(dir / "junk.natsn"), ErrorCode::Corrupt, "is not a NAT Studio supernet file or is damaged");
    EXPECT_NAT_ERROR(loadSupernet(dir / "missing.natsn"), ErrorCode::Io, "does not exist");
    // The failed loads left the good file intact.
    EXPECT_NO_THROW(loadSupernet(dir / "a.natsn"));
}

TEST(Sampler, DistributionFollowsArchiveFrequencies) {
    const space::SearchSpace& s = space::preset("tiny-mbv3");
    std::vector<space::Encoding> archive;
    space::Encoding a = space::encode(s, space::largest(s)), b = space::encode(s, space::smallest(s));
    for (int i = 0; i < 3; ++i) archive.push_back(a);
    archive.push_back(b);
    const auto sampler = DistributionSampler::fromEncodings(s, 0, archive);
    Rng rng(4);
    std::map<int, int> resolutions;
    const int n = 8000;
    for (int i = 0; i < n; ++i) ++resolutions[sampler.sample(rng).resolution];
    EXPECT_EQ(resolutions.size(), 2u);  // only values seen in the archive
    EXPECT_NEAR(resolutions[32] / static_cast<double>(n), 0.75, 0.02);
    EXPECT_NEAR(resolutions[24] / static_cast<double>(n), 0.25, 0.02);
    EXPECT_NAT_ERROR(DistributionSampler::fromEncodings(s, 0, {}), ErrorCode::InvalidArgument, "at least one architecture");
}

TEST(Sampler, UniformSamplerKeepsWidth) {
    UniformSampler u(space::preset("ofa-mbv3"), 1);
    Rng rng(1);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(u.sample(rng).widthIndex, 1);
}

}  // namespace nat::supernet
