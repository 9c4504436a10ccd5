#include "data/data_test_util.h"

#include <zlib.h>

#include <fstream>
#include <stdexcept>

#ifdef NAT_WITH_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#endif

namespace nat::test {

namespace fs = std::filesystem;

namespace {
void putBigEndian(Bytes& b, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}
}  // namespace

Bytes idxBytes(const std::vector<std::uint32_t>& dims, int salt) {
    Bytes b = {0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    std::size_t count = 1;
    for (auto d : dims) {
        putBigEndian(b, d);
        count *= d;
    }
    for (std::size_t i = 0; i < count; ++i) b.push_back(static_cast<std::uint8_t>((i * 7 + static_cast<std::size_t>(salt)) % 256));
    return b;
}

Bytes idxLabelBytes(const std::vector<std::uint8_t>& labels) {
    Bytes b = {0, 0, 0x08, 1};
    putBigEndian(b, static_cast<std::uint32_t>(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

Bytes gzipBytes(const Bytes& raw) {
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
    Bytes out(deflateBound(&zs, raw.size()) + 64);
    zs.next_in = const_cast<Bytef*>(raw.data());
    zs.avail_in = static_cast<uInt>(raw.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

void writeBytes(const fs::path& path, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> cyclicLabels(int n, int classes) {
    std::vector<std::uint8_t> l;
    for (int i = 0; i < n; ++i) l.push_back(static_cast<std::uint8_t>(i % classes));
    return l;
}

void writeIdxFolder(const fs::path& dir, int n, int nTest, int classes, int side, bool gz) {
    fs::create_directories(dir);
    const std::string ext = gz ? ".gz" : "";
    auto put = [&](const std::string& name, const Bytes& b) { writeBytes(dir / (name + ext), gz ? gzipBytes(b) : b); };
    const auto s = static_cast<std::uint32_t>(side);
    put("train-images-idx3-ubyte", idxBytes({static_cast<std::uint32_t>(n), s, s}));
    put("train-labels-idx1-ubyte", idxLabelBytes(cyclicLabels(n, classes)));
    put("t10k-images-idx3-ubyte", idxBytes({static_cast<std::uint32_t>(nTest), s, s}, 3));
    put("t10k-labels-idx1-ubyte", idxLabelBytes(cyclicLabels(nTest, classes)));
}

Bytes cifarBytes(const std::vector<std::vector<std::uint8_t>>& labelsPerRecord) {
    Bytes b;
    for (std::size_t r = 0; r < labelsPerRecord.size(); ++r) {
        b.insert(b.end(), labelsPerRecord[r].begin(), labelsPerRecord[r].end());
        for (int p = 0; p < 3072; ++p) b.push_back(static_cast<std::uint8_t>((p + r * 13) % 256));
    }
    return b;
}

void writeCifar10Folder(const fs::path& dir, int perBatch, bool meta) {
    fs::create_directories(dir);
    auto records = [&](int offset) {
        std::vector<std::vector<std::uint8_t>> l;
        for (int i = 0; i < perBatch; ++i) l.push_back({static_cast<std::uint8_t>((i + offset) % 10)});
        return cifarBytes(l);
    };
    for (int k = 1; k <= 5; ++k) writeBytes(dir / ("data_batch_" + std::to_string(k) + ".bin"), records(k));
    writeBytes(dir / "test_batch.bin", records(0));
    if (meta) {
        std::ofstream m(dir / "batches.meta.txt");
        for (const char* n : {"plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"}) m << n << "\n";
        m << "\n";
    }
}

#ifdef NAT_WITH_OPENCV
void writeImage(const fs::path& file, int w, int h, int channels, int value) {
    cv::Mat img(h, w, channels == 3 ? CV_8UC3 : CV_8UC1);
    img.setTo(channels == 3 ? cv::Scalar(value, 255 - value, value / 2) : cv::Scalar(value));
    std::vector<unsigned char> buf;
    cv::imencode(file.extension().string(), img, buf);
    writeBytes(file, buf);
}

void writeImageFolder(const fs::path& root, const std::vector<std::string>& classes, int perClass, int side, int channels) {
    for (std::size_t c = 0; c < classes.size(); ++c) {
        fs::create_directories(root / fs::path(classes[c]));
        for (int i = 0; i < perClass; ++i)
            writeImage(root / fs::path(classes[c]) / ("img" + std::to_string(i) + ".png"), side, side, channels,
                       static_cast<int>(20 * c + i) % 256);
    }
}
#endif

}  // namespace nat::test
