#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

#include "engine/events.h"
#include "moo/matrix.h"
#include "space/architecture.h"

namespace nat::surrogate {
class AdaptiveSwitching;
class FeatureMap;
}  // namespace nat::surrogate

namespace nat::engine {

/// Reference directions for `m` objectives: the Das–Dennis set with the most points not above `n`.
moo::Matrix referenceDirectionsFor(int m, int n);

/// One NAT iteration's search on the surrogate (NAT-REFERENCE.md §4 steps 1–3): fits the accuracy
/// predictor (adaptive switching) on the archive, runs NSGA-III on (predicted error, exact costs),
/// drops archive duplicates and picks K candidates by subset selection. Torch-free.
class SearchProblem {
public:
    SearchProblem(const space::SearchSpace& space, std::vector<Objective> objectives,
                  const std::vector<ArchiveEntry>& archive, int numClasses, int inputChannels, std::uint64_t seed);
    ~SearchProblem();

    Json predictorReport() const;
    double predictError(const space::Encoding& x) const;
    /// Objective vector of an encoding: predicted error, then exact costs (MAdds and params in millions,
    /// latency from a linear model fitted on the archive's measurements).
    std::vector<double> objectives(const space::Encoding& x) const;

    std::vector<space::Encoding> selectCandidates(int population, int generations, int k, std::stop_token stop);
    int lastCandidateCount() const { return m_lastCandidates; }

    /// Kendall τ, Spearman ρ and RMSE of predictions against measurements (empty when < 3 points).
    static Json rankAgreement(const std::vector<double>& predicted, const std::vector<double>& measured);

private:
    const space::SearchSpace& m_space;
    std::vector<Objective> m_objectives;
    const std::vector<ArchiveEntry>& m_archive;
    int m_classes, m_channels;
    std::uint64_t m_seed;
    std::unique_ptr<surrogate::FeatureMap> m_features;
    std::unique_ptr<surrogate::AdaptiveSwitching> m_predictor;  ///< null when m_constantError is set
    std::optional<double> m_constantError;                    ///< all measured errors equal
    /// Per latency objective: least-squares coefficients on [1, MACs (M), params (M), layers].
    std::map<Objective, std::vector<double>> m_latencyModels;
    int m_lastCandidates = 0;
};

}  // namespace nat::engine
