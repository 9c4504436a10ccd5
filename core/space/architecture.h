#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/json_util.h"
#include "space/search_space.h"

namespace nat {
class Rng;
}

namespace nat::space {

/// One active MBConv layer: depthwise kernel size and expand ratio.
struct LayerChoice {
    int kernel = 3;
    int expand = 3;
    bool operator==(const LayerChoice&) const = default;
};

/// A decoded architecture: resolution, width and, per stage, its active layers (depth = size).
struct Architecture {
    int resolution = 0;
    int widthIndex = 0;
    std::vector<std::vector<LayerChoice>> stages;

    std::vector<int> depths() const;
    int totalLayers() const;
    bool operator==(const Architecture&) const = default;
};

/// NAT's integer vector (NAT-REFERENCE.md §2): x[0] resolution index, x[1] width index, then
/// maxDepth slots per stage, 0 = skipped, else 1 + idx(kernel) + |kernels|·idx(expand).
using Encoding = std::vector<int>;

struct EncodingHash {
    std::size_t operator()(const Encoding& e) const noexcept;
};

/// Inclusive per-variable bounds of the encoding: required slots 1..9, optional slots 0..9.
struct Bounds {
    std::vector<int> lower;
    std::vector<int> upper;
};
Bounds encodingBounds(const SearchSpace& space);

/// Clamps every variable into its bounds and moves active slots in front of skipped ones within each
/// stage, so that every vector the variation operators produce decodes to a valid architecture.
void repair(const SearchSpace& space, Encoding& x);

/// Throws Error(InvalidArgument) naming the first bad position: wrong length, out of bounds, or a
/// skipped slot followed by an active one (not repaired).
void validateEncoding(const SearchSpace& space, const Encoding& x);

Encoding encode(const SearchSpace& space, const Architecture& arch);
Architecture decode(const SearchSpace& space, const Encoding& x);

/// Throws Error(InvalidArgument) naming the field and the allowed values.
void validateArchitecture(const SearchSpace& space, const Architecture& arch);

/// Per-variable uniform sample within bounds, then repair (NAT's initial archive sampling).
Encoding sampleUniform(const SearchSpace& space, Rng& rng);
Architecture smallest(const SearchSpace& space);  ///< min everything, first width
Architecture largest(const SearchSpace& space);   ///< max everything, last width

/// The released NATNet `net.subnet` JSON: {"ks":[…],"e":[…],"d":[…],"r":R,"w":W} with ks/e over the
/// active layers only. Reading also accepts OFA's full-length ks/e (maxDepth per stage, of which the
/// first d count). A missing "w" takes `defaultWidth` (see widthFromNetConfig).
Json toSubnetJson(const SearchSpace& space, const Architecture& arch);
Architecture fromSubnetJson(const SearchSpace& space, const Json& j, double defaultWidth = 1.0);

/// Width multiplier implied by a released `net.config` (first conv width 16 → 1.0, 24 → 1.2, ...).
double widthFromNetConfig(const SearchSpace& space, const Json& netConfig);

/// Released `net.encoding` digit string: resolution index as 2 digits, width index 1 digit, then one
/// digit per layer slot (23 digits for ofa-mbv3).
std::string toEncodingString(const SearchSpace& space, const Encoding& x);
Encoding fromEncodingString(const SearchSpace& space, const std::string& s);

/// Compact human label, e.g. "r224 w1.0 d[4,4,4,4,4]".
std::string shortLabel(const SearchSpace& space, const Architecture& arch);

}  // namespace nat::space
