#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/json_util.h"
#include "supernet/supernet_config.h"

namespace nat::supernet {

/// The header of a supernet file (`.natsn`): the JSON record "nat_meta" that checkpoint.cpp stores
/// next to the weights. Torch-free, so the checks below run (and are fuzzed) before LibTorch builds
/// a single tensor from a file that may be damaged or foreign.
struct SupernetFileMeta {
    SupernetConfig config;  ///< parsed and validated
    Json metadata = Json::object();
    bool hasTrainerState = false;
};

/// The "format" value every supernet file carries.
inline constexpr const char* kSupernetFormat = "nat-studio-supernet-1";

/// Builds the header text for `config`.
std::string makeSupernetMeta(const SupernetConfig& config, bool hasTrainerState, const Json& metadata);

/// Parses and checks a header. Error(Corrupt) naming `file` for malformed JSON, another format or an
/// invalid configuration; Error(Mismatch) naming the field when `expected` is given and differs
/// (search space, width, classes, input channels).
SupernetFileMeta parseSupernetMeta(const std::string& text, const std::filesystem::path& file,
                                   const std::optional<SupernetConfig>& expected = {});

}  // namespace nat::supernet
