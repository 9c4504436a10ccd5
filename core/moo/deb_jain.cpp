#include "moo/deb_jain.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "base/error.h"
#include "moo/indicators.h"
#include "moo/optimizer.h"
#include "moo/reference_directions.h"
#include "moo/test_problems.h"

namespace nat::moo {

std::vector<DebJainCase> debJainCases() {
    // Populations and generations: Deb & Jain 2014, Tables I and II; IGD best/median/worst of
    // NSGA-III over 20 runs: Table III.
    return {
        {"dtlz1", 3, 12, 0, 92, 400, 4.880e-4, 1.308e-3, 4.880e-3},
        {"dtlz1", 5, 6, 0, 212, 600, 5.116e-4, 9.799e-4, 1.979e-3},
        {"dtlz1", 8, 3, 2, 156, 750, 2.044e-3, 3.979e-3, 8.721e-3},
        {"dtlz2", 3, 12, 0, 92, 250, 1.262e-3, 1.357e-3, 2.114e-3},
        {"dtlz2", 5, 6, 0, 212, 350, 4.254e-3, 4.982e-3, 5.862e-3},
        {"dtlz2", 8, 3, 2, 156, 500, 1.371e-2, 1.571e-2, 1.811e-2},
        {"dtlz3", 3, 12, 0, 92, 1000, 9.751e-4, 4.007e-3, 6.665e-3},
        {"dtlz3", 5, 6, 0, 212, 1000, 3.086e-3, 5.960e-3, 1.196e-2},
        {"dtlz3", 8, 3, 2, 156, 1000, 1.244e-2, 2.375e-2, 9.649e-2},
        {"dtlz4", 3, 12, 0, 92, 600, 2.915e-4, 5.970e-4, 4.286e-1},
        {"dtlz4", 5, 6, 0, 212, 1000, 9.849e-4, 1.255e-3, 1.721e-3},
        {"dtlz4", 8, 3, 2, 156, 1250, 5.079e-3, 7.054e-3, 6.051e-1},
    };
}

Matrix debJainDirections(const DebJainCase& c) {
    return c.innerPartitions > 0 ? twoLayerDirections(c.objectives, c.outerPartitions, c.innerPartitions)
                                 : dasDennis(c.objectives, c.outerPartitions);
}

double runDebJainCase(const DebJainCase& c, std::uint64_t seed, std::stop_token stop) {
    const auto problem = makeTestProblem(c.problem, c.objectives);
    OptimizerOptions o;
    o.algorithm = AlgorithmKind::Nsga3;
    o.popSize = c.popSize;
    o.generations = c.generations;
    o.seed = seed;
    o.refDirs = debJainDirections(c);
    o.variation = Variation{1.0, 30.0, 0.5, 20.0, -1.0};
    o.stopToken = std::move(stop);
    const OptimizerResult r = minimize(*problem, o);
    return igd(r.F.select(r.front), testProblemFront(*problem, o.refDirs));
}

std::vector<DebJainSummary> runDebJainStudy(int runs, std::uint64_t baseSeed, int threads,
                                            const std::vector<DebJainCase>& cases,
                                            const std::function<void(const DebJainSummary&)>& progress,
                                            std::stop_token stop) {
    if (runs < 1) throw Error(ErrorCode::InvalidArgument, "runs must be 1 or more, got " + std::to_string(runs));
    threads = std::clamp(threads, 1, 64);
    std::vector<DebJainSummary> out;
    for (const auto& c : cases) {
        DebJainSummary s{c, std::vector<double>(static_cast<std::size_t>(runs), 0.0)};
        const auto t0 = std::chrono::steady_clock::now();
        std::atomic<int> next{0};
        auto worker = [&] {
            for (int i; (i = next++) < runs && !stop.stop_requested();)
                s.igd[static_cast<std::size_t>(i)] = runDebJainCase(c, baseSeed + static_cast<std::uint64_t>(i), stop);
        };
        {
            std::vector<std::jthread> pool;
            for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
            worker();
        }
        if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "Deb & Jain study cancelled");
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::vector<double> sorted = s.igd;
        std::sort(sorted.begin(), sorted.end());
        s.best = sorted.front();
        s.worst = sorted.back();
        const std::size_t n = sorted.size();
        s.median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        if (progress) progress(s);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace nat::moo
