#include "supernet/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <numbers>

#include "base/error.h"

namespace nat::supernet {

using space::Architecture;

Json TrainConfig::toJson() const {
    return {{"subnets_per_step", subnetsPerStep}, {"distill_from_largest", distillFromLargest},
            {"kd_ratio", kdRatio},                {"label_smoothing", labelSmoothing},
            {"grad_clip_norm", gradClipNorm},     {"learning_rate", learningRate},
            {"momentum", momentum},               {"nesterov", nesterov},
            {"weight_decay", weightDecay},        {"warmup_steps", warmupSteps},
            {"total_steps", totalSteps},          {"channels_last", channelsLast}};
}

TrainConfig TrainConfig::fromJson(const Json& j) {
    TrainConfig c;
    const std::string ctx = "training config";
    c.subnetsPerStep = requireInt(j, "subnets_per_step", ctx);
    c.distillFromLargest = requireField(j, "distill_from_largest", ctx).get<bool>();
    c.kdRatio = requireNumber(j, "kd_ratio", ctx);
    c.labelSmoothing = requireNumber(j, "label_smoothing", ctx);
    c.gradClipNorm = requireNumber(j, "grad_clip_norm", ctx);
    c.learningRate = requireNumber(j, "learning_rate", ctx);
    c.momentum = requireNumber(j, "momentum", ctx);
    c.nesterov = requireField(j, "nesterov", ctx).get<bool>();
    c.weightDecay = requireNumber(j, "weight_decay", ctx);
    c.warmupSteps = requireField(j, "warmup_steps", ctx).get<std::int64_t>();
    c.totalSteps = requireField(j, "total_steps", ctx).get<std::int64_t>();
    c.channelsLast = requireField(j, "channels_last", ctx).get<bool>();
    return c;
}

namespace {

void checkConfig(const TrainConfig& c) {
    auto bad = [](const std::string& m) { throw Error(ErrorCode::InvalidArgument, m); };
    if (c.subnetsPerStep < 1 && !c.distillFromLargest) bad("a training step needs at least one subnet");
    if (c.subnetsPerStep < 0) bad("subnets per step must be 0 or more, got " + std::to_string(c.subnetsPerStep));
    if (!(c.learningRate > 0)) bad("learning rate must be positive, got " + std::to_string(c.learningRate));
    if (c.labelSmoothing < 0 || c.labelSmoothing >= 1)
        bad("label smoothing must be in [0, 1), got " + std::to_string(c.labelSmoothing));
    if (c.totalSteps < 1) bad("total steps must be at least 1, got " + std::to_string(c.totalSteps));
    if (c.warmupSteps < 0) bad("warm-up steps must be 0 or more, got " + std::to_string(c.warmupSteps));
}

// Cross-entropy against soft targets (knowledge distillation).
torch::Tensor softCrossEntropy(const torch::Tensor& logits, const torch::Tensor& target) {
    return -(target * torch::log_softmax(logits, 1)).sum(1).mean();
}

torch::Tensor smoothedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels, double smoothing) {
    if (smoothing <= 0.0) return torch::nn::functional::cross_entropy(logits, labels);
    const auto n = logits.size(1);
    torch::Tensor target = torch::full_like(logits, smoothing / static_cast<double>(n));
    target.scatter_(1, labels.unsqueeze(1), 1.0 - smoothing + smoothing / static_cast<double>(n));
    return softCrossEntropy(logits, target);
}

double top1(const torch::Tensor& logits, const torch::Tensor& labels) {
    return logits.argmax(1).eq(labels).to(torch::kDouble).mean().item<double>();
}

}  // namespace

torch::Tensor resizeBatch(const torch::Tensor& images, int r) {
    if (images.size(2) == r && images.size(3) == r) return images;
    namespace F = torch::nn::functional;
    return F::interpolate(images, F::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{r, r})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
}

SupernetTrainer::SupernetTrainer(Supernet net, TrainConfig config, std::uint64_t seed,
                                 std::shared_ptr<Collective> collective)
    : m_net(std::move(net)), m_config(config), m_collective(std::move(collective)), m_rng(seed) {
    checkConfig(m_config);
    // Dropout masks: rank 0 keeps the one-process stream, other ranks draw their own (their shards
    // hold other images). Subnet sampling uses m_rng, identical on every rank.
    const int rank = m_collective ? m_collective->rank() : 0;
    torch::manual_seed(rank == 0 ? deriveSeed(seed, 1) : deriveSeed(deriveSeed(seed, 1), static_cast<std::uint64_t>(rank)));
    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& p : m_net->named_parameters()) {
        const bool isNorm = p.key().find("bn") != std::string::npos || p.key().find("bias") != std::string::npos;
        (isNorm ? noDecay : decay).push_back(p.value());
    }
    auto opts = torch::optim::SGDOptions(m_config.learningRate)
                    .momentum(m_config.momentum)
                    .nesterov(m_config.nesterov)
                    .weight_decay(m_config.weightDecay);
    auto noDecayOpts = std::make_unique<torch::optim::SGDOptions>(opts);
    noDecayOpts->weight_decay(0.0);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::SGDOptions>(opts));
    groups.emplace_back(noDecay, std::move(noDecayOpts));
    m_optimizer = std::make_unique<torch::optim::SGD>(groups, opts);
    m_sampler = std::make_shared<UniformSampler>(m_net->space(), m_net->config().widthIndex);
}

SupernetTrainer::~SupernetTrainer() = default;

void SupernetTrainer::setSampler(std::shared_ptr<const ArchSampler> sampler) { m_sampler = std::move(sampler); }

double SupernetTrainer::learningRateAt(std::int64_t step) const {
    const double base = m_config.learningRate;
    if (step < m_config.warmupSteps) return base * static_cast<double>(step + 1) / static_cast<double>(m_config.warmupSteps);
    const double span = std::max<std::int64_t>(1, m_config.totalSteps - m_config.warmupSteps);
    const double t = std::min(1.0, static_cast<double>(step - m_config.warmupSteps) / span);
    return 0.5 * base * (1.0 + std::cos(std::numbers::pi * t));
}

torch::Tensor SupernetTrainer::forwardAt(const Architecture& arch, const torch::Tensor& images) {
    m_net->setActive(arch);
    torch::Tensor x = resizeBatch(images, arch.resolution);
    // .to(), not .contiguous(): a 1-channel NCHW batch already counts as channels-last contiguous, so
    // contiguous() would keep NCHW strides and every later layer would run NCHW (PLATFORM-NOTES.md).
    if (m_config.channelsLast) x = x.to(x.options(), false, false, torch::MemoryFormat::ChannelsLast);
    return m_net->forward(x);
}

StepStats SupernetTrainer::step(const torch::Tensor& images, const torch::Tensor& labelsIn) {
    if (images.dim() != 4 || images.size(1) != m_net->config().inputChannels)
        throw Error(ErrorCode::InvalidArgument, "training images must be [N, " +
                                                    std::to_string(m_net->config().inputChannels) + ", H, W]");
    const auto device = m_net->stemWeight.device();
    // 1-channel NCHW is already "channels-last" by strides; .to() with an explicit format converts anyway.
    const torch::Tensor x = images.to(device, torch::kFloat);
    const torch::Tensor labels = labelsIn.to(device, torch::kLong);
    if (x.size(0) < 1) throw Error(ErrorCode::InvalidArgument, "a training step needs at least one image");
    StepStats s;
    s.step = m_step;
    s.images = x.size(0);
    // Each rank's losses are means over its shard; weighting them by shard/global × ranks makes the
    // averaged gradient the mean over the global batch even when shards differ by one image.
    double weight = 1.0;
    if (m_collective) {
        std::vector<torch::Tensor> n{torch::full({1}, static_cast<double>(x.size(0)), x.options().dtype(torch::kDouble))};
        m_collective->allReduceSum(n);
        s.images = std::llround(n[0].item<double>());
        weight = static_cast<double>(x.size(0)) * m_collective->worldSize() / static_cast<double>(s.images);
    }
    const SyncBatchNormScope syncBn(m_collective.get());
    s.learningRate = learningRateAt(m_step);
    for (auto& g : m_optimizer->param_groups()) static_cast<torch::optim::SGDOptions&>(g.options()).lr(s.learningRate);
    m_net->train();
    // Drop gradients instead of zeroing them: a parameter no subnet of this step used then gets no
    // momentum or weight-decay update (LibTorch 1.13's zero_grad() keeps zero tensors, which would also
    // make a resumed run differ from an uninterrupted one).
    for (auto& p : m_net->parameters()) p.mutable_grad() = torch::Tensor();

    torch::Tensor soft;
    if (m_config.distillFromLargest) {
        Architecture big = space::largest(m_net->space());
        big.widthIndex = m_net->config().widthIndex;
        const torch::Tensor logits = forwardAt(big, x);
        torch::Tensor loss = smoothedCrossEntropy(logits, labels, m_config.labelSmoothing);
        (weight == 1.0 ? loss : loss * weight).backward();
        s.teacherLoss = loss.item<double>();
        soft = torch::softmax(logits.detach(), 1);
    }
    for (int i = 0; i < m_config.subnetsPerStep; ++i) {
        const torch::Tensor logits = forwardAt(m_sampler->sample(m_rng), x);
        const torch::Tensor ce = smoothedCrossEntropy(logits, labels, m_config.labelSmoothing);
        torch::Tensor loss = ce;
        if (soft.defined() && m_config.kdRatio > 0) {
            const torch::Tensor kd = softCrossEntropy(logits, soft);
            loss = loss + m_config.kdRatio * kd;
            s.kdLoss += kd.item<double>() / m_config.subnetsPerStep;
        }
        (weight == 1.0 ? loss : loss * weight).backward();
        s.loss += ce.item<double>() / m_config.subnetsPerStep;
        s.accuracy += top1(logits.detach(), labels) / m_config.subnetsPerStep;
    }
    if (m_collective) {
        averageGradients();
        // Batch figures of the global batch: each rank's means weighted by its shard size.
        const double local = static_cast<double>(x.size(0));
        std::vector<torch::Tensor> t{torch::tensor({s.loss * local, s.accuracy * local, s.teacherLoss * local, s.kdLoss * local},
                                                   x.options().dtype(torch::kDouble))};
        m_collective->allReduceSum(t);
        const torch::Tensor mean = (t[0] / static_cast<double>(s.images)).cpu();
        s.loss = mean[0].item<double>();
        s.accuracy = mean[1].item<double>();
        s.teacherLoss = mean[2].item<double>();
        s.kdLoss = mean[3].item<double>();
    }
    const double clip = m_config.gradClipNorm > 0 ? m_config.gradClipNorm : std::numeric_limits<double>::infinity();
    s.gradNorm = torch::nn::utils::clip_grad_norm_(m_net->parameters(), clip);
    m_optimizer->step();
    ++m_step;
    return s;
}

// Gradients are concatenated into flat buckets (one all-reduce per bucket instead of one per
// tensor), summed across ranks and divided by the number of ranks. Every rank sampled the same
// subnets, so the same parameters have gradients, in the same order, on every rank.
void SupernetTrainer::averageGradients() {
    std::vector<torch::Tensor> grads;
    for (auto& p : m_net->parameters())
        if (p.grad().defined()) grads.push_back(p.mutable_grad());
    const double inv = 1.0 / m_collective->worldSize();
    std::size_t begin = 0;
    while (begin < grads.size()) {
        std::size_t end = begin;
        std::int64_t elements = 0;
        while (end < grads.size() && (end == begin || elements + grads[end].numel() <= kGradientBucketElements) &&
               grads[end].scalar_type() == grads[begin].scalar_type())
            elements += grads[end++].numel();
        std::vector<torch::Tensor> flat;
        for (std::size_t i = begin; i < end; ++i) flat.push_back(grads[i].reshape({-1}));
        std::vector<torch::Tensor> bucket{torch::cat(flat)};
        m_collective->allReduceSum(bucket);
        bucket[0].mul_(inv);
        std::int64_t offset = 0;
        for (std::size_t i = begin; i < end; ++i) {
            grads[i].copy_(bucket[0].narrow(0, offset, grads[i].numel()).view(grads[i].sizes()));
            offset += grads[i].numel();
        }
        begin = end;
    }
}

// The optimizer's only state is SGD's momentum buffer per parameter. It is stored by parameter
// name: LibTorch's own optimizer serialisation keys state by TensorImpl address and did not restore
// it exactly into a fresh network.
void SupernetTrainer::save(torch::serialize::OutputArchive& archive) const {
    torch::serialize::OutputArchive momentum;
    auto& state = m_optimizer->state();
    for (const auto& p : m_net->named_parameters()) {
        const auto it = state.find(c10::guts::to_string(p.value().unsafeGetTensorImpl()));
        if (it == state.end()) continue;
        const auto& sgd = static_cast<const torch::optim::SGDParamState&>(*it->second);
        if (sgd.momentum_buffer().defined()) momentum.write(p.key(), sgd.momentum_buffer());
    }
    archive.write("optimizer_momentum", momentum);
    archive.write("trainer_step", c10::IValue(m_step));
    archive.write("trainer_rng", c10::IValue(m_rng.state()));
    archive.write("trainer_config", c10::IValue(m_config.toJson().dump()));
    archive.write("torch_rng", at::detail::getDefaultCPUGenerator().get_state());
}

void SupernetTrainer::load(torch::serialize::InputArchive& archive) {
    torch::serialize::InputArchive momentum;
    archive.read("optimizer_momentum", momentum);
    auto& state = m_optimizer->state();
    state.clear();
    const auto params = m_net->named_parameters();
    for (const std::string& name : momentum.keys()) {
        torch::Tensor buffer;
        momentum.read(name, buffer);
        const torch::Tensor* param = params.find(name);
        if (!param) throw Error(ErrorCode::Corrupt, "optimizer state names an unknown parameter '" + name + "'");
        auto st = std::make_unique<torch::optim::SGDParamState>();
        st->momentum_buffer(buffer.to(param->device()));
        state[c10::guts::to_string(param->unsafeGetTensorImpl())] = std::move(st);
    }
    c10::IValue v;
    archive.read("trainer_step", v);
    m_step = v.toInt();
    archive.read("trainer_rng", v);
    m_rng.setState(v.toStringRef());
    torch::Tensor gen;
    archive.read("torch_rng", gen);
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(gen);
}

}  // namespace nat::supernet
