#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/json_util.h"

namespace nat::supernet {

/// The header of a supernet file (`.natsn`): the JSON record "nat_meta" that checkpoint.cpp stores
/// next to the weights, holding the supernet's configuration (SupernetConfig::toJson). Torch-free,
/// so that the checks below run (and are fuzzed) before LibTorch builds a single tensor from a file
/// that may be damaged or foreign.
struct SupernetFileMeta {
    Json config;  ///< checked with validateSupernetConfigJson
    Json metadata = Json::object();
    bool hasTrainerState = false;
};

/// The "format" value every supernet file carries.
inline constexpr const char* kSupernetFormat = "nat-studio-supernet-1";

/// Upper bounds that keep a damaged file from asking for absurd tensors.
inline constexpr int kMaxSupernetClasses = 100'000;
inline constexpr int kMaxSupernetInputChannels = 64;

/// Checks a supernet configuration in SupernetConfig::toJson's layout: every field present and of
/// its type (Error(Parse)), a valid search space, width index in range, classes in
/// 1..kMaxSupernetClasses, input channels in 1..kMaxSupernetInputChannels, dropout in [0, 1), BN
/// momentum in [0, 1] and epsilon in (0, 1) (Error(InvalidArgument) naming field, range and value).
void validateSupernetConfigJson(const Json& config);

/// Builds the header text for a configuration (SupernetConfig::toJson).
std::string makeSupernetMeta(const Json& config, bool hasTrainerState, const Json& metadata);

/// Parses and checks a header. Error(Corrupt) naming `file` for malformed JSON, another format or an
/// invalid configuration; Error(Mismatch) naming the field when `expectedConfig` is given and
/// differs (search space, width, classes, input channels).
SupernetFileMeta parseSupernetMeta(const std::string& text, const std::filesystem::path& file,
                                   const std::optional<Json>& expectedConfig = {});

}  // namespace nat::supernet
