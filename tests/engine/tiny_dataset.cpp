#include "tiny_dataset.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <vector>

namespace nat::test {

namespace {

void writeBigEndian(std::ofstream& out, std::uint32_t v) {
    const unsigned char b[4] = {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
                                static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
    out.write(reinterpret_cast<const char*>(b), 4);
}

void writeSplit(const std::filesystem::path& dir, const std::string& prefix, int n, int classes, std::mt19937& rng) {
    std::ofstream img(dir / (prefix + "-images-idx3-ubyte"), std::ios::binary);
    std::ofstream lab(dir / (prefix + "-labels-idx1-ubyte"), std::ios::binary);
    writeBigEndian(img, 0x00000803);
    writeBigEndian(img, static_cast<std::uint32_t>(n));
    writeBigEndian(img, 28);
    writeBigEndian(img, 28);
    writeBigEndian(lab, 0x00000801);
    writeBigEndian(lab, static_cast<std::uint32_t>(n));
    std::normal_distribution<double> noise(0.0, 25.0);
    for (int i = 0; i < n; ++i) {
        const int c = i % classes;
        std::vector<unsigned char> px(28 * 28);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                // Class c lights up one of `classes` horizontal bands.
                const bool on = y * classes / 28 == c;
                const double v = (on ? 200.0 : 30.0) + noise(rng);
                px[y * 28 + x] = static_cast<unsigned char>(std::clamp(v, 0.0, 255.0));
            }
        img.write(reinterpret_cast<const char*>(px.data()), static_cast<std::streamsize>(px.size()));
        const unsigned char l = static_cast<unsigned char>(c);
        lab.write(reinterpret_cast<const char*>(&l), 1);
    }
}

}  // namespace

void writeTinyIdxDataset(const std::filesystem::path& dir, int train, int test, int classes, unsigned seed) {
    std::filesystem::create_directories(dir);
    std::mt19937 rng(seed);
    writeSplit(dir, "train", train, classes, rng);
    writeSplit(dir, "t10k", test, classes, rng);
}

engine::SearchSettings tinySearchSettings(const std::filesystem::path& dataset, std::uint64_t seed) {
    engine::SearchSettings s = engine::presetSettings("quick");
    s.dataset = dataset.string();
    s.seed = seed;
    s.trainSubset = 0;
    s.validationSize = 100;
    s.batchSize = 50;
    s.bnCalibrationImages = 50;
    s.warmupLargestEpochs = 1;
    s.warmupSampledEpochs = 1;
    s.initialArchive = 6;
    s.iterations = 2;
    s.candidatesPerIteration = 2;
    s.nsgaPopulation = 16;
    s.nsgaGenerations = 3;
    s.distributionTop = 6;
    s.adaptEpochs = 0.5;
    s.subnetsPerStep = 1;
    return s;
}

}  // namespace nat::test
