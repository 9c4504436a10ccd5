// Dataset detection and the IDX / CIFAR folder readers, on generated files and on the installed
// Fashion-MNIST.
#include <gtest/gtest.h>

#include <fstream>

#include "data/data_test_util.h"
#include "data/dataset.h"
#include "data/summary.h"
#include "test_util.h"

namespace nat::test {
namespace {

using namespace nat::data;
namespace fs = std::filesystem;

TEST(Dataset, OpensGzippedAndRawIdxFolders) {
    TempDir tmp;
    for (bool gz : {true, false}) {
        const fs::path dir = tmp / (gz ? "digits-gz" : "digits-raw");
        writeIdxFolder(dir, 40, 20, 4, 6, gz);
        const Dataset ds = openDataset(dir.string());
        EXPECT_EQ(ds.format, DatasetFormat::Idx);
        EXPECT_EQ(ds.name, gz ? "digits-gz" : "digits-raw");
        EXPECT_EQ(ds.train->size(), 40u);
        EXPECT_EQ(ds.test->size(), 20u);
        EXPECT_EQ(ds.numClasses(), 4);
        EXPECT_EQ(ds.classNames[3], "3");
        EXPECT_EQ(ds.train->width, 6);
        EXPECT_FALSE(ds.flipByDefault);  // an unknown IDX set may be digits
    }
}

TEST(Dataset, IdxFolderErrorsNameTheFile) {
    TempDir tmp;
    writeIdxFolder(tmp.path(), 10, 5, 2, 4, false);
    writeBytes(tmp / "train-labels-idx1-ubyte", idxLabelBytes(cyclicLabels(9, 2)));
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Mismatch, "train-images-idx3-ubyte' has 10 images but");
    writeBytes(tmp / "train-labels-idx1-ubyte", idxLabelBytes(cyclicLabels(10, 2)));
    writeBytes(tmp / "t10k-labels-idx1-ubyte", idxLabelBytes({0, 1, 2, 0, 1}));
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Corrupt,
                     "t10k-labels-idx1-ubyte': label 2 at index 2 is out of range: the training set has classes 0..1");
    fs::remove(tmp / "train-labels-idx1-ubyte");
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Io, "has no label file next to it");
    writeBytes(tmp / "train-labels-idx1-ubyte", idxLabelBytes(cyclicLabels(10, 2)));
    Bytes truncated = gzipBytes(idxBytes({10, 4, 4}));
    truncated.resize(truncated.size() - 10);
    fs::remove(tmp / "train-images-idx3-ubyte");
    writeBytes(tmp / "train-images-idx3-ubyte.gz", truncated);
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Corrupt, "train-images-idx3-ubyte.gz' is corrupt");
}

TEST(Dataset, OpensCifar10WithMetaNames) {
    TempDir tmp;
    writeCifar10Folder(tmp / "cifar-10-batches-bin", 7, true);
    const Dataset ds = openDataset(tmp.path().string());  // the parent folder is found too
    EXPECT_EQ(ds.format, DatasetFormat::Cifar10);
    EXPECT_EQ(ds.train->size(), 35u);
    EXPECT_EQ(ds.test->size(), 7u);
    EXPECT_EQ(ds.classNames[1], "car");
    EXPECT_EQ(ds.channels(), 3);
    EXPECT_TRUE(ds.warnings.empty());
    fs::remove(tmp / "cifar-10-batches-bin" / "batches.meta.txt");
    EXPECT_EQ(openDataset((tmp / "cifar-10-batches-bin").string()).classNames[1], "automobile");
}

TEST(Dataset, Cifar10ErrorsNameTheFile) {
    TempDir tmp;
    writeCifar10Folder(tmp.path(), 3, false);
    Bytes b = cifarBytes({{1}, {2}});
    b.resize(5000);
    writeBytes(tmp / "data_batch_3.bin", b);
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Corrupt, "data_batch_3.bin' is truncated");
    writeBytes(tmp / "data_batch_3.bin", cifarBytes({{11}}));
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Corrupt, "data_batch_3.bin': record 0 has label 11");
}

TEST(Dataset, OpensCifar100FineAndCoarse) {
    TempDir tmp;
    writeBytes(tmp / "train.bin", cifarBytes({{0, 5}, {1, 99}, {19, 7}}));
    writeBytes(tmp / "test.bin", cifarBytes({{3, 4}}));
    {
        std::ofstream f(tmp / "coarse_label_names.txt");
        for (int i = 0; i < 20; ++i) f << "super" << i << "\n";
    }
    const Dataset fine = openDataset(tmp.path().string());
    EXPECT_EQ(fine.format, DatasetFormat::Cifar100);
    EXPECT_EQ(fine.numClasses(), 100);
    EXPECT_EQ(fine.train->labels, (std::vector<std::int32_t>{5, 99, 7}));
    EXPECT_EQ(fine.classNames[99], "99");  // no fine_label_names.txt
    OpenOptions o;
    o.cifar100Coarse = true;
    const Dataset coarse = openDataset(tmp.path().string(), o);
    EXPECT_EQ(coarse.numClasses(), 20);
    EXPECT_EQ(coarse.classNames[19], "super19");
    EXPECT_EQ(coarse.test->labels, (std::vector<std::int32_t>{3}));
}

TEST(Dataset, PathThatIsNotADataset) {
    TempDir tmp;
    EXPECT_NAT_ERROR(openDataset((tmp / "missing").string()), ErrorCode::InvalidArgument, "missing' does not exist");
    std::ofstream(tmp / "notes.txt") << "hello";
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::InvalidArgument,
                     "is not a dataset (none of the known layouts was found); looked for: IDX files");
    EXPECT_NAT_ERROR(openDataset((tmp / "notes.txt").string()), ErrorCode::InvalidArgument, "it is a file");
    fs::create_directories(tmp / "empty-class");
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::InvalidArgument, "CIFAR-100 binary files");
}

TEST(Dataset, NonAsciiPathsWork) {
    TempDir tmp;
    const fs::path dir = tmp / "données" / "時尚";
    writeIdxFolder(dir, 12, 4, 3, 5, true);
    const Dataset ds = openDataset(dir.string());
    EXPECT_EQ(ds.name, "時尚");
    EXPECT_EQ(ds.train->size(), 12u);
    fs::remove(dir / "t10k-images-idx3-ubyte.gz");
    writeBytes(dir / "t10k-images-idx3-ubyte", Bytes{1, 2, 3, 4, 5, 6});
    EXPECT_NAT_ERROR(openDataset(dir.string()), ErrorCode::Parse, "données/時尚/t10k-images-idx3-ubyte' has a wrong magic number");
}

// The installed Debian package: counts, classes and the published statistics.
TEST(Dataset, RealFashionMnist) {
    if (!fs::exists(std::string(kFashionMnistDir) + "/train-images-idx3-ubyte.gz")) GTEST_SKIP() << "dataset-fashion-mnist not installed";
    const Dataset ds = openDataset("fashion-mnist");
    EXPECT_EQ(ds.name, "fashion-mnist");
    ASSERT_EQ(ds.train->size(), 60000u);
    EXPECT_EQ(ds.test->size(), 10000u);
    EXPECT_EQ(ds.numClasses(), 10);
    EXPECT_EQ(ds.classNames[9], "Ankle boot");
    EXPECT_TRUE(ds.flipByDefault);
    for (long long n : classCounts(*ds.train, 10)) EXPECT_EQ(n, 6000);
    const ChannelStats st = computeChannelStats(*ds.train);
    EXPECT_NEAR(st.mean[0], 0.2860, 5e-4);
    EXPECT_NEAR(st.std[0], 0.3530, 5e-4);
}

}  // namespace
}  // namespace nat::test
