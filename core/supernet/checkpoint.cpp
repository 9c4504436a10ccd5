#include "supernet/checkpoint.h"

#include <torch/torch.h>
#include <zlib.h>

#include <cstring>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "supernet/checkpoint_meta.h"
#include "supernet/trainer.h"

namespace nat::supernet {

namespace fs = std::filesystem;

namespace {

// File layout (docs/checkpoints.md "Supernet files"): a 24-byte header — magic "NATSNCK1", payload
// length (u64 little-endian), CRC-32 of the payload (u32 LE, zlib's crc32), 4 reserved zero bytes —
// then the payload, a LibTorch archive (zip). Files of version 0.x have no header: they start with
// the zip's "PK\3\4" and are read without a checksum.
constexpr char kMagic[8] = {'N', 'A', 'T', 'S', 'N', 'C', 'K', '1'};
constexpr std::size_t kHeaderSize = 24;

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

std::uint32_t crc32Of(std::string_view bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths: feed large payloads in pieces.
    for (std::size_t off = 0; off < bytes.size();) {
        const std::size_t n = std::min<std::size_t>(bytes.size() - off, 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + off), static_cast<uInt>(n));
        off += n;
    }
    return static_cast<std::uint32_t>(crc);
}

void putLe(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint64_t getLe(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return v;
}

std::string withHeader(const std::string& payload) {
    std::string out(kMagic, sizeof kMagic);
    putLe(out, payload.size(), 8);
    putLe(out, crc32Of(payload), 4);
    putLe(out, 0, 4);
    out += payload;
    return out;
}

// The archive bytes of a supernet file, after checking length and checksum.
std::string verifiedPayload(const fs::path& file, SupernetFileCheck* check) {
    if (!fs::exists(file)) throw Error(ErrorCode::Io, "supernet file " + quoted(file) + " does not exist");
    std::string bytes = readTextFile(file);
    if (check) check->bytes = bytes.size();
    if (bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0) {
        if (check) check->hasChecksum = false;
        return bytes;  // an older file without a header: LibTorch's zip checks remain
    }
    if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        if (bytes.size() < kHeaderSize && bytes.size() > 0 && std::memcmp(bytes.data(), kMagic, std::min(bytes.size(), sizeof kMagic)) == 0)
            throw Error(ErrorCode::Corrupt, quoted(file) + " is truncated: " + std::to_string(bytes.size()) +
                                                " bytes, shorter than its header");
        throw Error(ErrorCode::Corrupt, quoted(file) + " is not a NAT Studio supernet file or is damaged (unknown header)");
    }
    const std::uint64_t length = getLe(bytes, 8, 8);
    const auto stored = static_cast<std::uint32_t>(getLe(bytes, 16, 4));
    if (length != bytes.size() - kHeaderSize)
        throw Error(ErrorCode::Corrupt, quoted(file) + " is truncated or damaged: its header announces " + std::to_string(length) +
                                            " bytes of data, the file holds " + std::to_string(bytes.size() - kHeaderSize));
    std::string payload = bytes.substr(kHeaderSize);
    const std::uint32_t actual = crc32Of(payload);
    if (actual != stored) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "checksum mismatch (stored CRC-32 %08x, computed %08x)", stored, actual);
        throw Error(ErrorCode::Corrupt, quoted(file) + " is damaged: " + buf);
    }
    if (check) {
        check->hasChecksum = true;
        check->crc32 = actual;
    }
    return payload;
}

torch::serialize::InputArchive openArchive(const fs::path& file) {
    const std::string payload = verifiedPayload(file, nullptr);
    torch::serialize::InputArchive archive;
    try {
        std::istringstream in(payload);
        archive.load_from(in);
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
    writeFileAtomic(file, withHeader(bytes.str()));
}

SupernetFileCheck checkSupernetFile(const fs::path& file) {
    SupernetFileCheck check;
    verifiedPayload(file, &check);
    return check;
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
