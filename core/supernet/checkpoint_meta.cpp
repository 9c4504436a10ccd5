#include "supernet/checkpoint_meta.h"

#include "base/error.h"
#include "base/file_io.h"
#include "nat_version.h"
#include "space/search_space.h"

namespace nat::supernet {

namespace fs = std::filesystem;

namespace {

void invalid(const std::string& what) { throw Error(ErrorCode::InvalidArgument, what); }

void checkMatches(const Json& stored, const Json& want, const fs::path& file) {
    auto mismatch = [&](const std::string& what, const std::string& has, const std::string& wanted) {
        throw Error(ErrorCode::Mismatch, quoted(file) + " holds a supernet for " + what + " " + has +
                                             ", but " + wanted + " is needed");
    };
    const space::SearchSpace s = space::SearchSpace::fromJson(stored["space"]);
    const space::SearchSpace w = space::SearchSpace::fromJson(want["space"]);
    if (s.name != w.name || s.toJson() != w.toJson()) mismatch("search space", "'" + s.name + "'", "'" + w.name + "'");
    // Both configurations are validated, so both width indices are in range.
    const int sw = stored["width_index"].get<int>(), ww = want["width_index"].get<int>();
    if (sw != ww) mismatch("width", space::widthLabel(s.widthMults[sw]), space::widthLabel(w.widthMults[ww]));
    for (const auto& [key, label] : {std::pair{"num_classes", "classes:"}, std::pair{"input_channels", "input channels:"}}) {
        const int a = stored[key].get<int>(), b = want[key].get<int>();
        if (a != b) mismatch(label, std::to_string(a), std::to_string(b));
    }
}

}  // namespace

void validateSupernetConfigJson(const Json& c) {
    const std::string ctx = "supernet config";
    const space::SearchSpace s = space::SearchSpace::fromJson(requireField(c, "space", ctx));
    const int width = requireInt(c, "width_index", ctx);
    const int classes = requireInt(c, "num_classes", ctx);
    const int channels = requireInt(c, "input_channels", ctx);
    const double dropout = requireNumber(c, "dropout", ctx);
    const double momentum = requireNumber(c, "bn_momentum", ctx);
    const double eps = requireNumber(c, "bn_eps", ctx);
    if (width < 0 || width >= s.numWidths())
        invalid("width index must be in 0.." + std::to_string(s.numWidths() - 1) + ", got " + std::to_string(width));
    if (classes < 1 || classes > kMaxSupernetClasses)
        invalid("number of classes must be in 1.." + std::to_string(kMaxSupernetClasses) + ", got " + std::to_string(classes));
    if (channels < 1 || channels > kMaxSupernetInputChannels)
        invalid("input channels must be in 1.." + std::to_string(kMaxSupernetInputChannels) + ", got " +
                std::to_string(channels));
    if (!(dropout >= 0.0 && dropout < 1.0)) invalid("dropout must be in [0, 1), got " + std::to_string(dropout));
    if (!(momentum >= 0.0 && momentum <= 1.0)) invalid("BN momentum must be in [0, 1], got " + std::to_string(momentum));
    if (!(eps > 0.0 && eps < 1.0)) invalid("BN epsilon must be in (0, 1), got " + std::to_string(eps));
}

std::string makeSupernetMeta(const Json& config, bool hasTrainerState, const Json& metadata) {
    const Json meta = {{"format", kSupernetFormat},
                       {"nat_version", NAT_VERSION_STRING},
                       {"config", config},
                       {"has_trainer_state", hasTrainerState},
                       {"metadata", metadata}};
    return meta.dump();
}

SupernetFileMeta parseSupernetMeta(const std::string& text, const fs::path& file, const std::optional<Json>& expectedConfig) {
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
        out.config = requireField(meta, "config", quoted(file));
        validateSupernetConfigJson(out.config);
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": bad configuration: " + e.what());
    }
    if (expectedConfig) checkMatches(out.config, *expectedConfig, file);
    const auto md = meta.find("metadata");
    if (md != meta.end() && md->is_object()) out.metadata = *md;
    const auto ts = meta.find("has_trainer_state");
    out.hasTrainerState = ts != meta.end() && ts->is_boolean() && ts->get<bool>();
    return out;
}

}  // namespace nat::supernet
