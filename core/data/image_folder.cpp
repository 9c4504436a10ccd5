#include "data/image_folder.h"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>

#include "base/error.h"
#include "base/file_io.h"
#include "data/dataset.h"

#ifdef NAT_WITH_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace nat::data {

namespace fs = std::filesystem;

namespace detail {

bool hasImageExtension(const fs::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".webp";
}

bool hasImageSignature(std::span<const unsigned char> b) {
    auto startsWith = [&](std::size_t at, std::string_view magic) {
        return b.size() >= at + magic.size() &&
               std::equal(magic.begin(), magic.end(), b.begin() + static_cast<std::ptrdiff_t>(at),
                          [](char m, unsigned char c) { return static_cast<unsigned char>(m) == c; });
    };
    return startsWith(0, "\xFF\xD8\xFF") ||                        // JPEG (SOI + first marker)
           startsWith(0, "\x89PNG\r\n\x1A\n") ||                   // PNG
           startsWith(0, "BM") ||                                   // BMP
           (startsWith(0, "RIFF") && startsWith(8, "WEBPVP8"));     // WebP (a VP8, VP8L or VP8X chunk first)
}

std::optional<std::pair<std::int64_t, std::int64_t>> declaredImageSize(std::span<const unsigned char> b) {
    auto at = [&](std::size_t i) -> std::int64_t { return b[i]; };
    auto be16 = [&](std::size_t i) { return (at(i) << 8) | at(i + 1); };
    auto be32 = [&](std::size_t i) { return (be16(i) << 16) | be16(i + 2); };
    auto le16 = [&](std::size_t i) { return at(i) | (at(i + 1) << 8); };
    auto le24 = [&](std::size_t i) { return le16(i) | (at(i + 2) << 16); };
    auto le32s = [&](std::size_t i) {  // signed: BMP stores a top-down image with a negative height
        return static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(le16(i) | (le16(i + 2) << 16))));
    };
    using Size = std::pair<std::int64_t, std::int64_t>;
    if (b.size() >= 24 && b[0] == 0x89 && b[1] == 'P' && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')
        return Size{be32(16), be32(20)};
    if (b.size() >= 26 && b[0] == 'B' && b[1] == 'M') {
        if (le32s(14) == 12) return Size{le16(18), le16(20)};  // OS/2 core header: 16-bit sizes
        const std::int64_t h = le32s(22);
        return Size{std::abs(le32s(18)), h < 0 ? -h : h};
    }
    if (b.size() >= 30 && b[0] == 'R' && b[8] == 'W' && b[12] == 'V' && b[13] == 'P' && b[14] == '8') {
        if (b[15] == 'X') return Size{le24(24) + 1, le24(27) + 1};
        if (b[15] == 'L') {
            const std::int64_t bits = le16(21) | (le16(23) << 16);
            return Size{(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
        }
        if (b[15] == ' ') return Size{le16(26) & 0x3FFF, le16(28) & 0x3FFF};
        return std::nullopt;
    }
    if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) {  // JPEG: walk the markers to a start-of-frame
        std::size_t i = 2;
        while (i + 9 < b.size()) {
            if (b[i] != 0xFF) {  // libjpeg skips stray bytes up to the next marker, and so do we
                ++i;
                continue;
            }
            const unsigned char m = b[i + 1];
            if (m == 0xFF) { ++i; continue; }  // fill byte
            const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof) return Size{be16(i + 7), be16(i + 5)};
            if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) { i += 2; continue; }  // no length
            i += 2 + static_cast<std::size_t>(be16(i + 2));
        }
    }
    return std::nullopt;
}

namespace {

bool isHidden(const fs::path& p) { return p.filename().string().starts_with("."); }

std::vector<fs::path> sortedEntries(const fs::path& dir, bool directories) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (isHidden(it->path())) continue;
        std::error_code ec2;
        if (directories ? it->is_directory(ec2) : (it->is_regular_file(ec2) && hasImageExtension(it->path())))
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool hasClassFolders(const fs::path& dir) {
    for (const auto& sub : sortedEntries(dir, true))
        if (!sortedEntries(sub, false).empty()) return true;
    return false;
}

}  // namespace

std::string folderName(const fs::path& dir) {
    fs::path p = dir.lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return p.filename().string();
}

bool looksLikeImageFolder(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir / "train", ec) && hasClassFolders(dir / "train")) return true;
    return hasClassFolders(dir);
}

}  // namespace detail

#ifndef NAT_WITH_OPENCV

Dataset openImageFolder(const fs::path& dir, const OpenOptions&) {
    throw Error(ErrorCode::Unsupported, "image folder " + quoted(dir) +
                                            " cannot be read: this build has no OpenCV (configure with "
                                            "-DNAT_WITH_OPENCV=ON); IDX and CIFAR datasets still work");
}

#else

namespace {

using detail::sortedEntries;

struct Decoded {
    cv::Mat image;  // 8-bit, 1 or 3 channels (BGR), shorter side at most the cap
    int label = 0;
};

struct Tree {
    std::string name;  // "train", "val", "test"
    std::vector<Decoded> images;
};

struct LoadState {
    const OpenOptions& options;
    Dataset& ds;
    std::map<std::pair<int, int>, long long> sizes;
    bool anyColour = false;
};

void skip(LoadState& st, const fs::path& file, const std::string& why) {
    ++st.ds.skippedFiles;
    if (st.ds.skippedFiles <= 5) st.ds.warnings.push_back("skipped image " + quoted(file) + ": " + why);
}

// Reads through std::ifstream rather than cv::imread so that non-ASCII paths work everywhere.
std::optional<cv::Mat> decodeFile(LoadState& st, const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        skip(st, file, "cannot be opened");
        return std::nullopt;
    }
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) {
        skip(st, file, "zero-byte file");
        return std::nullopt;
    }
    if (!detail::hasImageSignature(bytes)) {
        skip(st, file, "not a JPEG, PNG, BMP or WebP file (unrecognised header)");
        return std::nullopt;
    }
    // OpenCV picks its decoder by signature, and its DICOM (GDCM) decoder, which aborts the process on
    // damaged input, claims any file with "DICM" at byte 128 that no earlier decoder took.
    if (bytes.size() >= 132 && std::string_view(reinterpret_cast<const char*>(bytes.data()) + 128, 4) == "DICM") {
        skip(st, file, "looks like a DICOM file (\"DICM\" at byte 128), not a JPEG, PNG, BMP or WebP image");
        return std::nullopt;
    }
    if (const auto size = detail::declaredImageSize(bytes);
        size && (size->first > detail::kMaxImagePixels || size->second > detail::kMaxImagePixels ||
                 size->first * size->second > detail::kMaxImagePixels)) {
        skip(st, file, "its header declares " + std::to_string(size->first) + " x " + std::to_string(size->second) +
                           " pixels (damaged, or more than the " + std::to_string(detail::kMaxImagePixels / 1000000) +
                           " million pixels NAT Studio decodes)");
        return std::nullopt;
    }
    cv::Mat img;
    try {
        img = cv::imdecode(bytes, cv::IMREAD_ANYCOLOR);
    } catch (const cv::Exception& e) {
        skip(st, file, std::string("OpenCV failed to decode it: ") + e.what());
        return std::nullopt;
    }
    if (img.empty() || img.depth() != CV_8U || (img.channels() != 1 && img.channels() != 3)) {
        skip(st, file, "not a readable JPEG/PNG/BMP/WebP image");
        return std::nullopt;
    }
    return img;
}

// Shrinks early so that a folder of large photographs never sits in memory at full size.
cv::Mat capShorterSide(const cv::Mat& img, int cap) {
    const int shorter = std::min(img.cols, img.rows);
    if (shorter <= cap) return img;
    const double f = static_cast<double>(cap) / shorter;
    cv::Mat out;
    cv::resize(img, out, cv::Size(std::max(1, static_cast<int>(img.cols * f + 0.5)),
                                  std::max(1, static_cast<int>(img.rows * f + 0.5))), 0, 0, cv::INTER_AREA);
    return out;
}

void loadClass(LoadState& st, Tree& tree, const fs::path& classDir, int label) {
    const std::vector<fs::path> files = sortedEntries(classDir, false);
    if (files.empty())
        throw Error(ErrorCode::InvalidArgument, "class folder " + quoted(classDir) +
                                                    " is empty: it has no JPEG, PNG, BMP or WebP images");
    std::size_t loaded = 0;
    for (const auto& file : files) {
        std::optional<cv::Mat> img = decodeFile(st, file);
        if (!img) continue;
        ++st.sizes[{img->cols, img->rows}];
        st.anyColour = st.anyColour || img->channels() == 3;
        tree.images.push_back({capShorterSide(*img, st.options.maxImageSide), label});
        ++loaded;
    }
    if (loaded == 0)
        throw Error(ErrorCode::Corrupt, "class folder " + quoted(classDir) + ": none of its " +
                                            std::to_string(files.size()) + " images could be read");
}

// The classes are the training tree's sub-folders; val/ and test/ may hold a subset of them.
void loadTree(LoadState& st, Tree& tree, const fs::path& dir, bool defineClasses) {
    const std::vector<fs::path> classDirs = sortedEntries(dir, true);
    if (defineClasses) {
        if (classDirs.size() < 2)
            throw Error(ErrorCode::InvalidArgument,
                        "image folder " + quoted(dir) + " has " + std::to_string(classDirs.size()) +
                            (classDirs.size() == 1 ? " class folder (" + quoted(classDirs[0].filename()) + ")" : " class folders") +
                            "; a classification dataset needs at least 2");
        for (const auto& c : classDirs) st.ds.classNames.push_back(c.filename().string());
    }
    for (const auto& c : classDirs) {
        const auto& names = st.ds.classNames;
        const auto it = std::find(names.begin(), names.end(), c.filename().string());
        if (it == names.end())
            throw Error(ErrorCode::Mismatch, "class folder " + quoted(c) + " has no counterpart in the training tree");
        loadClass(st, tree, c, static_cast<int>(it - names.begin()));
    }
}

int mostCommonShorterSide(const std::map<std::pair<int, int>, long long>& sizes, int cap) {
    std::map<int, long long> bySide;
    for (const auto& [wh, n] : sizes) bySide[std::min({wh.first, wh.second, cap})] += n;
    return std::max_element(bySide.begin(), bySide.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

// Scales the shorter side to `side`, crops the centre square, converts to RGB or grey, stores planar.
void appendSquare(const Decoded& d, int side, int channels, ImageSet& out) {
    const cv::Mat& img = d.image;
    const double f = static_cast<double>(side) / std::min(img.cols, img.rows);
    cv::Mat scaled;
    const cv::Size size(std::max(side, static_cast<int>(img.cols * f + 0.5)), std::max(side, static_cast<int>(img.rows * f + 0.5)));
    cv::resize(img, scaled, size, 0, 0, f < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat square = scaled(cv::Rect((scaled.cols - side) / 2, (scaled.rows - side) / 2, side, side));
    cv::Mat converted;
    if (channels == 3)
        cv::cvtColor(square, converted, square.channels() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
    else
        converted = square.clone();
    std::vector<cv::Mat> planes;
    cv::split(converted, planes);
    for (const auto& p : planes)
        for (int y = 0; y < side; ++y) out.pixels.insert(out.pixels.end(), p.ptr<std::uint8_t>(y), p.ptr<std::uint8_t>(y) + side);
    out.labels.push_back(d.label);
}

std::shared_ptr<const ImageSet> toImageSet(const Tree& tree, int side, int channels) {
    auto set = std::make_shared<ImageSet>();
    set->channels = channels;
    set->height = set->width = side;
    set->pixels.reserve(tree.images.size() * set->imageBytes());
    for (const auto& d : tree.images) appendSquare(d, side, channels, *set);
    return set;
}

}  // namespace

Dataset openImageFolder(const fs::path& dir, const OpenOptions& options) {
    if (options.maxImageSide < 8 || options.imageSize < 0 || options.imageSize > 4096)
        throw Error(ErrorCode::InvalidArgument, "image size must be 8..4096 px (max side " +
                                                    std::to_string(options.maxImageSide) + ", size " +
                                                    std::to_string(options.imageSize) + ")");
    Dataset ds;
    ds.format = DatasetFormat::ImageFolder;
    ds.root = dir;
    ds.name = detail::folderName(dir);
    LoadState st{options, ds, {}, false};
    std::error_code ec;
    Tree train{"train", {}}, val{"val", {}}, test{"test", {}};
    if (fs::is_directory(dir / "train", ec)) {
        loadTree(st, train, dir / "train", true);
        for (Tree* t : {&val, &test})
            if (fs::is_directory(dir / t->name, ec)) loadTree(st, *t, dir / t->name, false);
    } else {
        loadTree(st, train, dir, true);
    }
    const int side = options.imageSize > 0 ? options.imageSize : mostCommonShorterSide(st.sizes, options.maxImageSide);
    const int channels = st.anyColour ? 3 : 1;
    ds.train = toImageSet(train, side, channels);
    ds.val = toImageSet(val, side, channels);
    ds.test = toImageSet(test, side, channels);
    for (const auto& [wh, n] : st.sizes) ds.originalSizes.push_back({wh.first, wh.second, n});
    std::stable_sort(ds.originalSizes.begin(), ds.originalSizes.end(), [](auto& a, auto& b) { return a.count > b.count; });
    if (ds.skippedFiles > 0)
        ds.warnings.push_back("skipped " + std::to_string(ds.skippedFiles) + " unreadable image file(s) in total");
    if (ds.test->empty()) ds.warnings.push_back("no test split (no test/ folder)");
    return ds;
}

#endif

}  // namespace nat::data
