#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "supernet/state_dict_reader.h"
#include "supernet/supernet.h"

namespace nat::supernet {

/// What an OFA import did, for the CLI and the tests.
struct ImportReport {
    std::vector<std::string> placed;        ///< our parameter/buffer names that received a tensor
    std::vector<std::string> unusedKeys;    ///< checkpoint keys (as spelled in the file) nothing took
    std::vector<std::string> missingNames;  ///< our names no checkpoint key filled (kept at init)
    std::vector<std::string> skippedKeys;   ///< checkpoint keys left out on purpose (replaced classifier)
    std::int64_t placedParameters = 0;      ///< elements of placed parameters (buffers not counted)
    std::int64_t checkpointTensors = 0;
    int checkpointClasses = 0;              ///< rows of the checkpoint's classifier
    bool freshClassifier = false;           ///< true when --classes asked for a new classifier
};

/// Options of `importOfa`.
struct OfaImportOptions {
    int widthIndex = 0;  ///< of the ofa-mbv3 preset: 0 = w1.0, 1 = w1.2
    int numClasses = 0;  ///< 0 = keep the checkpoint's classifier; else a fresh one for N classes unless N matches
    std::uint64_t seed = 0;  ///< initialises a fresh classifier
};

struct ImportedSupernet {
    Supernet net{nullptr};
    ImportReport report;
};

/// The OFA key (canonical spelling, see canonicalOfaKey) that holds our parameter or buffer `name`
/// of `net`, e.g. "blocks.3.transform_5" → "blocks.3.conv.depth_conv.conv.7to5_matrix"
/// (NAT-REFERENCE.md §3). Empty for a name with no OFA counterpart.
std::string ofaKeyFor(const SupernetImpl& net, const std::string& name);

/// Copies the tensors of an OFA-MobileNetV3 state_dict (any key spelling) into `net`, which must
/// have the checkpoint's width. Every tensor must have exactly the shape of its target: otherwise
/// Error(Mismatch) names the key and both shapes, and `net` may be partly written. With
/// `keepClassifier` false the classifier keys are reported as skipped and `net`'s own classifier
/// stays. Keys nothing takes and names nothing fills are reported, not errors.
ImportReport placeOfaStateDict(const StateDict& tensors, SupernetImpl& net, bool keepClassifier = true);

/// Reads an OFA checkpoint (`ofa_mbv3_d234_e346_k357_w1.0` / `_w1.2`: a torch.save dict with the
/// weights under "state_dict") natively and builds the ofa-mbv3 supernet of the requested width
/// from it. Error(Mismatch) when the checkpoint's width differs from `options.widthIndex` (the
/// first conv has 16 channels at w1.0, 24 at w1.2), Error(InvalidArgument) for a bad option, and
/// readStateDict's errors for unreadable files.
ImportedSupernet importOfa(const std::filesystem::path& checkpoint, const OfaImportOptions& options);

}  // namespace nat::supernet
