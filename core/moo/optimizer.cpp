#include "moo/optimizer.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "base/rng.h"
#include "moo/nsga2.h"
#include "moo/nsga3.h"
#include "moo/nondominated_sort.h"
#include "moo/operators.h"

namespace nat::moo {

namespace {

constexpr int kMaxFillAttempts = 100;  // rounds of mating before accepting a short offspring set

struct Context {
    const Problem& problem;
    const OptimizerOptions& opt;
    Bounds bounds;
    bool integer;
    double mutationProb;
    Rng rng;
    Normalization norm;
    long long evaluations = 0;
};

void validateOptions(const Problem& problem, const OptimizerOptions& o) {
    validateProblem(problem);
    if (o.popSize < 2) throw Error(ErrorCode::InvalidArgument, "population size must be 2 or more, got " + std::to_string(o.popSize));
    if (o.generations < 0)
        throw Error(ErrorCode::InvalidArgument, "generations must be 0 or more, got " + std::to_string(o.generations));
    if (o.algorithm == AlgorithmKind::Nsga3 &&
        (o.refDirs.empty() || static_cast<int>(o.refDirs.cols()) != problem.numObjectives()))
        throw Error(ErrorCode::InvalidArgument, "NSGA-III needs reference directions with " +
                                                    std::to_string(problem.numObjectives()) + " columns, got " +
                                                    std::to_string(o.refDirs.rows()) + "x" + std::to_string(o.refDirs.cols()));
    if (!o.initialX.empty() && static_cast<int>(o.initialX.cols()) != problem.numVariables())
        throw Error(ErrorCode::InvalidArgument, "initial population has " + std::to_string(o.initialX.cols()) +
                                                    " variables, the problem has " + std::to_string(problem.numVariables()));
}

// Clip to the bounds, repair, and round integer variables (repair may move values).
void finishRow(Context& c, std::span<double> x) {
    for (std::size_t j = 0; j < x.size(); ++j) x[j] = std::clamp(x[j], c.bounds.lower[j], c.bounds.upper[j]);
    if (c.opt.repair) c.opt.repair(x);
    if (c.integer)
        for (double& v : x) v = std::round(v);
}

Matrix evaluate(Context& c, const Matrix& X) {
    if (X.empty()) return Matrix(0, static_cast<std::size_t>(c.problem.numObjectives()));
    Matrix F = c.problem.evaluate(X);
    if (F.rows() != X.rows() || static_cast<int>(F.cols()) != c.problem.numObjectives())
        throw Error(ErrorCode::Mismatch, "problem '" + c.problem.name() + "' returned " + std::to_string(F.rows()) + "x" +
                                             std::to_string(F.cols()) + " objectives for " + std::to_string(X.rows()) +
                                             " rows, expected " + std::to_string(c.problem.numObjectives()) + " columns");
    c.evaluations += static_cast<long long>(X.rows());
    return F;
}

// Drops rows equal to an earlier row or to a row of `against` (when duplicates are eliminated).
Matrix dedupe(const Context& c, const Matrix& X, const Matrix& against) {
    if (!c.opt.eliminateDuplicates || X.empty()) return X;
    Matrix ex = against;
    if (!c.opt.excludeX.empty()) ex = ex.empty() ? c.opt.excludeX : ex.stacked(c.opt.excludeX);
    return X.select(uniqueRowIndices(X, ex));
}

Matrix initialPopulation(Context& c) {
    const auto n = static_cast<std::size_t>(c.opt.popSize);
    Matrix X = c.opt.initialX.rows() > n ? c.opt.initialX.select([&] {
        std::vector<int> idx(n);
        for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<int>(i);
        return idx;
    }()) : c.opt.initialX;
    for (std::size_t r = 0; r < X.rows(); ++r) finishRow(c, X.row(r));
    X = dedupe(c, X, {});
    for (int attempt = 0; X.rows() < n && attempt < kMaxFillAttempts; ++attempt) {
        const int need = static_cast<int>(n - X.rows());
        Matrix S = c.opt.sampling == SamplingKind::LatinHypercube ? latinHypercubeSampling(need, c.bounds, c.integer, c.rng)
                                                                  : uniformSampling(need, c.bounds, c.integer, c.rng);
        for (std::size_t r = 0; r < S.rows(); ++r) finishRow(c, S.row(r));
        X = X.stacked(dedupe(c, S, X));
    }
    return X;
}

// Parent pairs: uniformly random for NSGA-III (Deb & Jain 2014, §IV-F: no selection pressure is
// needed beyond survival), binary tournaments on rank then crowding for NSGA-II (Deb et al. 2002).
std::pair<int, int> pickParents(Context& c, const Matrix& F, const RankCrowding* rc) {
    const auto n = static_cast<std::int64_t>(F.rows());
    auto draw = [&] { return static_cast<int>(c.rng.uniformInt(0, n - 1)); };
    if (!rc) return {draw(), draw()};
    auto tournament = [&] {
        const int a = draw(), b = draw();
        const auto ia = static_cast<std::size_t>(a), ib = static_cast<std::size_t>(b);
        if (rc->rank[ia] != rc->rank[ib]) return rc->rank[ia] < rc->rank[ib] ? a : b;
        if (rc->crowding[ia] != rc->crowding[ib]) return rc->crowding[ia] > rc->crowding[ib] ? a : b;
        return c.rng.bernoulli(0.5) ? a : b;
    };
    const int p1 = tournament();
    return {p1, tournament()};
}

void vary(Context& c, std::span<const double> p1, std::span<const double> p2, std::span<double> c1, std::span<double> c2) {
    const Variation& v = c.opt.variation;
    const bool cross = c.rng.uniform01() < v.crossoverProb;
    if (!cross) {
        std::copy(p1.begin(), p1.end(), c1.begin());
        std::copy(p2.begin(), p2.end(), c2.begin());
    } else if (c.integer) {
        twoPointCrossover(p1, p2, c1, c2, c.rng);
    } else {
        simulatedBinaryCrossover(p1, p2, c1, c2, c.bounds, v.sbxEta, v.sbxProbVar, c.rng);
    }
    for (auto child : {c1, c2}) {
        if (c.integer) integerPolynomialMutation(child, c.bounds, v.mutationEta, c.mutationProb, c.rng);
        else polynomialMutation(child, c.bounds, v.mutationEta, c.mutationProb, c.rng);
        finishRow(c, child);
    }
}

Matrix makeOffspring(Context& c, const Matrix& X, const Matrix& F) {
    const auto n = static_cast<std::size_t>(c.opt.popSize);
    RankCrowding rc;
    if (c.opt.algorithm == AlgorithmKind::Nsga2) rc = rankAndCrowding(F);
    const RankCrowding* rcp = c.opt.algorithm == AlgorithmKind::Nsga2 ? &rc : nullptr;
    Matrix off(0, X.cols());
    std::vector<double> c1(X.cols()), c2(X.cols());
    for (int attempt = 0; off.rows() < n && attempt < kMaxFillAttempts; ++attempt) {
        Matrix batch(0, X.cols());
        while (batch.rows() < n - off.rows()) {
            const auto [a, b] = pickParents(c, F, rcp);
            vary(c, X.row(static_cast<std::size_t>(a)), X.row(static_cast<std::size_t>(b)), c1, c2);
            batch.appendRow(c1);
            if (batch.rows() < n - off.rows()) batch.appendRow(c2);
        }
        off = off.stacked(dedupe(c, batch, X.stacked(off)));
    }
    return off;
}

std::vector<int> survive(Context& c, const Matrix& F) {
    if (c.opt.algorithm == AlgorithmKind::Nsga2) return nsga2Survival(F, c.opt.popSize);
    return nsga3Survival(F, c.opt.popSize, c.opt.refDirs, c.rng, &c.norm);
}

}  // namespace

OptimizerResult minimize(const Problem& problem, const OptimizerOptions& options) {
    validateOptions(problem, options);
    const int nvar = problem.numVariables();
    Context c{problem, options, Bounds{problem.lowerBounds(), problem.upperBounds()},
              problem.variableType() == VariableType::Integer,
              options.variation.mutationProb < 0.0 ? 1.0 / nvar : options.variation.mutationProb,
              Rng(options.seed), Normalization{}, 0};
    OptimizerResult res;
    res.X = initialPopulation(c);
    res.F = evaluate(c, res.X);
    auto keep = [&](const std::vector<int>& idx) {
        res.X = res.X.select(idx);
        res.F = res.F.select(idx);
    };
    keep(survive(c, res.F));  // sets NSGA-III's normalisation state; keeps everything
    auto report = [&](int g) {
        return !options.onGeneration || options.onGeneration(GenerationInfo{g, c.evaluations, res.X, res.F});
    };
    bool go = report(0);
    for (int g = 1; go && g <= options.generations; ++g) {
        if (options.stopToken.stop_requested()) break;
        const Matrix off = makeOffspring(c, res.X, res.F);
        const Matrix offF = evaluate(c, off);
        res.X = res.X.stacked(off);
        res.F = res.F.stacked(offF);
        keep(survive(c, res.F));
        res.generations = g;
        go = report(g);
    }
    res.stopped = res.generations < options.generations;
    res.evaluations = c.evaluations;
    res.front = nondominatedIndices(res.F);
    return res;
}

}  // namespace nat::moo
