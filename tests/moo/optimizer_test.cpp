#include "moo/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "moo/indicators.h"
#include "moo/nsga3.h"
#include "moo/reference_directions.h"
#include "moo/test_problems.h"
#include "test_util.h"

namespace nat::moo {
namespace {

OptimizerOptions dtlzOptions(int generations, std::uint64_t seed) {
    OptimizerOptions o;
    o.popSize = 92;
    o.generations = generations;
    o.seed = seed;
    o.refDirs = dasDennis(3, 12);
    return o;
}

TEST(Optimizer, Nsga3SolvesDtlz2) {
    const Dtlz p(2, 3);
    const auto r = minimize(p, dtlzOptions(250, 1));
    EXPECT_EQ(r.generations, 250);
    EXPECT_FALSE(r.stopped);
    EXPECT_EQ(r.evaluations, 92 * 251);
    EXPECT_EQ(r.X.rows(), 92u);
    // Deb & Jain 2014, Table III, median IGD 1.357e-3; allow a bad seed twice that.
    EXPECT_LT(igd(r.F.select(r.front), p.paretoFront(dasDennis(3, 12))), 3e-3);
}

TEST(Optimizer, SameSeedSameResult) {
    const Dtlz p(1, 3);
    const auto a = minimize(p, dtlzOptions(20, 42)), b = minimize(p, dtlzOptions(20, 42)), c = minimize(p, dtlzOptions(20, 43));
    EXPECT_EQ(a.X.data(), b.X.data());
    EXPECT_EQ(a.F.data(), b.F.data());
    EXPECT_NE(a.X.data(), c.X.data());
}

TEST(Optimizer, Nsga2SolvesZdt1) {
    const Zdt p(1);
    OptimizerOptions o;
    o.algorithm = AlgorithmKind::Nsga2;
    o.popSize = 100;
    o.generations = 200;
    o.variation = Variation{0.9, 15.0, 0.5, 20.0, -1.0};
    const auto r = minimize(p, o);
    EXPECT_LT(igd(r.F.select(r.front), p.paretoFront(500)), 0.01);
}

// A NAT-like integer problem: 8 variables in [0, 4], repair forces x[2k] <= x[2k+1] (like "depth
// before kernel" rules), objectives (sum, sum of (4 - x)^2).
class IntegerToy : public Problem {
public:
    int numVariables() const override { return 8; }
    int numObjectives() const override { return 2; }
    std::vector<double> lowerBounds() const override { return std::vector<double>(8, 0.0); }
    std::vector<double> upperBounds() const override { return std::vector<double>(8, 4.0); }
    VariableType variableType() const override { return VariableType::Integer; }
    Matrix evaluate(const Matrix& X) const override {
        Matrix F(X.rows(), 2);
        for (std::size_t r = 0; r < X.rows(); ++r)
            for (double v : X.row(r)) F(r, 0) += v, F(r, 1) += (4 - v) * (4 - v);
        ++calls;
        return F;
    }
    mutable int calls = 0;
};

TEST(Optimizer, IntegerRepairDuplicatesAndExclusion) {
    IntegerToy p;
    OptimizerOptions o;
    o.popSize = 40;
    o.generations = 15;
    o.refDirs = dasDennis(2, 39);
    o.variation = Variation{0.9, 30.0, 0.5, 1.0, -1.0};
    o.sampling = SamplingKind::LatinHypercube;
    o.excludeX = Matrix::fromRows({std::vector<double>(8, 0.0), std::vector<double>(8, 4.0)});
    int repairs = 0;
    o.repair = integerRepair([&](std::vector<int>& x) {
        ++repairs;
        for (std::size_t k = 0; k + 1 < x.size(); k += 2)
            if (x[k] > x[k + 1]) std::swap(x[k], x[k + 1]);
    });
    std::vector<int> seen;
    o.onGeneration = [&](const GenerationInfo& g) {
        seen.push_back(g.generation);
        return true;
    };
    const auto r = minimize(p, o);
    EXPECT_EQ(seen.size(), 16u);
    EXPECT_GT(repairs, 40 * 15);
    std::set<std::vector<double>> unique;
    for (std::size_t i = 0; i < r.X.rows(); ++i) {
        const auto x = r.X.rowVector(i);
        unique.insert(x);
        for (std::size_t k = 0; k < 8; ++k) {
            EXPECT_EQ(x[k], std::round(x[k]));
            EXPECT_GE(x[k], 0.0);
            EXPECT_LE(x[k], 4.0);
            if (k % 2 == 0) {
                EXPECT_LE(x[k], x[k + 1]);
            }
        }
        EXPECT_NE(x, std::vector<double>(8, 0.0));
        EXPECT_NE(x, std::vector<double>(8, 4.0));
    }
    EXPECT_EQ(unique.size(), r.X.rows());
}

TEST(Optimizer, StopsFromCallbackAndStopToken) {
    const Dtlz p(2, 3);
    auto o = dtlzOptions(100, 1);
    o.onGeneration = [](const GenerationInfo& g) { return g.generation < 3; };
    auto r = minimize(p, o);
    EXPECT_EQ(r.generations, 3);
    EXPECT_TRUE(r.stopped);
    std::stop_source src;
    src.request_stop();
    o.onGeneration = nullptr;
    o.stopToken = src.get_token();
    r = minimize(p, o);
    EXPECT_EQ(r.generations, 0);
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.X.rows(), 92u);
}

TEST(Optimizer, SurvivalPicksBestOfAnArchive) {
    // "The best 150 of an archive": a one-off survival call, independent of the loop.
    const Dtlz p(2, 3);
    Rng rng(3);
    Matrix X(400, static_cast<std::size_t>(p.numVariables()));
    for (double& v : X.data()) v = rng.uniform01();
    const Matrix F = p.evaluate(X);
    const auto keep = nsga3Survival(F, 150, dasDennis(3, 12), rng);
    EXPECT_EQ(std::set<int>(keep.begin(), keep.end()).size(), 150u);
}

TEST(Optimizer, BadOptionsAndProblems) {
    const Dtlz p(2, 3);
    auto o = dtlzOptions(1, 1);
    o.popSize = 1;
    EXPECT_NAT_ERROR(minimize(p, o), ErrorCode::InvalidArgument, "population size must be 2 or more, got 1");
    o = dtlzOptions(1, 1);
    o.refDirs = dasDennis(2, 5);
    EXPECT_NAT_ERROR(minimize(p, o), ErrorCode::InvalidArgument, "NSGA-III needs reference directions with 3 columns, got 6x2");
    const FunctionProblem bad("bad", {0, 0}, {1, 1}, 2, VariableType::Real, [](const Matrix& X) { return Matrix(X.rows(), 3); });
    o = dtlzOptions(1, 1);
    o.refDirs = dasDennis(2, 5);
    EXPECT_NAT_ERROR(minimize(bad, o), ErrorCode::Mismatch, "problem 'bad' returned 92x3 objectives");
    EXPECT_NAT_ERROR(FunctionProblem("b", {0}, {-1}, 1, VariableType::Real, nullptr), ErrorCode::InvalidArgument,
                     "variable 0 has bounds [0.000000, -1.000000]");
}

}  // namespace
}  // namespace nat::moo
