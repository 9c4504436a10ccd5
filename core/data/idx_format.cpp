#include "data/idx_format.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"

namespace nat::data {

namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr std::size_t kMaxDims = 8;

std::uint32_t readBigEndian32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

std::string hex32(std::uint32_t v) {
    std::ostringstream os;
    os << "0x" << std::hex;
    os.width(8);
    os.fill('0');
    os << v;
    return os.str();
}

std::string shapeText(const std::vector<std::uint32_t>& dims) {
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? "x" : "") + std::to_string(dims[i]);
    return s.empty() ? "scalar" : s;
}

}  // namespace

IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& source) {
    if (bytes.size() < 4)
        throw Error(ErrorCode::Corrupt, "IDX file " + source + " is truncated: " + std::to_string(bytes.size()) +
                                            " bytes, too short for the 4-byte magic number");
    const std::uint32_t magic = readBigEndian32(bytes.data());
    const std::size_t rank = bytes[3];
    if (bytes[0] != 0 || bytes[1] != 0 || rank == 0 || rank > kMaxDims)
        throw Error(ErrorCode::Parse, "IDX file " + source + " has a wrong magic number " + hex32(magic) +
                                          " (expected 0x000008DD with 1 to 8 dimensions, e.g. 0x00000803 "
                                          "for images, 0x00000801 for labels): not an IDX file");
    if (bytes[2] != kUnsignedByteType)
        throw Error(ErrorCode::Parse, "IDX file " + source + " has element type " + hex32(bytes[2]).substr(8) +
                                          " in magic number " + hex32(magic) + "; only unsigned bytes (0x08) are supported");
    const std::size_t header = 4 + 4 * rank;
    if (bytes.size() < header)
        throw Error(ErrorCode::Corrupt, "IDX file " + source + " is truncated inside its header: " +
                                            std::to_string(bytes.size()) + " bytes, the header of a " +
                                            std::to_string(rank) + "-dimensional array needs " + std::to_string(header));
    IdxArray out;
    std::size_t count = 1;
    for (std::size_t d = 0; d < rank; ++d) {
        const std::uint32_t n = readBigEndian32(bytes.data() + 4 + 4 * d);
        out.dims.push_back(n);
        // Guard the product against overflow before it is compared with the file size.
        if (n != 0 && count > SIZE_MAX / n)
            throw Error(ErrorCode::Corrupt, "IDX file " + source + " declares an array of " + shapeText(out.dims) +
                                                "... elements, more than any file can hold");
        count *= n;
    }
    const std::size_t have = bytes.size() - header;
    if (have != count)
        throw Error(ErrorCode::Corrupt,
                    "IDX file " + source + (have < count ? " is truncated" : " has trailing bytes") + ": header says " +
                        shapeText(out.dims) + " = " + std::to_string(count) + " bytes of data, the file has " +
                        std::to_string(have));
    out.values.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
    return out;
}

bool isGzip(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& source, std::size_t maxBytes) {
    z_stream zs{};
    // 15 + 16: a gzip wrapper, largest window.
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw Error(ErrorCode::Internal, "zlib failed to initialise");
    std::vector<std::uint8_t> out;
    out.resize(std::min<std::size_t>(maxBytes, std::max<std::size_t>(bytes.size() * 4, 1 << 16)));
    zs.next_in = const_cast<Bytef*>(bytes.data());
    zs.avail_in = static_cast<uInt>(bytes.size());
    int rc = Z_OK;
    std::size_t produced = 0;
    while (rc != Z_STREAM_END) {
        if (produced == out.size()) {
            if (out.size() >= maxBytes) {
                inflateEnd(&zs);
                throw Error(ErrorCode::Corrupt, "gzip file " + source + " inflates to more than " +
                                                    std::to_string(maxBytes) + " bytes");
            }
            out.resize(std::min(maxBytes, out.size() * 2));
        }
        const std::size_t room = std::min<std::size_t>(out.size() - produced, 1u << 30);
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(room);
        rc = inflate(&zs, Z_NO_FLUSH);
        produced += room - zs.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END) {
            // Z_BUF_ERROR with no input left: the stream ended before its end marker.
            const std::string why = rc == Z_BUF_ERROR && zs.avail_in == 0 ? "the stream is truncated"
                                    : zs.msg ? std::string(zs.msg)
                                             : "zlib error " + std::to_string(rc);
            inflateEnd(&zs);
            throw Error(ErrorCode::Corrupt, "gzip file " + source + " is corrupt: " + why);
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

IdxArray readIdxFile(const std::filesystem::path& path) {
    const std::vector<unsigned char> raw = readBinaryFile(path);
    const std::string source = quoted(path);
    if (isGzip(raw)) return parseIdx(gunzip(raw, source), source);
    return parseIdx(raw, source);
}

ImageSet makeIdxImageSet(IdxArray images, const IdxArray& labels, const std::string& imagesSource,
                         const std::string& labelsSource, int maxClasses) {
    if (images.dims.size() != 3)
        throw Error(ErrorCode::Corrupt, "IDX image file " + imagesSource + " has " + std::to_string(images.dims.size()) +
                                            " dimensions, expected 3 (count x height x width)");
    if (labels.dims.size() != 1)
        throw Error(ErrorCode::Corrupt, "IDX label file " + labelsSource + " has " + std::to_string(labels.dims.size()) +
                                            " dimensions, expected 1 (count)");
    if (images.dims[1] == 0 || images.dims[2] == 0 || images.dims[1] > 4096 || images.dims[2] > 4096)
        throw Error(ErrorCode::Corrupt, "IDX image file " + imagesSource + " has images of " +
                                            std::to_string(images.dims[1]) + "x" + std::to_string(images.dims[2]) +
                                            " pixels, expected 1 to 4096 per side");
    if (images.dims[0] != labels.dims[0])
        throw Error(ErrorCode::Mismatch, "IDX files do not match: " + imagesSource + " has " +
                                             std::to_string(images.dims[0]) + " images but " + labelsSource + " has " +
                                             std::to_string(labels.dims[0]) + " labels");
    for (std::size_t i = 0; i < labels.values.size(); ++i)
        if (labels.values[i] >= maxClasses)
            throw Error(ErrorCode::Corrupt, "IDX label file " + labelsSource + ": label " +
                                                std::to_string(labels.values[i]) + " at index " + std::to_string(i) +
                                                " is out of range 0.." + std::to_string(maxClasses - 1));
    ImageSet set;
    set.channels = 1;
    set.height = static_cast<int>(images.dims[1]);
    set.width = static_cast<int>(images.dims[2]);
    set.pixels = std::move(images.values);
    set.labels.assign(labels.values.begin(), labels.values.end());
    return set;
}

}  // namespace nat::data
