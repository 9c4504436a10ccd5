#include "export/graph.h"

#include <torch/torch.h>

#include <algorithm>
#include <cassert>
#include <map>

namespace nat::exporting {

namespace nn = torch::nn;
using supernet::StaticSubnetImpl;

namespace {

// Appends ops with readable value names ("s2_l1/dw", "s2_l1/dw_bn", ...).
class Builder {
public:
    explicit Builder(Graph& g) : m_g(g) {}

    std::string conv(const std::string& x, const std::string& name, const nn::Conv2d& c) {
        Op op{OpKind::Conv, {x}, name, {addTensor(name + ".weight", c->weight)}};
        if (c->options.bias()) op.params.push_back(addTensor(name + ".bias", c->bias));
        op.kernel = static_cast<int>(c->weight.size(2));
        op.stride = static_cast<int>(c->options.stride()->at(0));
        op.groups = static_cast<int>(c->options.groups());
        return push(std::move(op));
    }

    std::string bn(const std::string& x, const std::string& name, const nn::BatchNorm2d& b) {
        Op op{OpKind::BatchNorm, {x}, name,
              {addTensor(name + ".weight", b->weight), addTensor(name + ".bias", b->bias),
               addTensor(name + ".running_mean", b->running_mean), addTensor(name + ".running_var", b->running_var)}};
        op.eps = b->options.eps();
        return push(std::move(op));
    }

    std::string unary(OpKind kind, const std::string& x, const std::string& name) {
        return push(Op{kind, {x}, name, {}});
    }
    std::string binary(OpKind kind, const std::string& a, const std::string& b, const std::string& name) {
        return push(Op{kind, {a, b}, name, {}});
    }
    std::string act(space::Activation a, const std::string& x, const std::string& name) {
        return unary(a == space::Activation::Relu ? OpKind::Relu : OpKind::HardSwish, x, name);
    }

    std::string gemm(const std::string& x, const std::string& name, const nn::Linear& l) {
        return push(Op{OpKind::Gemm, {x}, name,
                       {addTensor(name + ".weight", l->weight), addTensor(name + ".bias", l->bias)}});
    }

private:
    std::string addTensor(const std::string& name, const torch::Tensor& t) {
        m_g.tensors.emplace_back(name, t.detach().to(torch::kFloat).contiguous().clone());
        return name;
    }
    std::string push(Op op) {
        m_g.ops.push_back(std::move(op));
        return m_g.ops.back().output;
    }
    Graph& m_g;
};

std::string mbconv(Builder& b, const supernet::StaticMBConvImpl& l, const std::string& x, const std::string& p) {
    const supernet::MBConvSpec& spec = l.spec();
    std::string y = x;
    if (l.ib) y = b.act(spec.act, b.bn(b.conv(y, p + "/ib", l.ib), p + "/ib_bn", l.ibBn), p + "/ib_act");
    y = b.act(spec.act, b.bn(b.conv(y, p + "/dw", l.dw), p + "/dw_bn", l.dwBn), p + "/dw_act");
    if (l.seReduce) {
        std::string s = b.unary(OpKind::GlobalAvgPool, y, p + "/se_pool");
        s = b.unary(OpKind::Relu, b.conv(s, p + "/se_reduce", l.seReduce), p + "/se_relu");
        s = b.unary(OpKind::HardSigmoid, b.conv(s, p + "/se_expand", l.seExpand), p + "/se_gate");
        y = b.binary(OpKind::Mul, y, s, p + "/se_scale");
    }
    y = b.bn(b.conv(y, p + "/proj", l.proj), p + "/proj_bn", l.projBn);
    return spec.residual() ? b.binary(OpKind::Add, y, x, p + "/add") : y;
}

}  // namespace

const torch::Tensor& Graph::tensor(const std::string& name) const {
    for (const auto& [n, t] : tensors)
        if (n == name) return t;
    assert(false && "unknown tensor");
    static const torch::Tensor none;
    return none;
}

Graph buildGraph(const StaticSubnetImpl& net) {
    torch::NoGradGuard ng;
    Graph g;
    g.inputChannels = net.config().inputChannels;
    g.resolution = net.architecture().resolution;
    g.numClasses = net.numClasses();
    Builder b(g);
    std::string y = b.unary(OpKind::HardSwish, b.bn(b.conv(g.input, "stem", net.stem), "stem_bn", net.stemBn), "stem_act");
    // Module names as registered in StaticSubnetImpl (block0, s1_l1, ...), so names match the weights file.
    const auto children = net.named_children();
    std::size_t li = 0;
    for (const auto& item : children) {
        if (li < net.layers.size() && item.value().get() == net.layers[li].get()) {
            y = mbconv(b, *net.layers[li], y, item.key());
            ++li;
        }
    }
    assert(li == net.layers.size());
    y = b.unary(OpKind::HardSwish, b.bn(b.conv(y, "final_expand", net.finalExpand), "final_expand_bn", net.finalExpandBn),
                "final_expand_act");
    y = b.unary(OpKind::GlobalAvgPool, y, "pool");
    y = b.unary(OpKind::HardSwish, b.conv(y, "feature_mix", net.featureMix), "feature_mix_act");
    y = b.unary(OpKind::Flatten, y, "flatten");
    b.gemm(y, "classifier", net.classifier);
    g.ops.back().output = g.output;
    return g;
}

int foldBatchNorms(Graph& g) {
    std::map<std::string, int> readers;
    for (const Op& op : g.ops)
        for (const auto& in : op.inputs) ++readers[in];
    auto setTensor = [&](const std::string& name, const torch::Tensor& t) {
        for (auto& [n, v] : g.tensors)
            if (n == name) return void(v = t);
        g.tensors.emplace_back(name, t);
    };
    std::vector<Op> out;
    int folded = 0;
    for (const Op& op : g.ops) {
        const bool foldable = op.kind == OpKind::BatchNorm && !out.empty() && out.back().kind == OpKind::Conv &&
                              out.back().output == op.inputs[0] && readers[op.inputs[0]] == 1;
        if (!foldable) {
            out.push_back(op);
            continue;
        }
        Op& conv = out.back();
        const auto d = [&](const std::string& n) { return g.tensor(n).to(torch::kDouble); };
        const torch::Tensor scale = d(op.params[0]) / torch::sqrt(d(op.params[3]) + op.eps);
        const torch::Tensor w = d(conv.params[0]) * scale.view({-1, 1, 1, 1});
        const torch::Tensor convBias = conv.params.size() > 1 ? d(conv.params[1]) : torch::zeros_like(scale);
        const torch::Tensor bias = d(op.params[1]) + (convBias - d(op.params[2])) * scale;
        const std::string biasName = conv.output + ".bias";
        setTensor(conv.params[0], w.to(torch::kFloat).contiguous());
        setTensor(biasName, bias.to(torch::kFloat).contiguous());
        conv.params = {conv.params[0], biasName};
        conv.output = op.output;  // later ops read the BN's output name
        ++folded;
    }
    // Drop the BN tensors nothing references any more.
    std::map<std::string, bool> used;
    for (const Op& op : out)
        for (const auto& p : op.params) used[p] = true;
    std::erase_if(g.tensors, [&](const auto& nt) { return !used.count(nt.first); });
    g.ops = std::move(out);
    return folded;
}

const char* opName(OpKind kind) {
    switch (kind) {
        case OpKind::Conv: return "Conv";
        case OpKind::BatchNorm: return "BatchNormalization";
        case OpKind::Relu: return "Relu";
        case OpKind::HardSwish: return "HardSwish";
        case OpKind::HardSigmoid: return "HardSigmoid";
        case OpKind::Mul: return "Mul";
        case OpKind::Add: return "Add";
        case OpKind::GlobalAvgPool: return "GlobalAveragePool";
        case OpKind::Flatten: return "Flatten";
        case OpKind::Gemm: return "Gemm";
    }
    return "?";
}

}  // namespace nat::exporting
