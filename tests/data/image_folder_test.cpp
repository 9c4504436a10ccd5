// Image-folder datasets (OpenCV builds), and the clear refusal in builds without OpenCV.
#include <gtest/gtest.h>

#include <fstream>

#include "data/data_test_util.h"
#include "data/dataset.h"
#include "data/image_folder.h"
#include "data/summary.h"
#include "test_util.h"

namespace nat::test {
namespace {

using namespace nat::data;
namespace fs = std::filesystem;

#ifdef NAT_WITH_OPENCV

TEST(ImageFolder, ClassSubFoldersWithNonAsciiNames) {
    TempDir tmp;
    const fs::path root = tmp / "données";
    writeImageFolder(root, {"chien", "猫", "oiseau"}, 4, 16, 3);
    std::ofstream(root / "README.txt") << "not an image";
    const Dataset ds = openDataset(root.string());
    EXPECT_EQ(ds.format, DatasetFormat::ImageFolder);
    EXPECT_EQ(ds.name, "données");
    EXPECT_EQ(ds.classNames, (std::vector<std::string>{"chien", "oiseau", "猫"}));  // sorted by name
    EXPECT_EQ(ds.train->size(), 12u);
    EXPECT_EQ(ds.channels(), 3);
    EXPECT_EQ(ds.train->width, 16);
    EXPECT_TRUE(ds.test->empty());
    EXPECT_EQ(ds.skippedFiles, 0);
    // Class "chien" was written with value 0: BGR (0, 255, 0) is stored as RGB planes R=0, G=255, B=0.
    EXPECT_EQ(ds.train->image(0)[0], 0);
    EXPECT_EQ(ds.train->image(0)[16 * 16], 255);
}

TEST(ImageFolder, TrainValTestTreesGreyscaleAndMixedSizes) {
    TempDir tmp;
    writeImageFolder(tmp / "train", {"a", "b"}, 3, 20, 1);
    writeImageFolder(tmp / "val", {"a", "b"}, 1, 20, 1);
    writeImageFolder(tmp / "test", {"b"}, 2, 20, 1);
    writeImage(tmp / "train" / "a" / "wide.bmp", 40, 20, 1, 9);
    writeImage(tmp / "train" / "b" / "small.jpg", 10, 10, 1, 200);
    const Dataset ds = openDataset(tmp.path().string());
    EXPECT_EQ(ds.channels(), 1);
    EXPECT_EQ(ds.train->size(), 8u);
    EXPECT_EQ(ds.val->size(), 2u);
    EXPECT_EQ(ds.test->size(), 2u);
    EXPECT_EQ(ds.test->labels[0], 1);
    EXPECT_EQ(ds.train->width, 20);  // the most common size
    ASSERT_EQ(ds.originalSizes.size(), 3u);
    EXPECT_EQ(ds.originalSizes[0].count, 10);
    const DatasetSummary s = summarize(ds);
    EXPECT_EQ(s.classes[1].test, 2);
    EXPECT_EQ(s.classes[0].val, 1);
}

TEST(ImageFolder, ColourWinsOverGreyAndSizeIsCapped) {
    TempDir tmp;
    writeImageFolder(tmp.path(), {"x", "y"}, 2, 300, 1);
    writeImage(tmp / "x" / "colour.png", 300, 300, 3, 50);
    OpenOptions o;
    o.maxImageSide = 64;
    const Dataset ds = openDataset(tmp.path().string(), o);
    EXPECT_EQ(ds.channels(), 3);
    EXPECT_EQ(ds.train->width, 64);
    o.imageSize = 24;
    EXPECT_EQ(openDataset(tmp.path().string(), o).train->height, 24);
}

TEST(ImageFolder, BadImagesAreSkippedWithACountedWarning) {
    TempDir tmp;
    writeImageFolder(tmp.path(), {"a", "b"}, 3, 8, 3);
    writeBytes(tmp / "a" / "empty.png", {});
    writeBytes(tmp / "b" / "garbage.jpg", Bytes{0xff, 0xd8, 0xff, 0x00, 0x01, 0x02});
    const Dataset ds = openDataset(tmp.path().string());
    EXPECT_EQ(ds.train->size(), 6u);
    EXPECT_EQ(ds.skippedFiles, 2);
    ASSERT_GE(ds.warnings.size(), 3u);
    EXPECT_NE(ds.warnings[0].find("empty.png': zero-byte file"), std::string::npos) << ds.warnings[0];
    EXPECT_NE(ds.warnings[1].find("garbage.jpg'"), std::string::npos) << ds.warnings[1];
    EXPECT_NE(ds.warnings[2].find("skipped 2 unreadable image file(s)"), std::string::npos);
}

// Found by fuzzing (tests/fuzz/corpus/image_folder/regress-dicom-abort): a damaged ".png" with "DICM"
// at byte 128 reached OpenCV's DICOM (GDCM) decoder, which aborted the whole process. Files without a
// JPEG, PNG, BMP or WebP signature are now skipped before OpenCV sees them.
TEST(ImageFolder, FilesWithoutAnImageSignatureNeverReachOpenCv) {
    TempDir tmp;
    writeImageFolder(tmp.path(), {"a", "b"}, 2, 8, 1);
    Bytes dicom(132, 0);
    const std::string png = "\x89PNG\r\n\x03";
    std::copy(png.begin(), png.end(), dicom.begin() + 1);
    const std::string magic = "DICM";
    std::copy(magic.begin(), magic.end(), dicom.begin() + 128);
    writeBytes(tmp / "a" / "scan.png", dicom);
    const Dataset ds = openDataset(tmp.path().string());
    EXPECT_EQ(ds.train->size(), 4u);
    EXPECT_EQ(ds.skippedFiles, 1);
    ASSERT_GE(ds.warnings.size(), 1u);
    EXPECT_NE(ds.warnings[0].find("scan.png': not a JPEG, PNG, BMP or WebP file (unrecognised header)"), std::string::npos)
        << ds.warnings[0];

    using detail::hasImageSignature;
    const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0}, pngSig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const unsigned char bmp[] = {'B', 'M', 0}, webp[] = {'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
    EXPECT_TRUE(hasImageSignature(jpeg));
    EXPECT_TRUE(hasImageSignature(pngSig));
    EXPECT_TRUE(hasImageSignature(bmp));
    EXPECT_TRUE(hasImageSignature(webp));
    EXPECT_FALSE(hasImageSignature(std::span<const unsigned char>(pngSig, 7)));
    EXPECT_FALSE(hasImageSignature(std::span<const unsigned char>(webp, 11)));
    EXPECT_FALSE(hasImageSignature(std::span<const unsigned char>(webp, 14)));  // "VP" without the 8

    // Found by fuzzing (regress-webp-dicom-abort): a valid-looking signature that OpenCV's own WebP
    // decoder does not accept, with "DICM" at byte 128, went to the DICOM decoder, which aborted.
    Bytes disguised(140, 'g');
    const std::string riff("RIFF\x00\x01\x00\x00WEBPVP8 ", 16);
    std::copy(riff.begin(), riff.end(), disguised.begin());
    const std::string dicm = "DICM";
    std::copy(dicm.begin(), dicm.end(), disguised.begin() + 128);
    writeBytes(tmp / "b" / "disguised.webp", disguised);
    const Dataset ds2 = openDataset(tmp.path().string());
    EXPECT_EQ(ds2.skippedFiles, 2);
    bool named = false;
    for (const auto& w : ds2.warnings) named = named || w.find("disguised.webp': looks like a DICOM file") != std::string::npos;
    EXPECT_TRUE(named) << ::testing::PrintToString(ds2.warnings);
    EXPECT_FALSE(hasImageSignature(std::span<const unsigned char>(dicom)));
}

// Found by fuzzing (tests/fuzz/corpus/image_folder/regress-bmp-huge-size): a 50-byte ".bmp" whose
// header claims hundreds of millions of pixels made OpenCV allocate 2.4 GB before failing. Sizes are
// now read from the header and absurd ones skipped before decoding.
TEST(ImageFolder, AbsurdDeclaredSizesAreSkippedBeforeDecoding) {
    using detail::declaredImageSize;
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 0, 32};
    EXPECT_EQ(declaredImageSize(png), std::make_pair(std::int64_t{256}, std::int64_t{32}));
    Bytes bmp(26, 0);
    bmp[0] = 'B', bmp[1] = 'M', bmp[14] = 40, bmp[18] = 0x00, bmp[19] = 0x00, bmp[20] = 0x06;  // width 393,216
    bmp[22] = 0x60, bmp[23] = 0x79, bmp[24] = 0xFE, bmp[25] = 0xFF;                          // height -100,000 (top-down)
    EXPECT_EQ(declaredImageSize(bmp), std::make_pair(std::int64_t{393216}, std::int64_t{100000}));
    // JPEG: SOI, an APP0 segment of 16 bytes, then SOF0 with height 480 and width 640.
    Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16};
    jpeg.resize(4 + 16, 0);
    for (unsigned char c : {0xFF, 0xC0, 0, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3, 0, 0}) jpeg.push_back(c);
    EXPECT_EQ(declaredImageSize(jpeg), std::make_pair(std::int64_t{640}, std::int64_t{480}));
    // Stray bytes before a marker are skipped, as libjpeg does (regress-jpeg-huge-size).
    Bytes strayJpeg(jpeg.begin(), jpeg.begin() + 20);
    for (unsigned char c : {0x38, 0x38, 0x38}) strayJpeg.push_back(c);
    strayJpeg.insert(strayJpeg.end(), jpeg.begin() + 20, jpeg.end());
    EXPECT_EQ(declaredImageSize(strayJpeg), std::make_pair(std::int64_t{640}, std::int64_t{480}));
    Bytes webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 49, 0, 0};
    EXPECT_EQ(declaredImageSize(webp), std::make_pair(std::int64_t{100}, std::int64_t{50}));
    EXPECT_FALSE(declaredImageSize(Bytes{0xFF, 0xD8, 0xFF}).has_value());
    EXPECT_FALSE(declaredImageSize(Bytes(png.begin(), png.begin() + 20)).has_value());

    TempDir tmp;
    writeImageFolder(tmp.path(), {"a", "b"}, 2, 8, 1);
    bmp.resize(51, 0x6d);
    writeBytes(tmp / "a" / "huge.bmp", bmp);
    const Dataset ds = openDataset(tmp.path().string());
    EXPECT_EQ(ds.train->size(), 4u);
    EXPECT_EQ(ds.skippedFiles, 1);
    ASSERT_GE(ds.warnings.size(), 1u);
    EXPECT_NE(ds.warnings[0].find("huge.bmp': its header declares 393216 x 100000 pixels"), std::string::npos) << ds.warnings[0];
}

TEST(ImageFolder, EmptyClassOneClassAndUnreadableClass) {
    TempDir tmp;
    writeImageFolder(tmp.path(), {"a", "b"}, 2, 8, 1);
    fs::create_directories(tmp / "c");
    std::ofstream(tmp / "c" / "notes.txt") << "x";
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::InvalidArgument,
                     "c' is empty: it has no JPEG, PNG, BMP or WebP images");
    fs::remove_all(tmp / "c");
    fs::remove_all(tmp / "b");
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::InvalidArgument,
                     "has 1 class folder ('a'); a classification dataset needs at least 2");
    writeImageFolder(tmp.path(), {"b"}, 1, 8, 1);
    writeBytes(tmp / "b" / "img0.png", {});
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Corrupt, "b': none of its 1 images could be read");
}

TEST(ImageFolder, TestClassMustExistInTraining) {
    TempDir tmp;
    writeImageFolder(tmp / "train", {"a", "b"}, 2, 8, 1);
    writeImageFolder(tmp / "test", {"zebra"}, 1, 8, 1);
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Mismatch, "zebra' has no counterpart in the training tree");
}

#else

TEST(ImageFolder, BuildWithoutOpenCvSaysSo) {
    TempDir tmp;
    fs::create_directories(tmp / "a");
    fs::create_directories(tmp / "b");
    std::ofstream(tmp / "a" / "x.png") << "x";
    std::ofstream(tmp / "b" / "y.png") << "y";
    EXPECT_NAT_ERROR(openDataset(tmp.path().string()), ErrorCode::Unsupported, "this build has no OpenCV");
}

#endif

}  // namespace
}  // namespace nat::test
