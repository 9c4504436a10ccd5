// libFuzzer harness for image-folder datasets (core/data/image_folder.cpp): the folder scan is a
// directory listing, so what is fuzzed is what a file in it can do — OpenCV's decoders (JPEG, PNG,
// BMP, WebP) behind openImageFolder, the shrinking, the square crop and the conversion to planar
// pixels. The first byte picks the extension and whether the class folder also holds a valid image;
// the rest is the file. A bad file must be skipped and counted (or the whole class refused with
// nat::Error when nothing in it is readable); crashes, hangs, leaks and UB are bugs.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "base/error.h"
#include "data/dataset.h"

namespace fs = std::filesystem;

namespace {

// A valid 3×2 grey PNG, so that the second class always has one readable image.
std::vector<unsigned char> validPng() {
    std::vector<unsigned char> png;
    cv::imencode(".png", cv::Mat(2, 3, CV_8UC1, cv::Scalar(7)), png);
    return png;
}

void writeFile(const fs::path& file, const unsigned char* bytes, std::size_t n) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes), static_cast<std::streamsize>(n));
}

const fs::path& root() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("nat-fuzz-images-" + std::to_string(::getpid()));
        fs::create_directories(d / "a");
        fs::create_directories(d / "b");
        const auto png = validPng();
        writeFile(d / "b" / "ok.png", png.data(), png.size());
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const char* const ext[] = {".png", ".jpg", ".bmp", ".webp"};
    const fs::path dir = root();
    for (const auto& e : fs::directory_iterator(dir / "a")) fs::remove(e.path());
    const fs::path file = dir / "a" / (std::string("x") + ext[data[0] & 3]);
    writeFile(file, data + 1, size - 1);
    if (data[0] & 4) {
        static const auto png = validPng();
        writeFile(dir / "a" / "ok.png", png.data(), png.size());
    }
    nat::data::OpenOptions options;
    options.maxImageSide = 32;  // keeps the resize of a large fuzzed image cheap
    try {
        const nat::data::Dataset ds = nat::data::openImageFolder(dir, options);
        if (ds.classNames.size() != 2 || ds.train->size() < 1) __builtin_trap();
        if (ds.train->pixels.size() != ds.train->size() * ds.train->imageBytes()) __builtin_trap();
    } catch (const nat::Error& e) {
        if (e.code() != nat::ErrorCode::Corrupt) __builtin_trap();  // only "no image of class a readable"
    }
    return 0;
}
