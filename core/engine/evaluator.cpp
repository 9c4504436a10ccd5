#include "engine/evaluator.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"
#include "data/loader.h"

namespace nat::engine {

Evaluator::Evaluator(const data::Dataset& dataset, const data::Split& split, const data::ChannelStats& stats,
                     int calibrationImages, int batchSize, torch::Device device)
    : m_dataset(dataset), m_split(split), m_stats(stats), m_calibrationImages(calibrationImages),
      m_batchSize(batchSize), m_device(device) {
    // Calibration images: a fixed, seeded subset of the training split.
    m_calibrationIndices = split.train;
    Rng rng(deriveSeed(split.options.seed, 77));
    rng.shuffle(m_calibrationIndices);
    if (static_cast<int>(m_calibrationIndices.size()) > calibrationImages) m_calibrationIndices.resize(calibrationImages);
    std::sort(m_calibrationIndices.begin(), m_calibrationIndices.end());
    if (dataset.test) {
        m_testIndices.resize(dataset.test->size());
        std::iota(m_testIndices.begin(), m_testIndices.end(), 0);
    }
}

Evaluator::Cached Evaluator::build(const data::ImageSet& set, const std::vector<std::int64_t>& indices,
                                   int resolution) const {
    data::LoaderOptions o = data::evaluationLoaderOptions(m_stats, resolution);
    o.batchSize = std::max<int>(1, static_cast<int>(indices.size()));
    o.workers = 0;
    o.channelsLast = m_device.is_cpu();  // oneDNN's depthwise kernels are faster in NHWC on CPU
    data::Batch b = data::makeBatch(set, indices, o, 0);
    return {b.images.to(m_device), b.labels.to(m_device)};
}

const Evaluator::Cached& Evaluator::cached(const std::string& which, int resolution) {
    const auto key = std::make_pair(which, resolution);
    auto it = m_cache.find(key);
    if (it != m_cache.end()) return it->second;
    Cached c;
    if (which == "calib") {
        c = build(*m_dataset.train, m_calibrationIndices, resolution);
    } else if (which == "val") {
        c = build(data::validationImages(m_dataset, m_split), m_split.val, resolution);
    } else {
        if (!m_dataset.test || m_dataset.test->empty())
            throw Error(ErrorCode::InvalidArgument, "dataset '" + m_dataset.name + "' has no test split");
        c = build(*m_dataset.test, m_testIndices, resolution);
    }
    return m_cache.emplace(key, std::move(c)).first->second;
}

supernet::StaticSubnet Evaluator::calibratedSubnet(supernet::SupernetImpl& net, const space::Architecture& arch) {
    net.setActive(arch);
    supernet::StaticSubnet sub(supernet::StaticSubnetImpl::extract(net));
    sub->to(m_device);
    recalibrate(sub);
    return sub;
}

void Evaluator::recalibrate(supernet::StaticSubnet& sub) {
    const Cached& calib = cached("calib", sub->architecture().resolution);
    std::int64_t pos = 0;
    const std::int64_t n = calib.images.size(0);
    sub->recalibrateBn([&](torch::Tensor& batch) {
        if (pos >= n) return false;
        const std::int64_t len = std::min<std::int64_t>(m_batchSize, n - pos);
        batch = calib.images.narrow(0, pos, len);
        pos += len;
        return true;
    });
    sub->eval();
}

namespace {
// Predictions of `net` on `images`, in batches, checking for cancellation between batches.
torch::Tensor predictAll(supernet::StaticSubnet& net, const torch::Tensor& images, int batchSize, std::stop_token stop) {
    torch::NoGradGuard ng;
    std::vector<torch::Tensor> parts;
    for (std::int64_t pos = 0; pos < images.size(0); pos += batchSize) {
        if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");
        const std::int64_t len = std::min<std::int64_t>(batchSize, images.size(0) - pos);
        parts.push_back(net->forward(images.narrow(0, pos, len)).argmax(1));
    }
    return parts.empty() ? torch::empty({0}, torch::kLong) : torch::cat(parts);
}
}  // namespace

double Evaluator::validationError(supernet::SupernetImpl& net, const space::Architecture& arch, std::stop_token stop) {
    return measure(net, arch, false, false, stop).error;
}

Evaluator::Measurement Evaluator::measure(supernet::SupernetImpl& net, const space::Architecture& arch,
                                          bool cpuLatency, bool gpuLatency, std::stop_token stop) {
    if (gpuLatency && !m_device.is_cuda())
        throw Error(ErrorCode::Unsupported, "the gpu_ms objective needs a CUDA device (this search runs on " +
                                                m_device.str() + ")");
    supernet::StaticSubnet sub = calibratedSubnet(net, arch);
    const Cached& val = cached("val", arch.resolution);
    const torch::Tensor pred = predictAll(sub, val.images, m_batchSize, stop);
    const double correct = pred.eq(val.labels).sum().item<double>();
    Measurement m;
    m.error = 1.0 - correct / std::max<double>(1.0, static_cast<double>(val.labels.size(0)));
    if (gpuLatency) m.gpuMs = gpuLatencyMs(sub, m_device);
    if (cpuLatency) m.cpuMs = cpuLatencyMs(sub);
    return m;
}

double Evaluator::top1(supernet::StaticSubnet& net, const std::string& which, std::stop_token stop) {
    if (which != "calib" && which != "val" && which != "test")
        throw Error(ErrorCode::InvalidArgument, "split must be 'calib', 'val' or 'test', got '" + which + "'");
    net->eval();
    const Cached& c = cached(which, net->architecture().resolution);
    const torch::Tensor pred = predictAll(net, c.images, m_batchSize, stop);
    const double correct = pred.eq(c.labels).sum().item<double>();
    return correct / std::max<double>(1.0, static_cast<double>(c.labels.size(0)));
}

EvaluationResult Evaluator::evaluate(supernet::StaticSubnet& net, const std::string& split, std::stop_token stop) {
    if (split != "val" && split != "test")
        throw Error(ErrorCode::InvalidArgument, "split must be 'val' or 'test', got '" + split + "'");
    const int r = net->architecture().resolution;
    const Cached& c = cached(split, r);
    const torch::Tensor pred = predictAll(net, c.images, m_batchSize, stop).cpu();
    const torch::Tensor labels = c.labels.cpu();
    EvaluationResult res;
    res.split = split;
    res.classNames = m_dataset.classNames;
    const int k = static_cast<int>(res.classNames.size());
    res.confusion.assign(k, std::vector<long long>(k, 0));
    const auto* p = pred.data_ptr<std::int64_t>();
    const auto* l = labels.data_ptr<std::int64_t>();
    long long correct = 0;
    const data::ImageSet& set = split == "test" ? *m_dataset.test : data::validationImages(m_dataset, m_split);
    const std::vector<std::int64_t>& indices = split == "test" ? m_testIndices : m_split.val;
    for (std::int64_t i = 0; i < pred.size(0); ++i) {
        ++res.confusion[l[i]][p[i]];
        if (p[i] == l[i]) {
            ++correct;
        } else if (res.misclassified.size() < 32) {
            const data::Thumbnail t = data::makeThumbnail(set, static_cast<std::size_t>(indices[i]), 64);
            res.misclassified.push_back({indices[i], static_cast<int>(l[i]), static_cast<int>(p[i]), t.width, t.height,
                                         t.channels, std::vector<unsigned char>(t.pixels.begin(), t.pixels.end())});
        }
    }
    res.top1 = pred.size(0) ? static_cast<double>(correct) / static_cast<double>(pred.size(0)) : 0.0;
    for (int c = 0; c < k; ++c) {
        const long long total = std::accumulate(res.confusion[c].begin(), res.confusion[c].end(), 0LL);
        res.perClassAccuracy.push_back(total ? static_cast<double>(res.confusion[c][c]) / total : 0.0);
    }
    return res;
}

torch::Tensor Evaluator::sampleImages(int resolution, int n) {
    const bool hasTest = m_dataset.test && !m_dataset.test->empty();
    const Cached& c = cached(hasTest ? "test" : "val", resolution);
    // Plain NCHW: callers hand the raw buffer to other runtimes (OpenCV DNN, ONNX checks).
    return c.images.narrow(0, 0, std::min<std::int64_t>(n, c.images.size(0))).cpu().contiguous();
}

namespace {
// Median batch-1 forward time of `net` on `x` in milliseconds: `warmups` untimed runs, then `runs`
// timed ones, each followed by `sync` (a no-op on CPU; waits for the GPU's queue on CUDA).
template <class Sync>
double medianForwardMs(supernet::StaticSubnet& net, const torch::Tensor& x, int warmups, int runs, Sync sync) {
    torch::NoGradGuard ng;
    net->eval();
    for (int i = 0; i < warmups; ++i) net->forward(x);
    sync();
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        net->forward(x);
        sync();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
    return ms[ms.size() / 2];
}
}  // namespace

double Evaluator::cpuLatencyMs(supernet::StaticSubnet& net, int runs) {
    const int r = net->architecture().resolution;
    net->to(torch::kCPU);
    return medianForwardMs(net, torch::randn({1, net->config().inputChannels, r, r}), 3, runs, [] {});
}

double Evaluator::gpuLatencyMs(supernet::StaticSubnet& net, torch::Device device, int runs) {
    if (!device.is_cuda() || !torch::cuda::is_available())
        throw Error(ErrorCode::Unsupported, "GPU latency needs a CUDA device; '" + device.str() + "' is not one");
    const int r = net->architecture().resolution;
    net->to(device);
    const torch::Tensor x = torch::randn({1, net->config().inputChannels, r, r}, torch::TensorOptions().device(device));
    return medianForwardMs(net, x, 10, runs, [&] { torch::cuda::synchronize(device.has_index() ? device.index() : -1); });
}

}  // namespace nat::engine
