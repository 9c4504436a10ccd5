#pragma once

#include "base/json_util.h"
#include "space/search_space.h"

namespace nat::supernet {

/// What a supernet is built for: one search space, one width of it, a task. Torch-free, so that the
/// configuration stored in a supernet file can be read and checked before any tensor is allocated.
struct SupernetConfig {
    space::SearchSpace space;
    int widthIndex = 0;
    int numClasses = 10;
    int inputChannels = 3;
    double dropout = 0.1;
    double bnMomentum = 0.1;
    double bnEps = 1e-5;

    /// Upper bounds that keep a damaged file from asking for absurd tensors.
    static constexpr int kMaxClasses = 100'000;
    static constexpr int kMaxInputChannels = 64;

    Json toJson() const;
    /// Parses the fields (Error(Parse) naming a missing or mistyped one); does not validate.
    static SupernetConfig fromJson(const Json& j);
    /// Throws Error(InvalidArgument) naming the field, its allowed range and the value.
    void validate() const;
};

}  // namespace nat::supernet
