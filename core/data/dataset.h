#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/image_set.h"

namespace nat::data {

enum class DatasetFormat { Idx, Cifar10, Cifar100, ImageFolder };
std::string_view formatName(DatasetFormat format) noexcept;

/// The built-in alias and where Debian's dataset-fashion-mnist package installs the files.
inline constexpr std::string_view kFashionMnistAlias = "fashion-mnist";
inline constexpr std::string_view kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

struct OpenOptions {
    /// CIFAR-100: use the 20 coarse labels instead of the 100 fine ones.
    bool cifar100Coarse = false;
    /// Image folders are decoded once into memory, every image scaled (shorter side) and centre-cropped
    /// to one square size: `imageSize` when > 0, else the most common shorter side, capped at
    /// `maxImageSide` so that a folder of photographs does not fill the memory.
    int imageSize = 0;
    int maxImageSide = 128;
};

/// How many source images had a given original size (image folders can mix sizes).
struct SizeCount {
    int width = 0;
    int height = 0;
    long long count = 0;
};

/// A dataset held in memory. Plain data, no LibTorch or OpenCV types, so the GUI can include it.
/// The image sets are shared and immutable: loaders keep them alive on their worker threads.
struct Dataset {
    std::string name;                 ///< "fashion-mnist", "cifar-10", or the folder name
    DatasetFormat format = DatasetFormat::Idx;
    std::filesystem::path root;       ///< the folder the files were read from
    std::vector<std::string> classNames;
    std::shared_ptr<const ImageSet> train;
    std::shared_ptr<const ImageSet> val;   ///< a separate validation tree (image folders with val/); else empty
    std::shared_ptr<const ImageSet> test;  ///< empty when the source has no test split
    std::vector<SizeCount> originalSizes;  ///< sizes as found in the files, most common first
    long long skippedFiles = 0;            ///< unreadable images that were left out
    std::vector<std::string> warnings;     ///< one line each, for the summary
    /// Whether horizontal flips are a sensible default augmentation: off for IDX sets other than
    /// Fashion-MNIST (handwritten digits and letters change meaning when mirrored).
    bool flipByDefault = true;

    int numClasses() const { return static_cast<int>(classNames.size()); }
    int channels() const { return train ? train->channels : 0; }
};

/// Opens a dataset from a folder the user picked (or the alias "fashion-mnist"), detecting its kind:
/// a folder of IDX files (train-images-idx3-ubyte[.gz], ...), a CIFAR-10 or CIFAR-100 binary folder
/// (or a folder holding cifar-10-batches-bin / cifar-100-binary), or an image folder (one sub-folder
/// per class, or train/ val/ test/ trees of them). Throws Error naming the file and the problem;
/// a path that is none of these gets Error(InvalidArgument) listing what was looked for.
Dataset openDataset(const std::string& pathOrAlias, const OpenOptions& options = {});

/// The individual readers, for callers that know the format.
Dataset openIdxFolder(const std::filesystem::path& dir);
Dataset openCifarFolder(const std::filesystem::path& dir, const OpenOptions& options);
/// Needs OpenCV; a build without it throws Error(Unsupported).
Dataset openImageFolder(const std::filesystem::path& dir, const OpenOptions& options);

/// Fashion-MNIST's ten class names, in label order.
const std::vector<std::string>& fashionMnistClassNames();

}  // namespace nat::data
