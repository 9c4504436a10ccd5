#include "data/dataset.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "data/cifar_format.h"
#include "data/idx_format.h"
#include "data/image_folder.h"

namespace nat::data {

namespace fs = std::filesystem;

std::string_view formatName(DatasetFormat format) noexcept {
    switch (format) {
    case DatasetFormat::Idx: return "idx";
    case DatasetFormat::Cifar10: return "cifar-10";
    case DatasetFormat::Cifar100: return "cifar-100";
    case DatasetFormat::ImageFolder: return "image-folder";
    }
    return "unknown";
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

namespace {

const std::vector<std::string> kCifar10Names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                "dog",      "frog",       "horse", "ship", "truck"};

// First of the spellings in use (MNIST's, and the dotted one of some mirrors), raw or gzipped.
std::optional<fs::path> findIdxFile(const fs::path& dir, const std::vector<std::string>& stems) {
    for (const auto& stem : stems)
        for (const char* ext : {"", ".gz"}) {
            const fs::path p = dir / (stem + ext);
            std::error_code ec;
            if (fs::is_regular_file(p, ec)) return p;
        }
    return std::nullopt;
}

struct IdxFiles {
    std::optional<fs::path> trainImages, trainLabels, testImages, testLabels;
};

IdxFiles findIdxFiles(const fs::path& dir) {
    return {findIdxFile(dir, {"train-images-idx3-ubyte", "train-images.idx3-ubyte"}),
            findIdxFile(dir, {"train-labels-idx1-ubyte", "train-labels.idx1-ubyte"}),
            findIdxFile(dir, {"t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte", "test-images-idx3-ubyte"}),
            findIdxFile(dir, {"t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte", "test-labels-idx1-ubyte"})};
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isFashionMnist(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    return lower(canonical.generic_string()).find("fashion") != std::string::npos ||
           canonical == fs::path(kFashionMnistDir);
}

std::shared_ptr<const ImageSet> readIdxPair(const fs::path& images, const std::optional<fs::path>& labels,
                                            int maxClasses) {
    if (!labels)
        throw Error(ErrorCode::Io, "IDX image file " + quoted(images) + " has no label file next to it (expected " +
                                       (images.filename().string().starts_with("train") ? "train" : "t10k") +
                                       "-labels-idx1-ubyte[.gz])");
    return std::make_shared<ImageSet>(
        makeIdxImageSet(readIdxFile(images), readIdxFile(*labels), quoted(images), quoted(*labels), maxClasses));
}

int maxLabel(const ImageSet& set) {
    int m = -1;
    for (std::int32_t l : set.labels) m = std::max(m, static_cast<int>(l));
    return m;
}

}  // namespace

Dataset openIdxFolder(const fs::path& dir) {
    const IdxFiles files = findIdxFiles(dir);
    if (!files.trainImages)
        throw Error(ErrorCode::Io, "IDX folder " + quoted(dir) + " has no train-images-idx3-ubyte[.gz]");
    Dataset ds;
    ds.format = DatasetFormat::Idx;
    ds.root = dir;
    const bool fashion = isFashionMnist(dir);
    const int maxClasses = fashion ? 10 : 256;
    ds.train = readIdxPair(*files.trainImages, files.trainLabels, maxClasses);
    if (ds.train->empty()) throw Error(ErrorCode::Corrupt, "IDX file " + quoted(*files.trainImages) + " holds no images");
    const int numClasses = fashion ? 10 : maxLabel(*ds.train) + 1;
    if (files.testImages) {
        ds.test = readIdxPair(*files.testImages, files.testLabels, 256);
        const auto& t = *ds.test;
        if (t.height != ds.train->height || t.width != ds.train->width)
            throw Error(ErrorCode::Mismatch, "IDX test images " + quoted(*files.testImages) + " are " +
                                                 std::to_string(t.width) + "x" + std::to_string(t.height) +
                                                 " but the training images are " + std::to_string(ds.train->width) +
                                                 "x" + std::to_string(ds.train->height));
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t.labels[i] >= numClasses)
                throw Error(ErrorCode::Corrupt, "IDX label file " + quoted(*files.testLabels) + ": label " +
                                                    std::to_string(t.labels[i]) + " at index " + std::to_string(i) +
                                                    " is out of range: the training set has classes 0.." +
                                                    std::to_string(numClasses - 1));
    } else {
        ds.test = std::make_shared<ImageSet>();
        ds.warnings.push_back("no test split (t10k-images-idx3-ubyte[.gz]) in " + quoted(dir));
    }
    ds.val = std::make_shared<ImageSet>();
    ds.name = fashion ? std::string(kFashionMnistAlias) : detail::folderName(dir);
    if (fashion) {
        ds.classNames = fashionMnistClassNames();
    } else {
        for (int c = 0; c < numClasses; ++c) ds.classNames.push_back(std::to_string(c));
    }
    ds.flipByDefault = fashion;
    ds.originalSizes = {{ds.train->width, ds.train->height,
                         static_cast<long long>(ds.train->size() + ds.test->size())}};
    return ds;
}

namespace {

// Class names, one per line; empty when the file is absent or does not list `expected` names.
std::vector<std::string> readNameFile(const fs::path& file, std::size_t expected, Dataset& ds) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return {};
    std::vector<std::string> names;
    std::istringstream in(readTextFile(file));
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
        if (!line.empty()) names.push_back(line);
    }
    if (names.size() == expected) return names;
    ds.warnings.push_back("class-name file " + quoted(file) + " lists " + std::to_string(names.size()) +
                          " names, expected " + std::to_string(expected) + "; using numbers");
    return {};
}

std::shared_ptr<const ImageSet> readCifarFiles(const std::vector<fs::path>& files, CifarLabels kind) {
    auto set = std::make_shared<ImageSet>();
    for (const auto& f : files) appendCifarRecords(readBinaryFile(f), kind, quoted(f), *set);
    return set;
}

std::vector<fs::path> cifar10TrainFiles(const fs::path& dir) {
    std::map<int, fs::path> byNumber;  // data_batch_1.bin ... in numeric order
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("data_batch_") || !name.ends_with(".bin")) continue;
        const std::string digits = name.substr(11, name.size() - 15);
        if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; }) && digits.size() < 6)
            byNumber[std::stoi(digits)] = entry.path();
    }
    std::vector<fs::path> files;
    for (const auto& [n, p] : byNumber) files.push_back(p);
    return files;
}

}  // namespace

Dataset openCifarFolder(const fs::path& dir, const OpenOptions& options) {
    Dataset ds;
    ds.root = dir;
    std::error_code ec;
    const bool cifar10 = fs::exists(dir / "data_batch_1.bin", ec) || fs::exists(dir / "test_batch.bin", ec);
    const CifarLabels kind = cifar10                  ? CifarLabels::Cifar10
                             : options.cifar100Coarse ? CifarLabels::Cifar100Coarse
                                                      : CifarLabels::Cifar100Fine;
    const auto numClasses = static_cast<std::size_t>(cifarNumClasses(kind));
    std::vector<fs::path> trainFiles;
    fs::path testFile;
    if (cifar10) {
        ds.format = DatasetFormat::Cifar10;
        ds.name = "cifar-10";
        trainFiles = cifar10TrainFiles(dir);
        if (trainFiles.empty())
            throw Error(ErrorCode::Io, "CIFAR-10 folder " + quoted(dir) + " has no data_batch_1.bin .. data_batch_5.bin");
        if (trainFiles.size() != 5)
            ds.warnings.push_back("CIFAR-10 folder has " + std::to_string(trainFiles.size()) +
                                  " training batches, the full set has 5");
        testFile = dir / "test_batch.bin";
        ds.classNames = readNameFile(dir / "batches.meta.txt", numClasses, ds);
        if (ds.classNames.empty()) ds.classNames = kCifar10Names;
    } else {
        ds.format = DatasetFormat::Cifar100;
        ds.name = kind == CifarLabels::Cifar100Coarse ? "cifar-100-coarse" : "cifar-100";
        if (!fs::exists(dir / "train.bin", ec))
            throw Error(ErrorCode::Io, "CIFAR-100 folder " + quoted(dir) + " has no train.bin");
        trainFiles = {dir / "train.bin"};
        testFile = dir / "test.bin";
        ds.classNames = readNameFile(
            dir / (kind == CifarLabels::Cifar100Coarse ? "coarse_label_names.txt" : "fine_label_names.txt"), numClasses, ds);
        if (ds.classNames.empty())
            for (std::size_t c = 0; c < numClasses; ++c) ds.classNames.push_back(std::to_string(c));
    }
    ds.train = readCifarFiles(trainFiles, kind);
    if (fs::exists(testFile, ec)) {
        ds.test = readCifarFiles({testFile}, kind);
    } else {
        ds.test = std::make_shared<ImageSet>();
        ds.warnings.push_back("no test split: " + quoted(testFile) + " is missing");
    }
    ds.val = std::make_shared<ImageSet>();
    ds.originalSizes = {{kCifarSide, kCifarSide, static_cast<long long>(ds.train->size() + ds.test->size())}};
    return ds;
}

namespace {

bool isCifarFolder(const fs::path& dir) {
    std::error_code ec;
    for (const char* f : {"data_batch_1.bin", "test_batch.bin", "train.bin"})
        if (fs::is_regular_file(dir / f, ec)) return true;
    return false;
}

[[noreturn]] void throwNotADataset(const fs::path& path, const std::string& why) {
    throw Error(ErrorCode::InvalidArgument,
                quoted(path) + " is not a dataset (" + why +
                    "); looked for: IDX files (train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]), "
                    "CIFAR-10 binary files (data_batch_1.bin ... test_batch.bin), CIFAR-100 binary files "
                    "(train.bin, test.bin), or an image folder (one sub-folder of JPEG/PNG/BMP/WebP images per "
                    "class, optionally under train/ val/ test/)");
}

}  // namespace

Dataset openDataset(const std::string& pathOrAlias, const OpenOptions& options) {
    const fs::path path = pathOrAlias == kFashionMnistAlias ? fs::path(kFashionMnistDir) : fs::path(pathOrAlias);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
        if (pathOrAlias == kFashionMnistAlias)
            throw Error(ErrorCode::Io, "Fashion-MNIST is not installed at " + quoted(path) +
                                           " (Debian package dataset-fashion-mnist)");
        throw Error(ErrorCode::InvalidArgument, "dataset path " + quoted(path) + " does not exist");
    }
    if (!fs::is_directory(st)) throwNotADataset(path, "it is a file; choose the folder that holds the dataset");
    if (findIdxFiles(path).trainImages) return openIdxFolder(path);
    if (isCifarFolder(path)) return openCifarFolder(path, options);
    for (const char* sub : {"cifar-10-batches-bin", "cifar-100-binary"})
        if (isCifarFolder(path / sub)) return openCifarFolder(path / sub, options);
    if (detail::looksLikeImageFolder(path)) return openImageFolder(path, options);
    throwNotADataset(path, "none of the known layouts was found");
}

}  // namespace nat::data
