#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <vector>

#include "space/architecture.h"
#include "supernet/elastic_layers.h"

namespace nat::supernet {

/// What a supernet is built for: one search space, one width of it, a task.
struct SupernetConfig {
    space::SearchSpace space;
    int widthIndex = 0;
    int numClasses = 10;
    int inputChannels = 3;
    double dropout = 0.1;
    double bnMomentum = 0.1;
    double bnEps = 1e-5;

    Json toJson() const;
    static SupernetConfig fromJson(const Json& j);
};

/// The elastic OFA-style MobileNetV3 supernet of one width (NAT-REFERENCE.md §3): stem → first block
/// → elastic stages → final expand → pool → feature mix → classifier. `setActive(arch)` selects a
/// subnet (depth, kernel, expand per layer); `forward` runs it at whatever resolution the input has.
/// Thread-safety: none; one caller at a time (the engine's job thread).
class SupernetImpl : public torch::nn::Module {
public:
    explicit SupernetImpl(SupernetConfig config);

    const SupernetConfig& config() const { return m_config; }
    const space::SearchSpace& space() const { return m_config.space; }

    /// Selects the active subnet. Throws Error(InvalidArgument) for an architecture outside the
    /// space or of another width.
    void setActive(const space::Architecture& arch);
    const space::Architecture& active() const { return m_active; }

    torch::Tensor forward(const torch::Tensor& x, BnMode mode = BnMode::Normal);

    /// Re-sorts the middle channels of every elastic layer by importance (OFA).
    void sortChannels();

    /// Layer slots: blocks()[0] is the first block, then stage s layer j at 1 + s·maxDepth + j.
    const std::vector<ElasticMBConv>& blocks() const { return m_blocks; }
    int blockIndex(int stage, int layer) const { return 1 + stage * m_config.space.maxDepth() + layer; }

    // Fixed layers, exposed for extraction and import.
    torch::Tensor stemWeight, finalExpandWeight, featureMixWeight, classifierWeight, classifierBias;
    ElasticBatchNorm stemBn{nullptr}, finalExpandBn{nullptr};

private:
    SupernetConfig m_config;
    space::Architecture m_active;
    std::vector<ElasticMBConv> m_blocks;
};
TORCH_MODULE(Supernet);

/// Weights that fixed (non-elastic) parts share between the supernet and a static subnet.
torch::Tensor headForward(const torch::Tensor& x, const torch::Tensor& finalExpandW,
                          const std::function<torch::Tensor(const torch::Tensor&)>& finalBn,
                          const torch::Tensor& featureMixW, const torch::Tensor& classifierW,
                          const torch::Tensor& classifierB, double dropout, bool training);

}  // namespace nat::supernet
