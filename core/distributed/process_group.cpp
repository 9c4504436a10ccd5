// The c10d implementation of supernet::Collective. Compiled with NAT_HAVE_C10D_GLOO (and
// NAT_HAVE_C10D_NCCL) only when configure found the headers; otherwise joinProcessGroup explains.
#include <torch/types.h>

#include <string>

#include "base/error.h"
#include "distributed/launch_environment.h"
#include "supernet/collective.h"

#if defined(NAT_HAVE_C10D_GLOO)
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif
#if defined(NAT_HAVE_C10D_NCCL)
#include <c10/cuda/CUDAFunctions.h>
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace nat::dist {

std::string availableBackends() {
    std::string s;
#if defined(NAT_HAVE_C10D_GLOO)
    s = "gloo";
#endif
#if defined(NAT_HAVE_C10D_NCCL)
    s += s.empty() ? "nccl" : ",nccl";
#endif
    return s;
}

#if defined(NAT_HAVE_C10D_GLOO)

namespace {

// Holds the concrete process group type: LibTorch 1.13 derives Gloo/NCCL from ProcessGroup, 2.x
// from Backend; both have the same collective calls.
template <class Group>
class ProcessGroupCollective final : public supernet::Collective {
public:
    ProcessGroupCollective(c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<Group> group, int rank, int world,
                           std::string backend)
        : m_store(std::move(store)), m_group(std::move(group)), m_rank(rank), m_world(world), m_backend(std::move(backend)) {}

    int rank() const override { return m_rank; }
    int worldSize() const override { return m_world; }
    std::string backend() const override { return m_backend; }

    void allReduceSum(std::vector<torch::Tensor>& tensors) override {
        guarded("all-reduce", [&] {
            for (auto& t : tensors) {
                std::vector<torch::Tensor> one{t};
                m_group->allreduce(one)->wait();
            }
        });
    }

    void broadcast(std::vector<torch::Tensor>& tensors, int root) override {
        guarded("broadcast", [&] {
            c10d::BroadcastOptions o;
            o.rootRank = root;
            for (auto& t : tensors) {
                std::vector<torch::Tensor> one{t};
                m_group->broadcast(one, o)->wait();
            }
        });
    }

private:
    // A peer that died closes its sockets: the pending collective fails at once with "Connection
    // closed by peer"; one that hangs trips the group's timeout. Either way: a clear nat::Error.
    template <class F>
    void guarded(const char* what, F&& f) {
        try {
            f();
        } catch (const std::exception& e) {
            std::string detail = e.what();
            if (const auto nl = detail.find('\n'); nl != std::string::npos) detail.resize(nl);
            throw Error(ErrorCode::Io, "distributed " + std::string(what) + " failed on rank " + std::to_string(m_rank) +
                                           " of " + std::to_string(m_world) +
                                           " (another rank stopped or the network failed): " + detail);
        }
    }

    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<Group> m_group;
    int m_rank, m_world;
    std::string m_backend;
};

bool isLoopback(const std::string& host) { return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1"; }

c10::intrusive_ptr<c10d::Store> makeStore(const LaunchEnvironment& env) {
    if (!env.storeFile.empty()) return c10::make_intrusive<c10d::FileStore>(env.storeFile, env.worldSize);
    c10d::TCPStoreOptions o;
    o.port = static_cast<std::uint16_t>(env.masterPort);
    o.isServer = env.rank == 0;
    o.numWorkers = env.worldSize;
    o.waitWorkers = true;
    o.timeout = env.timeout;
    return c10::make_intrusive<c10d::TCPStore>(env.masterAddr, o);
}

}  // namespace

std::shared_ptr<supernet::Collective> joinProcessGroup(const LaunchEnvironment& env, const std::string& device) {
    const std::string where = "rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize);
    c10::intrusive_ptr<c10d::Store> store;
    try {
        store = makeStore(env);
        store->setTimeout(env.timeout);
#if defined(NAT_HAVE_C10D_NCCL)
        if (device.rfind("cuda", 0) == 0) {
            c10::cuda::set_device(static_cast<c10::DeviceIndex>(env.localRank));
            auto opts = c10d::ProcessGroupNCCL::Options::create();
            opts->timeout = env.timeout;
            auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank, env.worldSize, opts);
            return std::make_shared<ProcessGroupCollective<c10d::ProcessGroupNCCL>>(store, group, env.rank, env.worldSize, "nccl");
        }
#endif
        auto opts = c10d::ProcessGroupGloo::Options::create(env.timeout);
        if (!env.socketInterface.empty())
            opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(env.socketInterface));
        else if (env.storeFile.empty() && isLoopback(env.masterAddr))
            opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            opts->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank, env.worldSize, opts);
        return std::make_shared<ProcessGroupCollective<c10d::ProcessGroupGloo>>(store, group, env.rank, env.worldSize, "gloo");
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        std::string detail = e.what();
        if (const auto nl = detail.find('\n'); nl != std::string::npos) detail.resize(nl);
        const std::string at = env.storeFile.empty() ? env.masterAddr + ":" + std::to_string(env.masterPort) : env.storeFile;
        throw Error(ErrorCode::Io, "distributed run: " + where + " could not join the group at " + at + " within " +
                                       std::to_string(env.timeout.count()) + " s: " + detail);
    }
}

#else

std::shared_ptr<supernet::Collective> joinProcessGroup(const LaunchEnvironment&, const std::string&) {
    throw Error(ErrorCode::Unsupported,
                "this build has no distributed training (configure found no c10d/Gloo headers; install libgloo-dev and "
                "reconfigure with NAT_WITH_DISTRIBUTED=ON)");
}

#endif

}  // namespace nat::dist
