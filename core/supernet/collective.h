#pragma once

#include <torch/types.h>

#include <vector>

namespace nat::supernet {

/// Collective operations among the processes of a data-parallel job (one process per rank). The
/// trainer and the engine use only this contract; core/distributed implements it with
/// torch.distributed's c10d process groups (Gloo, or NCCL where the LibTorch has it), so the
/// supernet module itself carries no c10d dependency.
/// Every rank must call the same operations with tensors of the same shapes, dtypes and order;
/// a failed or dead peer makes the call throw nat::Error (never hang past the group's timeout).
/// Thread-safety: one thread (the job thread) uses a collective at a time.
class Collective {
public:
    virtual ~Collective() = default;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    /// Element-wise sum across ranks, in place, of each tensor (contiguous, same device).
    virtual void allReduceSum(std::vector<torch::Tensor>& tensors) = 0;
    /// Replaces each tensor with rank `root`'s, in place.
    virtual void broadcast(std::vector<torch::Tensor>& tensors, int root) = 0;
    /// A short name of the backend ("gloo", "nccl") for logs.
    virtual std::string backend() const = 0;
};

/// While alive, training-mode BatchNorm of the supernet on this thread normalises with statistics
/// over the whole global batch (all ranks), as PyTorch's SyncBatchNorm does: N processes with a
/// shard each then compute exactly what one process computes on the combined batch. Nesting
/// replaces, then restores; nullptr turns synchronisation off.
class SyncBatchNormScope {
public:
    explicit SyncBatchNormScope(Collective* collective);
    ~SyncBatchNormScope();
    SyncBatchNormScope(const SyncBatchNormScope&) = delete;
    SyncBatchNormScope& operator=(const SyncBatchNormScope&) = delete;

    /// The collective of the innermost scope on this thread, or nullptr.
    static Collective* current();

private:
    Collective* m_previous;
};

/// Sum across ranks whose gradient is again the sum across ranks of the incoming gradients
/// (the adjoint of an all-reduce): lets autograd flow through global statistics.
torch::Tensor differentiableAllReduceSum(const torch::Tensor& x, Collective& collective);

/// Training-mode batch norm of x [N, C, H, W] with mean and biased variance over the global batch;
/// updates `runningMean`/`runningVar` (unbiased variance) in place with `momentum`.
torch::Tensor syncBatchNorm(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                            torch::Tensor runningMean, torch::Tensor runningVar, double momentum, double eps,
                            Collective& collective);

}  // namespace nat::supernet
