#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace nat::supernet {
class Collective;
}

namespace nat::dist {

/// Where this process sits in a data-parallel job, read from the variables torchrun (and
/// torch.distributed.launch, or any scheduler script) sets: RANK, WORLD_SIZE, LOCAL_RANK,
/// MASTER_ADDR, MASTER_PORT. Optional: NAT_DIST_STORE_FILE (a FileStore path on a shared file system
/// instead of the TCP store), NAT_DIST_TIMEOUT_S (how long a collective may wait for a peer,
/// default 600), GLOO_SOCKET_IFNAME (the network interface Gloo uses between nodes).
struct LaunchEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    std::string storeFile;
    std::chrono::seconds timeout{600};
    std::string socketInterface;

    /// Reads and checks the variables; Error(InvalidArgument) names a missing or bad one.
    static LaunchEnvironment fromEnvironment();
};

/// Backends this build can create ("gloo", "nccl"), comma-separated; empty without c10d.
std::string availableBackends();

/// Joins the process group of the job (blocks until all WORLD_SIZE ranks have joined or the timeout
/// passes) and returns it as the trainer's collective. `device` "cpu" uses Gloo; "cuda[:N]" uses NCCL
/// when this LibTorch has it (else Gloo, which also reduces CUDA tensors). Error(Unsupported) when
/// the build has no c10d; Error(Io) when the rendezvous fails.
std::shared_ptr<supernet::Collective> joinProcessGroup(const LaunchEnvironment& env, const std::string& device);

}  // namespace nat::dist
