#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/json_util.h"
#include "surrogate/model.h"

namespace nat::surrogate {

/// Mean and (population) standard deviation of a metric over the cross-validation folds.
struct MetricSummary {
    double mean = 0.0;
    double std = 0.0;
};

/// What cross-validation found for one candidate model (plain data for the UI and logs).
struct ModelCvReport {
    std::string name;
    bool ok = true;     ///< false when the model failed to fit on some fold
    std::string error;  ///< the first failure's message, when !ok
    MetricSummary kendall, spearman, rmse;
    double score = 0.0;               ///< kendall.mean − kendall.std, the selection criterion
    std::vector<double> foldKendall;  ///< per fold, in fold order
    double seconds = 0.0;             ///< wall time of all its fold fits and predictions together
};

struct SwitchingReport {
    int samples = 0;
    int folds = 0;
    std::vector<ModelCvReport> models;  ///< in candidate order
    std::string chosen;                 ///< name of the winner, refitted on all samples
    std::string reason;                 ///< one sentence saying why, for people
};
Json toJson(const SwitchingReport& report);

struct SwitchingOptions {
    int folds = 10;        ///< k of k-fold cross-validation
    unsigned threads = 0;  ///< threads for the (model, fold) fits; 0 = all hardware threads
};

/// NAT's "adaptive switching" (NAT-REFERENCE.md §4, after the reference code of NSGANetV2):
/// k-fold cross-validates every candidate, picks the one with the highest mean Kendall τ minus its
/// standard deviation over the folds (rewarding models that rank well *consistently*), and refits
/// it on all samples; predictions then come from that winner. Undefined τ (a fold where a model
/// predicts a constant) counts as 0. Each (model, fold) fit gets its own seed derived from the
/// Rng, so results do not depend on the thread count. A candidate that throws nat::Error on a
/// fold is reported as failed and skipped; if all fail, fit() throws.
/// Thread-safety: see Predictor.
class AdaptiveSwitching : public Predictor {
public:
    /// Throws Error(InvalidArgument) on an empty candidate list, duplicate names or folds < 2.
    AdaptiveSwitching(std::vector<std::unique_ptr<Predictor>> candidates, SwitchingOptions options = {});
    std::string name() const override { return "adaptive_switching"; }
    std::unique_ptr<Predictor> fresh() const override;
    bool hasUncertainty() const override { return m_winner && m_winner->hasUncertainty(); }
    int minSamples() const override { return 2 * m_options.folds; }

    /// Valid after fit().
    const SwitchingReport& report() const { return m_report; }
    const Predictor* winner() const { return m_winner.get(); }

protected:
    void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) override;
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override;
    Prediction doPredictWithUncertainty(const Eigen::MatrixXd& x) const override;

private:
    std::vector<std::unique_ptr<Predictor>> m_candidates;
    SwitchingOptions m_options;
    SwitchingReport m_report;
    std::unique_ptr<Predictor> m_winner;
};

/// Names makePredictor() accepts: rbf, rbf_ensemble, kriging, tree_ensemble, mlp.
std::vector<std::string> predictorNames();
/// A predictor with default settings; Error(InvalidArgument) listing the names otherwise.
/// `ensembleMembers` > 0 overrides RbfEnsembleOptions::members.
std::unique_ptr<Predictor> makePredictor(const std::string& name, int ensembleMembers = 0);
/// All of predictorNames() with default settings (the candidates NAT switches between).
std::vector<std::unique_ptr<Predictor>> defaultCandidates(int ensembleMembers = 0);

}  // namespace nat::surrogate
