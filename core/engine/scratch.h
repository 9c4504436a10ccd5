#pragma once

#include <filesystem>
#include <stop_token>
#include <string>

#include "base/json_util.h"
#include "engine/events.h"

namespace nat::engine {

/// "Is the search worth it?" (issue 7): one architecture of a run's space trained from scratch on
/// the run's own training split and augmentation, with the same optimiser family, batch size and
/// learning rate as the warm-up, for as many epochs as the search's supernet training spent.
struct ScratchResult {
    std::string which;        ///< smallest | largest | arch-<id>
    Json subnet;              ///< net.subnet JSON of the architecture
    double epochs = 0;        ///< passes over the run's training split
    double seconds = 0;       ///< wall time of training
    double valAccuracy = 0;   ///< after BN recalibration, on the run's validation split
    double testAccuracy = -1; ///< on the test split when the dataset has one, else -1
    double madds = 0, params = 0;

    Json toJson() const;
    static ScratchResult fromJson(const Json& j);
};

/// Passes over the training split the search spent on supernet training (warm-up + adaptation).
double searchTrainingEpochs(const std::filesystem::path& runDir);

/// Trains `which` ("smallest", "largest" or an archive id as a number) from freshly initialised
/// weights for `epochs` (≤ 0: searchTrainingEpochs) and evaluates it; writes
/// RUN/scratch/<which>.json atomically. Cancellable between batches; progress events go to `sink`.
ScratchResult trainFromScratch(const std::filesystem::path& runDir, const std::string& which, double epochs,
                               std::stop_token stop, const EventSink& sink);

}  // namespace nat::engine
