#include "supernet/checkpoint.h"

#include <torch/torch.h>

#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "supernet/checkpoint_meta.h"
#include "supernet/trainer.h"

namespace nat::supernet {

namespace fs = std::filesystem;

namespace {

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

// The header record as text; a file without one (or with another type there) is not ours.
std::string readMetaText(torch::serialize::InputArchive& archive, const fs::path& file) {
    c10::IValue v;
    try {
        archive.read("nat_meta", v);
    } catch (const c10::Error&) {
        v = c10::IValue();
    }
    if (!v.isString())
        throw Error(ErrorCode::Corrupt, quoted(file) + " is a LibTorch archive but not a NAT Studio supernet file");
    return v.toStringRef();
}

}  // namespace

void saveSupernet(const fs::path& file, const Supernet& net, const SupernetTrainer* trainer, const Json& metadata) {
    torch::serialize::OutputArchive archive;
    archive.write("nat_meta", c10::IValue(makeSupernetMeta(net->config().toJson(), trainer != nullptr, metadata)));
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
    const SupernetFileMeta meta = parseSupernetMeta(readMetaText(archive, file), file,
                                                    expected ? std::optional<Json>(expected->toJson()) : std::nullopt);
    LoadedSupernet out;
    out.net = Supernet(SupernetConfig::fromJson(meta.config));
    try {
        torch::serialize::InputArchive weights;
        archive.read("supernet", weights);
        out.net->load(weights);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": supernet weights are incomplete or of the wrong shape (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
    out.metadata = meta.metadata;
    out.hasTrainerState = meta.hasTrainerState;
    return out;
}

void loadTrainerState(const fs::path& file, SupernetTrainer& trainer) {
    torch::serialize::InputArchive archive = openArchive(file);
    if (!parseSupernetMeta(readMetaText(archive, file), file).hasTrainerState)
        throw Error(ErrorCode::Corrupt, quoted(file) + " holds no training state to resume from");
    try {
        trainer.load(archive);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": training state is damaged (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
}

}  // namespace nat::supernet
