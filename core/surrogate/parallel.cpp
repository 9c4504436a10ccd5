#include "surrogate/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace nat::surrogate {

unsigned resolveThreads(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn) {
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                fn(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    const auto count = static_cast<std::size_t>(std::min<std::size_t>(resolveThreads(threads), n));
    if (count <= 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < count; ++t) pool.emplace_back(worker);
        worker();
    }  // jthreads join here
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace nat::surrogate
