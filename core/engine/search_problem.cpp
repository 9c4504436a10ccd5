#include "engine/search_problem.h"

#include <Eigen/Dense>

#include <algorithm>
#include <set>

#include "base/error.h"
#include "base/rng.h"
#include "moo/decision.h"
#include "moo/nondominated_sort.h"
#include "moo/optimizer.h"
#include "moo/reference_directions.h"
#include "space/cost_model.h"
#include "surrogate/adaptive_switching.h"
#include "surrogate/features.h"
#include "surrogate/metrics.h"

namespace nat::engine {

using space::Encoding;

moo::Matrix referenceDirectionsFor(int m, int n) {
    int h = 1;
    while (moo::numDasDennis(m, h + 1) <= std::max(n, m)) ++h;
    return moo::dasDennis(m, h);
}

namespace {

// The optimiser's view: integer encodings in, objective rows out.
class EncodingProblem final : public moo::Problem {
public:
    EncodingProblem(const SearchProblem& p, const space::Bounds& b, int objectives)
        : m_p(p), m_bounds(b), m_objectives(objectives) {}
    int numVariables() const override { return static_cast<int>(m_bounds.lower.size()); }
    int numObjectives() const override { return m_objectives; }
    std::vector<double> lowerBounds() const override { return {m_bounds.lower.begin(), m_bounds.lower.end()}; }
    std::vector<double> upperBounds() const override { return {m_bounds.upper.begin(), m_bounds.upper.end()}; }
    moo::VariableType variableType() const override { return moo::VariableType::Integer; }
    std::string name() const override { return "nat-architecture"; }
    moo::Matrix evaluate(const moo::Matrix& X) const override {
        moo::Matrix F(X.rows(), static_cast<std::size_t>(m_objectives));
        for (std::size_t i = 0; i < X.rows(); ++i) {
            const auto f = m_p.objectives(toEncoding(X.row(i)));
            std::copy(f.begin(), f.end(), F.row(i).begin());
        }
        return F;
    }
    static Encoding toEncoding(std::span<const double> row) {
        Encoding x;
        for (double v : row) x.push_back(static_cast<int>(std::lround(v)));
        return x;
    }

private:
    const SearchProblem& m_p;
    space::Bounds m_bounds;
    int m_objectives;
};

std::vector<std::vector<int>> encodingsOf(const std::vector<ArchiveEntry>& archive) {
    std::vector<std::vector<int>> out;
    for (const auto& e : archive) out.push_back(e.encoding);
    return out;
}

}  // namespace

SearchProblem::SearchProblem(const space::SearchSpace& space, std::vector<Objective> objectives,
                             const std::vector<ArchiveEntry>& archive, int numClasses, int inputChannels,
                             std::uint64_t seed)
    : m_space(space), m_objectives(std::move(objectives)), m_archive(archive), m_classes(numClasses),
      m_channels(inputChannels), m_seed(seed) {
    const space::Bounds b = space::encodingBounds(space);
    m_features = std::make_unique<surrogate::FeatureMap>(b.lower, b.upper, surrogate::FeatureKind::Normalised);
    Eigen::VectorXd y(static_cast<Eigen::Index>(archive.size()));
    for (std::size_t i = 0; i < archive.size(); ++i) y[static_cast<Eigen::Index>(i)] = archive[i].error;
    if (y.size() > 0 && y.maxCoeff() == y.minCoeff()) {
        // Every measured error is the same (e.g. a supernet that still predicts one class): nothing
        // can be ranked, so every candidate is predicted at that error and the search trades off
        // the other objectives until measurements differ.
        m_constantError = y[0];
    } else {
        surrogate::SwitchingOptions so;
        so.folds = std::clamp(static_cast<int>(archive.size()) / 3, 2, 10);
        m_predictor = std::make_unique<surrogate::AdaptiveSwitching>(surrogate::defaultCandidates(), so);
        Rng rng(seed);
        m_predictor->fit(m_features->transform(encodingsOf(archive)), y, rng);
    }

    // Latency: least squares on [1, MACs, params, layers] over the measured entries, per objective.
    for (Objective o : {Objective::CpuLatency, Objective::GpuLatency}) {
        std::vector<const ArchiveEntry*> measured;
        for (const auto& e : archive)
            if (e.objective(o) >= 0) measured.push_back(&e);
        if (measured.size() < 4) continue;
        Eigen::MatrixXd A(measured.size(), 4);
        Eigen::VectorXd t(measured.size());
        for (std::size_t i = 0; i < measured.size(); ++i) {
            const auto a = space::decode(space, measured[i]->encoding);
            A.row(static_cast<Eigen::Index>(i)) << 1.0, measured[i]->macs / 1e6, measured[i]->params / 1e6, a.totalLayers();
            t[static_cast<Eigen::Index>(i)] = measured[i]->objective(o);
        }
        const Eigen::VectorXd c = A.colPivHouseholderQr().solve(t);
        m_latencyModels[o] = {c[0], c[1], c[2], c[3]};
    }
}

SearchProblem::~SearchProblem() = default;

Json SearchProblem::predictorReport() const {
    if (m_constantError)
        return {{"samples", m_archive.size()}, {"folds", 0}, {"chosen", "constant"},
                {"reason", "every architecture of the archive has the same measured error (" +
                               std::to_string(*m_constantError * 100.0) +
                               " %): no model can rank them, so candidates are chosen by the other objectives"},
                {"models", Json::array()}};
    return surrogate::toJson(m_predictor->report());
}

double SearchProblem::predictError(const Encoding& x) const {
    if (m_constantError) return *m_constantError;
    return m_predictor->predict(m_features->transform({x}))[0];
}

std::vector<double> SearchProblem::objectives(const Encoding& x) const {
    const auto a = space::decode(m_space, x);
    const space::CostReport c = space::computeCost(m_space, a, {m_classes, m_channels});
    std::vector<double> f;
    for (Objective o : m_objectives) {
        switch (o) {
        case Objective::Error: f.push_back(predictError(x)); break;
        case Objective::MAdds: f.push_back(static_cast<double>(c.madds) / 1e6); break;
        case Objective::Params: f.push_back(static_cast<double>(c.params) / 1e6); break;
        case Objective::CpuLatency:
        case Objective::GpuLatency: {
            const auto it = m_latencyModels.find(o);
            if (it == m_latencyModels.end()) {
                f.push_back(static_cast<double>(c.macs) / 1e6);
            } else {
                const auto& m = it->second;
                f.push_back(m[0] + m[1] * c.macs / 1e6 + m[2] * c.params / 1e6 + m[3] * a.totalLayers());
            }
            break;
        }
        }
    }
    return f;
}

std::vector<Encoding> SearchProblem::selectCandidates(int population, int generations, int k, std::stop_token stop) {
    const space::Bounds b = space::encodingBounds(m_space);
    const int m = static_cast<int>(m_objectives.size());
    EncodingProblem problem(*this, b, m);
    moo::OptimizerOptions o;
    o.popSize = population;
    o.generations = generations;
    o.seed = m_seed;
    o.refDirs = referenceDirectionsFor(m, population);
    // NAT's operators on integers: two-point crossover p = 0.9, polynomial mutation η = 1, p = 1/n.
    o.variation.crossoverProb = 0.9;
    o.variation.mutationEta = 1.0;
    for (const auto& e : m_archive) o.excludeX.appendRow(std::vector<double>(e.encoding.begin(), e.encoding.end()));
    o.repair = moo::integerRepair([this](std::vector<int>& x) { space::repair(m_space, x); });
    o.stopToken = stop;
    const moo::OptimizerResult r = moo::minimize(problem, o);
    if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");

    // Candidates: the final population minus anything already in the archive.
    std::set<Encoding> archived;
    for (const auto& e : m_archive) archived.insert(e.encoding);
    std::vector<Encoding> cand;
    moo::Matrix candF;
    std::set<Encoding> seen;
    for (std::size_t i = 0; i < r.X.rows(); ++i) {
        Encoding x = EncodingProblem::toEncoding(r.X.row(i));
        space::repair(m_space, x);
        if (archived.count(x) || !seen.insert(x).second) continue;
        cand.push_back(x);
        candF.appendRow(objectives(x));
    }
    m_lastCandidates = static_cast<int>(cand.size());
    if (cand.empty()) return {};
    // Archive front, measured error + exact costs, to spread the new points against.
    moo::Matrix archiveF;
    for (const auto& e : m_archive) {
        auto f = objectives(e.encoding);
        f[0] = e.error;
        archiveF.appendRow(f);
    }
    moo::Matrix front = archiveF.select(moo::nondominatedIndices(archiveF));
    std::vector<int> spread;
    for (int i = 1; i < m; ++i) spread.push_back(i);
    std::vector<Encoding> out;
    for (int i : moo::subsetSelection(candF, front, k, spread, 0)) out.push_back(cand[i]);
    return out;
}

Json SearchProblem::rankAgreement(const std::vector<double>& predicted, const std::vector<double>& measured) {
    if (predicted.size() < 3) return Json::object();
    const Eigen::Map<const Eigen::VectorXd> p(predicted.data(), static_cast<Eigen::Index>(predicted.size()));
    const Eigen::Map<const Eigen::VectorXd> t(measured.data(), static_cast<Eigen::Index>(measured.size()));
    Json j = {{"n", predicted.size()}, {"rmse", surrogate::rmse(t, p)}};
    try {
        j["kendall_tau"] = surrogate::kendallTau(t, p);
        j["spearman"] = surrogate::spearman(t, p);
    } catch (const Error&) {
        // constant values: ranks are undefined
    }
    return j;
}

}  // namespace nat::engine
