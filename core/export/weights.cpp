#include "export/weights.h"

#include <torch/serialize.h>
#include <torch/serialize/archive.h>

#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "nat_version.h"

namespace nat::exporting {

namespace fs = std::filesystem;
using supernet::StaticSubnet;
using supernet::SupernetConfig;

namespace {

constexpr const char* kFormat = "nat-studio-subnet-1";

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

ExportInfo infoFromJson(const Json& j) {
    ExportInfo info;
    info.classNames = j.value("class_names", std::vector<std::string>{});
    info.mean = j.value("mean", std::vector<double>{});
    info.std = j.value("std", std::vector<double>{});
    info.inputChannels = j.value("input_channels", 3);
    info.resolution = j.value("resolution", 0);
    info.architecture = j.value("architecture", Json::object());
    info.objectives = j.value("objectives", Json::object());
    info.provenance = j.value("provenance", Json::object());
    return info;
}

Json readMeta(torch::serialize::InputArchive& archive, const fs::path& file) {
    c10::IValue v;
    try {
        archive.read("nat_meta", v);
    } catch (const c10::Error&) {
        throw Error(ErrorCode::Corrupt, quoted(file) + " is a LibTorch archive but not a NAT Studio subnet file");
    }
    Json meta = parseJson(v.toStringRef(), quoted(file));
    if (!meta.is_object() || meta.value("format", "") != kFormat)
        throw Error(ErrorCode::Corrupt, quoted(file) + " has an unknown subnet format (expected " + kFormat + ")");
    return meta;
}

}  // namespace

void saveStaticSubnet(const fs::path& file, const supernet::StaticSubnetImpl& net, const ExportInfo& info) {
    const SupernetConfig& config = net.config();
    const Json meta = {{"format", kFormat},
                       {"nat_version", NAT_VERSION_STRING},
                       {"config", config.toJson()},
                       {"subnet", space::toSubnetJson(config.space, net.architecture())},
                       {"info", info.toJson()}};
    torch::serialize::OutputArchive archive;
    archive.write("nat_meta", c10::IValue(meta.dump()));
    torch::serialize::OutputArchive weights;
    net.save(weights);
    archive.write("subnet", weights);
    std::ostringstream bytes;
    archive.save_to(bytes);
    writeFileAtomic(file, bytes.str());
}

LoadedSubnet loadStaticSubnet(const fs::path& file) {
    if (!fs::exists(file)) throw Error(ErrorCode::Io, "subnet file " + quoted(file) + " does not exist");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(file.string());
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + " is not a NAT Studio subnet file or is damaged (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
    LoadedSubnet out;
    out.meta = readMeta(archive, file);
    try {
        const SupernetConfig config = SupernetConfig::fromJson(requireField(out.meta, "config", quoted(file)));
        const space::Architecture arch =
            space::fromSubnetJson(config.space, requireField(out.meta, "subnet", quoted(file)));
        out.net = StaticSubnet(config, arch);
        out.info = infoFromJson(out.meta.value("info", Json::object()));
    } catch (const Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": bad header: " + e.what());
    }
    try {
        torch::serialize::InputArchive weights;
        archive.read("subnet", weights);
        out.net->load(weights);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, quoted(file) + ": subnet weights are incomplete or of the wrong shape (" +
                                            firstLine(e.what_without_backtrace()) + ")");
    }
    out.net->eval();
    return out;
}

}  // namespace nat::exporting
