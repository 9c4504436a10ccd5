#pragma once

// Plain data shared by the exporters (no LibTorch types, so the engine and UI can fill it in).

#include <string>
#include <vector>

#include "base/json_util.h"

namespace nat::exporting {

/// What a deployed model needs to know besides its weights: how to feed it and what it predicts.
/// Recorded in every format that has room for metadata (ONNX metadata_props, TorchScript attributes
/// and extra files, our architecture JSON).
struct ExportInfo {
    std::vector<std::string> classNames;  ///< empty: "class_0", ... are written
    std::vector<double> mean;             ///< per input channel, for pixels in [0, 1]; empty: none
    std::vector<double> std;              ///< per input channel; empty: none
    int inputChannels = 3;
    int resolution = 0;                   ///< 0: the architecture's resolution
    Json architecture = Json::object();   ///< our architecture JSON (subnet, encoding, preset, ...)
    Json objectives = Json::object();     ///< e.g. {"top1_error": 0.031, "madds": 2.1e8}
    Json provenance = Json::object();     ///< e.g. {"supernet": "...", "run": "...", "bn_recalibrated": true}

    /// The metadata as one JSON object (what ONNX and TorchScript files carry).
    Json toJson() const;
};

/// ONNX writer options. Opsets 11–17 (what libonnx 1.12's checker knows, from the first opset whose
/// Conv/Gemm/Flatten definitions the writer uses).
struct OnnxOptions {
    int opset = 13;
    bool foldBn = false;       ///< fold BatchNormalization into the preceding Conv (weights + bias)
    bool dynamicBatch = false; ///< batch axis as dim_param "N"; else `batchSize`
    int batchSize = 1;
};
inline constexpr int kMinOnnxOpset = 11;
inline constexpr int kMaxOnnxOpset = 17;

/// Result of loading an exported file with an independent runtime and comparing its logits with
/// LibTorch's on the same images. `skipped` is set (and `passed` false) when the runtime is not built
/// in; `skipReason` says why, and no figures are reported.
struct VerificationReport {
    std::string file;
    std::string runtime;          ///< "OpenCV 4.6.0 DNN", "LibTorch torch::jit::load 1.13.1"
    double maxAbsDiff = 0.0;
    double maxAbsLogit = 0.0;     ///< scale of LibTorch's logits, so a tiny difference can be judged
    double top1Agreement = 0.0;   ///< fraction of images with the same arg-max
    int images = 0;
    double tolerance = 1e-4;
    bool passed = false;
    bool skipped = false;
    std::string skipReason;
    std::string note;             ///< e.g. how a dynamic-batch graph was fed to the runtime
    double seconds = 0.0;

    Json toJson() const;
    /// One line for people: "verified with OpenCV 4.6.0 DNN: max |Δ| 3.1e-06, top-1 8/8 — passed".
    std::string summary() const;
};

/// Writes `report` as JSON next to the file it describes (`<file>.verify.json`), atomically.
void writeVerificationReport(const VerificationReport& report);

}  // namespace nat::exporting
