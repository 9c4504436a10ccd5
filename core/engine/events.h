#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/json_util.h"
#include "engine/settings.h"

namespace nat::engine {

/// One evaluated architecture of the archive (a journal line of the run folder).
struct ArchiveEntry {
    int id = 0;                       ///< stable, 0-based, order of evaluation
    std::vector<int> encoding;        ///< NAT integer encoding
    Json subnet;                      ///< net.subnet JSON
    int iteration = 0;                ///< 0 = initial archive
    double error = 0.0;               ///< validation top-1 error in [0, 1] (inherited weights, BN recalibrated)
    double madds = 0.0;               ///< MAdds (NAT convention)
    double macs = 0.0;                ///< conv + linear MACs
    double params = 0.0;
    double cpuMs = -1.0;              ///< batch-1 CPU latency (ms), -1 when not measured
    double gpuMs = -1.0;
    double predictedError = -1.0;     ///< the predictor's value when it was chosen, -1 for initial samples
    std::optional<double> testAccuracy;  ///< filled by an evaluation on the test split
    std::string measured;             ///< how: "supernet-inherited+bn-recal"

    /// Value of an objective (error as a fraction, costs in their units).
    double objective(Objective o) const;
    Json toJson() const;
    static ArchiveEntry fromJson(const Json& j);
};

/// Progress of the current phase (throttled to about 10 Hz by the engine).
struct ProgressEvent {
    std::string phase;       ///< "warm-up", "initial archive", "iteration 3/8: adapting supernet", ...
    double fraction = 0.0;   ///< of the whole job, 0..1
    double etaSeconds = -1;  ///< -1 unknown
    std::string detail;
};

/// A point of the supernet training curves.
struct CurvePoint {
    std::string phase;       ///< "warmup-largest", "warmup-sampled", "adapt"
    long long step = 0;      ///< global optimizer step
    double epoch = 0.0;      ///< fractional epoch within the run
    double wallSeconds = 0.0;
    double loss = 0.0;
    double accuracy = 0.0;   ///< of the sampled subnets on their batch
    double learningRate = 0.0;
    Json toJson() const;
    static CurvePoint fromJson(const Json& j);
};

/// Per-iteration snapshot: the archive as it is now, its front, what was new, the predictor's report.
struct IterationSnapshot {
    int iteration = 0;                 ///< 0 = initial archive
    std::vector<ArchiveEntry> archive;
    std::vector<int> frontIds;         ///< non-dominated ids under the run's objectives
    std::vector<int> newIds;           ///< evaluated in this iteration
    Json predictor;                    ///< adaptive-switching report (models, CV scores, chosen)
    double hypervolume = 0.0;          ///< normalised, reference 1.01 × initial maxima
    double seconds = 0.0;              ///< wall time of the iteration
    Json toJson() const;               ///< without the archive (that is in the journal)
};

struct LogEvent {
    enum class Level { Info, Warning, Error };
    Level level = Level::Info;
    std::string text;
};

/// Largest fine-tuning length the CLI and the GUI accept (an epoch of Fashion-MNIST's 55,000 images
/// takes minutes on a laptop CPU; 100 epochs is already far more than a transfer fine-tune needs).
inline constexpr int kMaxFineTuneEpochs = 100;

/// Error(InvalidArgument) naming the range when `epochs` is negative or above kMaxFineTuneEpochs
/// (0 means "no fine-tuning").
void checkFineTuneEpochs(int epochs);

/// What a fine-tune of one subnet did (core/engine/finetune.h): its settings and the top-1 accuracy
/// before (inherited weights, BN recalibrated) and after (fine-tuned, BN recalibrated).
struct FineTuneSummary {
    int epochs = 0;
    std::uint64_t seed = 0;
    int batchSize = 0;
    double learningRate = 0.0;        ///< initial; cosine decay to 0 over all steps
    bool distilled = false;           ///< soft targets from the supernet's largest subnet
    long long steps = 0;              ///< optimizer steps
    long long images = 0;             ///< training images seen (all epochs)
    double seconds = 0.0;             ///< training alone
    double totalSeconds = 0.0;        ///< with the before/after measurements and BN recalibration
    double trainBefore = 0.0, trainAfter = 0.0;  ///< on the BN-calibration training images, no augmentation
    double valBefore = 0.0, valAfter = 0.0;
    std::optional<double> testBefore, testAfter;  ///< when the dataset has a test split
    Json toJson() const;
    static FineTuneSummary fromJson(const Json& j);
};

/// Result of evaluating one architecture on a split.
struct EvaluationResult {
    int archId = -1;
    std::string split;                   ///< "val" | "test"
    double top1 = 0.0;
    std::vector<std::string> classNames;
    std::vector<double> perClassAccuracy;
    std::vector<std::vector<long long>> confusion;  ///< [true][predicted]
    struct Example {
        long long index = 0;    ///< in the split
        int label = 0;
        int predicted = 0;
        int width = 0, height = 0, channels = 0;
        std::vector<unsigned char> pixels;  ///< interleaved
    };
    std::vector<Example> misclassified;  ///< up to 32
    std::optional<FineTuneSummary> finetune;  ///< set when the subnet was fine-tuned before evaluating
    Json toJson() const;
};

/// Exactly one per job, last.
struct JobFinished {
    enum class Status { Succeeded, Cancelled, Failed };
    Status status = Status::Succeeded;
    std::string message;   ///< readable; for Failed the error text
};

using Event = std::variant<ProgressEvent, CurvePoint, IterationSnapshot, LogEvent, EvaluationResult, JobFinished>;

/// Receives events on the job's worker thread. Must be cheap and must not throw (copy and hand over).
using EventSink = std::function<void(const Event&)>;

}  // namespace nat::engine
