#include "supernet/collective.h"

#include <torch/torch.h>

#include <cstdint>

namespace nat::supernet {

namespace {

thread_local Collective* t_syncBn = nullptr;

// The autograd node of an all-reduce. The collective travels as an integer in saved_data (an
// IValue map has no slot for a plain pointer); the scope that set it outlives the backward pass.
class AllReduceSumFn : public torch::autograd::Function<AllReduceSumFn> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, Collective* c) {
        ctx->saved_data["collective"] = static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(c));
        std::vector<torch::Tensor> t{x.clone(at::MemoryFormat::Contiguous)};
        c->allReduceSum(t);
        return t[0];
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        auto* c = reinterpret_cast<Collective*>(static_cast<std::intptr_t>(ctx->saved_data["collective"].toInt()));
        std::vector<torch::Tensor> t{grads[0].contiguous().clone()};
        c->allReduceSum(t);
        return {t[0], torch::Tensor()};
    }
};

}  // namespace

SyncBatchNormScope::SyncBatchNormScope(Collective* collective) : m_previous(t_syncBn) { t_syncBn = collective; }
SyncBatchNormScope::~SyncBatchNormScope() { t_syncBn = m_previous; }
Collective* SyncBatchNormScope::current() { return t_syncBn; }

torch::Tensor differentiableAllReduceSum(const torch::Tensor& x, Collective& collective) {
    return AllReduceSumFn::apply(x, &collective);
}

torch::Tensor syncBatchNorm(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                            torch::Tensor runningMean, torch::Tensor runningVar, double momentum, double eps,
                            Collective& collective) {
    const std::int64_t c = x.size(1);
    // Sums in double: E[x²] − E[x]² in float would lose digits that one-process batch norm keeps.
    const torch::Tensor sum = torch::sum(x, {0, 2, 3}, false, torch::kDouble);
    const torch::Tensor sumSq = torch::sum(x.square(), {0, 2, 3}, false, torch::kDouble);
    const torch::Tensor count = torch::full({1}, static_cast<double>(x.numel() / c), sum.options());
    const torch::Tensor total = differentiableAllReduceSum(torch::cat({sum, sumSq, count}), collective);
    const double n = total[2 * c].item<double>();
    const torch::Tensor mean = total.narrow(0, 0, c) / n;
    const torch::Tensor var = (total.narrow(0, c, c) / n - mean.square()).clamp_min(0.0);
    const torch::Tensor scale = (torch::rsqrt(var + eps) * weight.to(torch::kDouble)).to(x.scalar_type());
    const torch::Tensor shift = (bias.to(torch::kDouble) - mean * torch::rsqrt(var + eps) * weight.to(torch::kDouble)).to(x.scalar_type());
    {
        torch::NoGradGuard ng;
        runningMean.mul_(1.0 - momentum).add_(mean.detach().to(runningMean.scalar_type()), momentum);
        const double unbias = n > 1 ? n / (n - 1) : 1.0;
        runningVar.mul_(1.0 - momentum).add_((var.detach() * unbias).to(runningVar.scalar_type()), momentum);
    }
    return x * scale.view({1, c, 1, 1}) + shift.view({1, c, 1, 1});
}

}  // namespace nat::supernet
