#include "supernet/checkpoint.h"

#include <torch/torch.h>

#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "supernet/trainer.h"
#include "nat_version.h"

namespace nat::supernet {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "nat-studio-supernet-1";

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

torch::serialize::InputArchive openArchive(const fs::path& file) {
    if (!fs::exists(file)) throw Error(ErrorCode::Io, "supernet file " + quoted(file) + " does not exist");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(file.string());
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + " is not a NAT Studio supernet file or is damaged (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
    return archive;
}

Json readMeta(torch::serialize::InputArchive& archive, const fs::path& file) {
    c10::IValue v;
    try {
        archive.read("nat_meta", v);
    } catch (const c10::Error&) {
        throw Error(ErrorCode::Corrupt, quoted(file) + " is a LibTorch archive but not a NAT Studio supernet file");
    }
    Json meta = parseJson(v.toStringRef(), quoted(file));
    if (!meta.is_object() || meta.value("format", "") != kFormat)
        throw Error(ErrorCode::Corrupt, quoted(file) + " has an unknown supernet format");
    return meta;
}

void checkMatches(const SupernetConfig& stored, const SupernetConfig& want, const fs::path& file) {
    auto mismatch = [&](const std::string& what, const std::string& has, const std::string& wanted) {
        throw Error(ErrorCode::Mismatch, quoted(file) + " holds a supernet for " + what + " " + has +
                                             ", but " + wanted + " is needed");
    };
    if (stored.space.name != want.space.name || stored.space.toJson() != want.space.toJson())
        mismatch("search space", "'" + stored.space.name + "'", "'" + want.space.name + "'");
    if (stored.widthIndex != want.widthIndex)
        mismatch("width", space::widthLabel(stored.space.widthMults[stored.widthIndex]),
                 space::widthLabel(want.space.widthMults[want.widthIndex]));
    if (stored.numClasses != want.numClasses)
        mismatch("classes:", std::to_string(stored.numClasses), std::to_string(want.numClasses));
    if (stored.inputChannels != want.inputChannels)
        mismatch("input channels:", std::to_string(stored.inputChannels), std::to_string(want.inputChannels));
}

}  // namespace

void saveSupernet(const fs::path& file, const Supernet& net, const SupernetTrainer* trainer, const Json& metadata) {
    torch::serialize::OutputArchive archive;
    const Json meta = {{"format", kFormat},
                       {"nat_version", NAT_VERSION_STRING},
                       {"config", net->config().toJson()},
                       {"has_trainer_state", trainer != nullptr},
                       {"metadata", metadata}};
    archive.write("nat_meta", c10::IValue(meta.dump()));
    torch::serialize::OutputArchive weights;
    net->save(weights);
    archive.write("supernet", weights);
    if (trainer) trainer->save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);
    writeFileAtomic(file, bytes.str());
}

LoadedSupernet loadSupernet(const fs::path& file, const std::optional<SupernetConfig>& expected) {
    torch::serialize::InputArchive archive = openArchive(file);
    const Json meta = readMeta(archive, file);
    SupernetConfig config;
    try {
        config = SupernetConfig::fromJson(requireField(meta, "config", quoted(file)));
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": bad configuration: " + e.what());
    }
    if (expected) checkMatches(config, *expected, file);
    LoadedSupernet out;
    out.net = Supernet(config);
    try {
        torch::serialize::InputArchive weights;
        archive.read("supernet", weights);
        out.net->load(weights);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": supernet weights are incomplete or of the wrong shape (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
    out.metadata = meta.value("metadata", Json::object());
    out.hasTrainerState = meta.value("has_trainer_state", false);
    return out;
}

void loadTrainerState(const fs::path& file, SupernetTrainer& trainer) {
    torch::serialize::InputArchive archive = openArchive(file);
    const Json meta = readMeta(archive, file);
    if (!meta.value("has_trainer_state", false))
        throw Error(ErrorCode::Corrupt, quoted(file) + " holds no training state to resume from");
    try {
        trainer.load(archive);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": training state is damaged (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
}

}  // namespace nat::supernet
