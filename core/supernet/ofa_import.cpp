#include "supernet/ofa_import.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <map>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"

namespace nat::supernet {

namespace {

// Our per-block names → OFA's (canonical spelling) inside `blocks.<i>.conv.` (NAT-REFERENCE.md §3;
// once-for-all DynamicMBConvLayer / MBConvLayer: inverted_bottleneck, depth_conv (+ se),
// point_linear, each a Sequential of conv, bn, act).
const std::map<std::string, std::string>& blockTensors() {
    static const std::map<std::string, std::string> m = {
        {"ib_weight", "inverted_bottleneck.conv.weight"},
        {"dw_weight", "depth_conv.conv.weight"},
        {"se_reduce_weight", "depth_conv.se.fc.reduce.weight"},
        {"se_reduce_bias", "depth_conv.se.fc.reduce.bias"},
        {"se_expand_weight", "depth_conv.se.fc.expand.weight"},
        {"se_expand_bias", "depth_conv.se.fc.expand.bias"},
        {"proj_weight", "point_linear.conv.weight"},
    };
    return m;
}

const std::vector<std::pair<std::string, std::string>>& blockBatchNorms() {
    static const std::vector<std::pair<std::string, std::string>> v = {
        {"ib_bn.", "inverted_bottleneck.bn."}, {"dw_bn.", "depth_conv.bn."}, {"proj_bn.", "point_linear.bn."}};
    return v;
}

std::string blockKey(const MBConvSpec& spec, const std::string& local) {
    if (auto it = blockTensors().find(local); it != blockTensors().end()) return it->second;
    for (const auto& [ours, theirs] : blockBatchNorms())
        if (local.starts_with(ours)) return theirs + local.substr(ours.size());
    // transform_<k> maps the next larger kernel to k: OFA's "<larger>to<k>_matrix".
    if (local.starts_with("transform_")) {
        const int k = std::stoi(local.substr(10));
        for (std::size_t i = 0; i + 1 < spec.kernels.size(); ++i)
            if (spec.kernels[i] == k)
                return "depth_conv.conv." + std::to_string(spec.kernels[i + 1]) + "to" + std::to_string(k) + "_matrix";
    }
    return {};
}

std::string shapeText(at::IntArrayRef sizes) {
    std::ostringstream os;
    os << "[";
    for (std::size_t i = 0; i < sizes.size(); ++i) os << (i ? ", " : "") << sizes[i];
    os << "]";
    return os.str();
}

struct Target {
    std::string name;
    torch::Tensor tensor;
    bool parameter = false;
    std::string filledBy;  ///< checkpoint key that filled it
};

// Canonical OFA key → our tensor, for every parameter and buffer of `net`.
std::map<std::string, Target> targetsOf(SupernetImpl& net, std::vector<std::string>& unmapped) {
    std::map<std::string, Target> targets;
    auto add = [&](const std::string& name, const torch::Tensor& t, bool parameter) {
        const std::string key = ofaKeyFor(net, name);
        if (key.empty()) unmapped.push_back(name);
        else targets[key] = Target{name, t, parameter, {}};
    };
    for (const auto& p : net.named_parameters()) add(p.key(), p.value(), true);
    for (const auto& b : net.named_buffers()) add(b.key(), b.value(), false);
    return targets;
}

const torch::Tensor* findCanonical(const StateDict& tensors, const std::string& canonical) {
    for (const auto& [key, t] : tensors)
        if (canonicalOfaKey(key) == canonical) return &t;
    return nullptr;
}

int checkedWidth(const StateDict& tensors, const space::SearchSpace& s, int widthIndex, const std::string& file) {
    const torch::Tensor* stem = findCanonical(tensors, "first_conv.conv.weight");
    if (!stem || stem->dim() != 4)
        throw Error(ErrorCode::Mismatch, file + " is not an OFA-MobileNetV3 checkpoint: it has no first_conv.conv.weight");
    const int channels = static_cast<int>(stem->size(0));
    if (channels == s.stemChannels[widthIndex]) return widthIndex;
    std::string known;
    for (int w = 0; w < s.numWidths(); ++w)
        known += (w ? ", " : "") + std::to_string(s.stemChannels[w]) + " at w" + space::widthLabel(s.widthMults[w]);
    for (int w = 0; w < s.numWidths(); ++w)
        if (s.stemChannels[w] == channels)
            throw Error(ErrorCode::Mismatch, file + " is an OFA w" + space::widthLabel(s.widthMults[w]) +
                                                 " supernet (first conv has " + std::to_string(channels) +
                                                 " channels) but width " + space::widthLabel(s.widthMults[widthIndex]) +
                                                 " was asked for; use --width " + space::widthLabel(s.widthMults[w]));
    throw Error(ErrorCode::Mismatch, file + ": first conv has " + std::to_string(channels) +
                                         " channels, which is no width of ofa-mbv3 (" + known + ")");
}

}  // namespace

std::string ofaKeyFor(const SupernetImpl& net, const std::string& name) {
    static const std::map<std::string, std::string> fixed = {
        {"stem_weight", "first_conv.conv.weight"},
        {"final_expand_weight", "final_expand_layer.conv.weight"},
        {"feature_mix_weight", "feature_mix_layer.conv.weight"},
        {"classifier_weight", "classifier.linear.weight"},
        {"classifier_bias", "classifier.linear.bias"}};
    static const std::vector<std::pair<std::string, std::string>> fixedBns = {
        {"stem_bn.", "first_conv.bn."}, {"final_expand_bn.", "final_expand_layer.bn."}};
    if (auto it = fixed.find(name); it != fixed.end()) return it->second;
    for (const auto& [ours, theirs] : fixedBns)
        if (name.starts_with(ours)) return theirs + name.substr(ours.size());
    const std::string prefix = "blocks.";
    const std::size_t dot = name.find('.', prefix.size());
    if (!name.starts_with(prefix) || dot == std::string::npos) return {};
    const std::string index = name.substr(prefix.size(), dot - prefix.size());
    if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) return {};
    const std::size_t i = std::stoul(index);
    if (i >= net.blocks().size()) return {};
    const std::string local = blockKey(net.blocks()[i]->spec(), name.substr(dot + 1));
    return local.empty() ? std::string{} : prefix + index + ".conv." + local;
}

ImportReport placeOfaStateDict(const StateDict& tensors, SupernetImpl& net, bool keepClassifier) {
    ImportReport r;
    r.checkpointTensors = static_cast<std::int64_t>(tensors.size());
    std::vector<std::string> unmapped;
    std::map<std::string, Target> targets = targetsOf(net, unmapped);
    torch::NoGradGuard ng;
    for (const auto& [key, t] : tensors) {
        const std::string canonical = canonicalOfaKey(key);
        if (canonical == "classifier.linear.weight" && t.dim() == 2) r.checkpointClasses = static_cast<int>(t.size(0));
        auto it = targets.find(canonical);
        if (it == targets.end()) {
            r.unusedKeys.push_back(key);
            continue;
        }
        if (!keepClassifier && canonical.starts_with("classifier.")) {
            r.skippedKeys.push_back(key);
            continue;
        }
        Target& target = it->second;
        if (!target.filledBy.empty())
            throw Error(ErrorCode::Mismatch, "checkpoint keys '" + target.filledBy + "' and '" + key +
                                                 "' are two spellings of the same tensor");
        if (t.sizes() != target.tensor.sizes())
            throw Error(ErrorCode::Mismatch, "checkpoint tensor '" + key + "' has shape " + shapeText(t.sizes()) +
                                                 " but the supernet's '" + target.name + "' needs " +
                                                 shapeText(target.tensor.sizes()));
        target.tensor.copy_(t);
        target.filledBy = key;
        r.placed.push_back(target.name);
        if (target.parameter) r.placedParameters += t.numel();
    }
    for (const auto& [canonical, target] : targets)
        if (target.filledBy.empty() && (keepClassifier || !canonical.starts_with("classifier.")))
            r.missingNames.push_back(target.name);
    for (const auto& name : unmapped) r.missingNames.push_back(name);
    return r;
}

ImportedSupernet importOfa(const std::filesystem::path& checkpoint, const OfaImportOptions& options) {
    const space::SearchSpace& s = space::preset("ofa-mbv3");
    if (options.widthIndex < 0 || options.widthIndex >= s.numWidths())
        throw Error(ErrorCode::InvalidArgument, "OFA width index must be 0 (w1.0) or 1 (w1.2), got " +
                                                    std::to_string(options.widthIndex));
    if (options.numClasses < 0)
        throw Error(ErrorCode::InvalidArgument, "number of classes must be at least 1, got " +
                                                    std::to_string(options.numClasses));
    const StateDict tensors = readStateDict(checkpoint);
    const std::string file = quoted(checkpoint);
    checkedWidth(tensors, s, options.widthIndex, file);
    const torch::Tensor* classifier = findCanonical(tensors, "classifier.linear.weight");
    if (!classifier && options.numClasses == 0)
        throw Error(ErrorCode::Mismatch, file + " has no classifier.linear.weight; give the number of classes for a new one");
    const int ckptClasses = classifier ? static_cast<int>(classifier->size(0)) : 0;
    const bool keep = options.numClasses == 0 || options.numClasses == ckptClasses;

    SupernetConfig config;
    config.space = s;
    config.widthIndex = options.widthIndex;
    config.numClasses = keep ? ckptClasses : options.numClasses;
    config.inputChannels = 3;
    config.dropout = 0.1;  // OFA-MobileNetV3's dropout_rate
    ImportedSupernet out{Supernet(config), {}};
    out.report = placeOfaStateDict(tensors, *out.net, keep);
    out.report.checkpointClasses = ckptClasses;
    out.report.freshClassifier = !keep;
    if (!keep) {
        // A fresh classifier for transfer, seeded so the same command gives the same file.
        torch::NoGradGuard ng;
        at::Generator gen = at::detail::createCPUGenerator(options.seed);
        out.net->classifierWeight.normal_(0.0, 0.01, gen);
        out.net->classifierBias.zero_();
    }
    return out;
}

}  // namespace nat::supernet
