#include "surrogate/adaptive_switching.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>

#include "base/error.h"
#include "base/rng.h"
#include "surrogate/kriging.h"
#include "surrogate/metrics.h"
#include "surrogate/mlp.h"
#include "surrogate/parallel.h"
#include "surrogate/rbf.h"
#include "surrogate/rbf_ensemble.h"
#include "surrogate/tree_ensemble.h"

namespace nat::surrogate {

namespace {

struct FoldResult {
    double kendall = 0.0, spearman = 0.0, rmse = 0.0, seconds = 0.0;
    std::string error;
};

MetricSummary summarise(const std::vector<double>& v) {
    MetricSummary s;
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double ss = 0.0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.std = std::sqrt(ss / static_cast<double>(v.size()));  // population std, as NumPy's np.std
    return s;
}

double orZero(double v) { return std::isfinite(v) ? v : 0.0; }

FoldResult runFold(const Predictor& candidate, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                   const std::vector<int>& train, const std::vector<int>& test, std::uint64_t seed, double scale) {
    FoldResult r;
    const auto start = std::chrono::steady_clock::now();
    try {
        auto model = candidate.fresh();
        Rng rng(seed);
        model->fit(x(train, Eigen::all), y(train), rng);
        const Eigen::VectorXd truth = y(test), pred = model->predict(x(test, Eigen::all));
        r.kendall = orZero(kendallTau(truth, pred));
        r.spearman = orZero(spearman(truth, pred));
        r.rmse = rmse(truth, pred) * scale;
    } catch (const Error& e) {
        r.error = e.what();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

std::string fixed3(double v) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << v;
    return os.str();
}

std::string explain(const SwitchingReport& r, std::size_t winner) {
    const ModelCvReport& w = r.models[winner];
    std::string s = w.name + " has the highest cross-validated Kendall tau mean - std (" + fixed3(w.kendall.mean) +
                    " - " + fixed3(w.kendall.std) + " = " + fixed3(w.score) + ") over " + std::to_string(r.folds) +
                    " folds";
    const ModelCvReport* second = nullptr;
    for (std::size_t i = 0; i < r.models.size(); ++i)
        if (i != winner && r.models[i].ok && (!second || r.models[i].score > second->score)) second = &r.models[i];
    if (second) s += "; runner-up " + second->name + " " + fixed3(second->score);
    return s;
}

}  // namespace

AdaptiveSwitching::AdaptiveSwitching(std::vector<std::unique_ptr<Predictor>> candidates, SwitchingOptions options)
    : m_candidates(std::move(candidates)), m_options(options) {
    if (m_candidates.empty()) throw Error(ErrorCode::InvalidArgument, "adaptive switching needs at least 1 candidate model");
    if (m_options.folds < 2)
        throw Error(ErrorCode::InvalidArgument, "adaptive switching: folds must be >= 2, got " + std::to_string(m_options.folds));
    std::set<std::string> names;
    for (const auto& c : m_candidates)
        if (!names.insert(c->name()).second)
            throw Error(ErrorCode::InvalidArgument, "adaptive switching: candidate '" + c->name() + "' given twice");
}

std::unique_ptr<Predictor> AdaptiveSwitching::fresh() const {
    std::vector<std::unique_ptr<Predictor>> copies;
    for (const auto& c : m_candidates) copies.push_back(c->fresh());
    return std::make_unique<AdaptiveSwitching>(std::move(copies), m_options);
}

void AdaptiveSwitching::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) {
    const auto n = static_cast<int>(x.rows()), k = m_options.folds;
    std::vector<int> perm(static_cast<std::size_t>(n));
    std::iota(perm.begin(), perm.end(), 0);
    rng.shuffle(perm);
    const std::uint64_t base = rng.next();
    std::vector<std::vector<int>> train(static_cast<std::size_t>(k)), test(static_cast<std::size_t>(k));
    for (int i = 0; i < n; ++i)
        for (int f = 0; f < k; ++f) (i % k == f ? test : train)[static_cast<std::size_t>(f)].push_back(perm[static_cast<std::size_t>(i)]);

    const std::size_t models = m_candidates.size(), tasks = models * static_cast<std::size_t>(k);
    std::vector<FoldResult> results(tasks);
    parallelFor(tasks, m_options.threads, [&](std::size_t t) {
        const std::size_t m = t / static_cast<std::size_t>(k), f = t % static_cast<std::size_t>(k);
        results[t] = runFold(*m_candidates[m], x, y, train[f], test[f], deriveSeed(base, t), targetScale());
    });

    m_report = SwitchingReport{n, k, {}, {}, {}};
    std::optional<std::size_t> best;
    for (std::size_t m = 0; m < models; ++m) {
        ModelCvReport rep;
        rep.name = m_candidates[m]->name();
        std::vector<double> tau, rho, err;
        for (int f = 0; f < k; ++f) {
            const FoldResult& r = results[m * static_cast<std::size_t>(k) + static_cast<std::size_t>(f)];
            rep.seconds += r.seconds;
            if (!r.error.empty() && rep.ok) rep.ok = false, rep.error = r.error;
            tau.push_back(r.kendall), rho.push_back(r.spearman), err.push_back(r.rmse);
        }
        rep.foldKendall = tau;
        rep.kendall = summarise(tau), rep.spearman = summarise(rho), rep.rmse = summarise(err);
        rep.score = rep.kendall.mean - rep.kendall.std;
        if (rep.ok && (!best || rep.score > m_report.models[*best].score)) best = m;
        m_report.models.push_back(std::move(rep));
    }
    if (!best) {
        std::string msg = "adaptive switching: every candidate model failed:";
        for (const auto& r : m_report.models) msg += " " + r.error + ";";
        msg.pop_back();
        throw Error(ErrorCode::InvalidArgument, msg);
    }
    m_report.chosen = m_report.models[*best].name;
    m_report.reason = explain(m_report, *best);
    m_winner = m_candidates[*best]->fresh();
    Rng refit(deriveSeed(base, tasks));
    m_winner->fit(x, y, refit);
}

Eigen::VectorXd AdaptiveSwitching::doPredict(const Eigen::MatrixXd& x) const { return m_winner->predict(x); }

Prediction AdaptiveSwitching::doPredictWithUncertainty(const Eigen::MatrixXd& x) const {
    return m_winner->predictWithUncertainty(x);
}

Json toJson(const SwitchingReport& report) {
    Json models = Json::array();
    for (const auto& m : report.models) {
        Json j = {{"name", m.name},
                  {"ok", m.ok},
                  {"score", m.score},
                  {"kendall", {{"mean", m.kendall.mean}, {"std", m.kendall.std}}},
                  {"spearman", {{"mean", m.spearman.mean}, {"std", m.spearman.std}}},
                  {"rmse", {{"mean", m.rmse.mean}, {"std", m.rmse.std}}},
                  {"fold_kendall", m.foldKendall},
                  {"seconds", m.seconds}};
        if (!m.ok) j["error"] = m.error;
        models.push_back(std::move(j));
    }
    return {{"samples", report.samples}, {"folds", report.folds}, {"chosen", report.chosen},
            {"reason", report.reason},   {"models", models}};
}

std::vector<std::string> predictorNames() { return {"rbf", "rbf_ensemble", "kriging", "tree_ensemble", "mlp"}; }

std::unique_ptr<Predictor> makePredictor(const std::string& name, int ensembleMembers) {
    if (name == "rbf") return std::make_unique<Rbf>();
    if (name == "rbf_ensemble") {
        RbfEnsembleOptions o;
        if (ensembleMembers > 0) o.members = ensembleMembers;
        return std::make_unique<RbfEnsemble>(o);
    }
    if (name == "kriging") return std::make_unique<Kriging>();
    if (name == "tree_ensemble") return std::make_unique<TreeEnsemble>();
    if (name == "mlp") return std::make_unique<Mlp>();
    std::string all;
    for (const auto& n : predictorNames()) all += (all.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::InvalidArgument, "unknown predictor '" + name + "' (known: " + all + ")");
}

std::vector<std::unique_ptr<Predictor>> defaultCandidates(int ensembleMembers) {
    std::vector<std::unique_ptr<Predictor>> out;
    for (const auto& n : predictorNames()) out.push_back(makePredictor(n, ensembleMembers));
    return out;
}

}  // namespace nat::surrogate
