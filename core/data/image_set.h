#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nat::data {

/// The images of one split, decoded once and held in memory as uint8 (Fashion-MNIST's 60,000 training
/// images take 47 MB, CIFAR's 50,000 take 150 MB). Every image has the same size; each is stored
/// planar (all of channel 0, then channel 1, ...), the layout of CIFAR's files and of NCHW tensors.
/// Immutable once built; safe to read from any number of threads.
struct ImageSet {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<std::uint8_t> pixels;  ///< size() * imageBytes()
    std::vector<std::int32_t> labels;  ///< class index per image

    std::size_t size() const { return labels.size(); }
    bool empty() const { return labels.empty(); }
    std::size_t imageBytes() const {
        return static_cast<std::size_t>(channels) * static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    }
    const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * imageBytes(); }
};

/// Images per class (index = class), for a set with `numClasses` classes.
std::vector<long long> classCounts(const ImageSet& set, int numClasses);

}  // namespace nat::data
