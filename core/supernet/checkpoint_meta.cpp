#include "supernet/checkpoint_meta.h"

#include "base/error.h"
#include "base/file_io.h"
#include "nat_version.h"

namespace nat::supernet {

namespace fs = std::filesystem;

namespace {

void checkMatches(const SupernetConfig& stored, const SupernetConfig& want, const fs::path& file) {
    auto mismatch = [&](const std::string& what, const std::string& has, const std::string& wanted) {
        throw Error(ErrorCode::Mismatch, quoted(file) + " holds a supernet for " + what + " " + has +
                                             ", but " + wanted + " is needed");
    };
    if (stored.space.name != want.space.name || stored.space.toJson() != want.space.toJson())
        mismatch("search space", "'" + stored.space.name + "'", "'" + want.space.name + "'");
    // Both configurations are validated, so both width indices are in range.
    if (stored.widthIndex != want.widthIndex)
        mismatch("width", space::widthLabel(stored.space.widthMults[stored.widthIndex]),
                 space::widthLabel(want.space.widthMults[want.widthIndex]));
    if (stored.numClasses != want.numClasses)
        mismatch("classes:", std::to_string(stored.numClasses), std::to_string(want.numClasses));
    if (stored.inputChannels != want.inputChannels)
        mismatch("input channels:", std::to_string(stored.inputChannels), std::to_string(want.inputChannels));
}

}  // namespace

std::string makeSupernetMeta(const SupernetConfig& config, bool hasTrainerState, const Json& metadata) {
    const Json meta = {{"format", kSupernetFormat},
                       {"nat_version", NAT_VERSION_STRING},
                       {"config", config.toJson()},
                       {"has_trainer_state", hasTrainerState},
                       {"metadata", metadata}};
    return meta.dump();
}

SupernetFileMeta parseSupernetMeta(const std::string& text, const fs::path& file,
                                   const std::optional<SupernetConfig>& expected) {
    Json meta;
    try {
        meta = parseJson(text, quoted(file));
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, std::string(e.what()) + " (supernet file header)");
    }
    const auto format = meta.is_object() ? meta.find("format") : meta.end();
    if (!meta.is_object() || format == meta.end() || *format != kSupernetFormat)
        throw Error(ErrorCode::Corrupt, quoted(file) + " has an unknown supernet format");
    SupernetFileMeta out;
    try {
        out.config = SupernetConfig::fromJson(requireField(meta, "config", quoted(file)));
        out.config.validate();
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": bad configuration: " + e.what());
    }
    if (expected) checkMatches(out.config, *expected, file);
    const auto md = meta.find("metadata");
    if (md != meta.end() && md->is_object()) out.metadata = *md;
    const auto ts = meta.find("has_trainer_state");
    out.hasTrainerState = ts != meta.end() && ts->is_boolean() && ts->get<bool>();
    return out;
}

}  // namespace nat::supernet
