// IDX and CIFAR parsers on bytes: valid input, and every kind of damage giving a message that names
// the file and the problem.
#include <gtest/gtest.h>

#include "data/cifar_format.h"
#include "data/data_test_util.h"
#include "data/idx_format.h"
#include "test_util.h"

namespace nat::test {
namespace {

using namespace nat::data;

TEST(IdxFormat, ParsesImagesAndLabels) {
    const IdxArray a = parseIdx(idxBytes({3, 2, 4}), "'x'");
    EXPECT_EQ(a.dims, (std::vector<std::uint32_t>{3, 2, 4}));
    ASSERT_EQ(a.values.size(), 24u);
    EXPECT_EQ(a.values[1], 7);
    const IdxArray l = parseIdx(idxLabelBytes({1, 0, 9}), "'y'");
    EXPECT_EQ(l.values, (std::vector<std::uint8_t>{1, 0, 9}));
    const ImageSet s = makeIdxImageSet(a, l, "'x'", "'y'", 10);
    EXPECT_EQ(s.size(), 3u);
    EXPECT_EQ(s.channels, 1);
    EXPECT_EQ(s.height, 2);
    EXPECT_EQ(s.width, 4);
    EXPECT_EQ(s.image(1)[0], (8 * 7) % 256);
}

TEST(IdxFormat, RejectsWrongMagicNumber) {
    Bytes b = idxBytes({2, 2, 2});
    b[0] = 0x1f;
    EXPECT_NAT_ERROR(parseIdx(b, "'a.idx'"), ErrorCode::Parse, "'a.idx' has a wrong magic number 0x1f000803");
    b = idxBytes({2, 2, 2});
    b[2] = 0x0d;  // float elements
    EXPECT_NAT_ERROR(parseIdx(b, "'a.idx'"), ErrorCode::Parse, "only unsigned bytes");
    EXPECT_NAT_ERROR(parseIdx(Bytes{0, 0}, "'a.idx'"), ErrorCode::Corrupt, "'a.idx' is truncated: 2 bytes");
}

TEST(IdxFormat, RejectsTruncatedAndTrailingData) {
    Bytes b = idxBytes({4, 3, 3});
    b.resize(b.size() - 5);
    EXPECT_NAT_ERROR(parseIdx(b, "'t.idx'"), ErrorCode::Corrupt, "'t.idx' is truncated: header says 4x3x3 = 36 bytes of data, the file has 31");
    b = idxBytes({4, 3, 3});
    b.push_back(0);
    EXPECT_NAT_ERROR(parseIdx(b, "'t.idx'"), ErrorCode::Corrupt, "has trailing bytes");
    b = idxBytes({4, 3, 3});
    b.resize(9);
    EXPECT_NAT_ERROR(parseIdx(b, "'t.idx'"), ErrorCode::Corrupt, "truncated inside its header");
    // A header that declares an enormous array must not allocate it.
    Bytes huge = {0, 0, 8, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2};
    EXPECT_NAT_ERROR(parseIdx(huge, "'h.idx'"), ErrorCode::Corrupt, "'h.idx' is truncated: header says 4294967295x4294967295");
    Bytes overflow = {0, 0, 8, 4};
    for (int i = 0; i < 16; ++i) overflow.push_back(0xff);
    EXPECT_NAT_ERROR(parseIdx(overflow, "'o.idx'"), ErrorCode::Corrupt, "more than any file can hold");
}

TEST(IdxFormat, RejectsMismatchedCountsRanksAndLabels) {
    const IdxArray images = parseIdx(idxBytes({3, 2, 2}), "'i'");
    EXPECT_NAT_ERROR(makeIdxImageSet(images, parseIdx(idxLabelBytes({0, 1}), "'l'"), "'i'", "'l'", 10),
                     ErrorCode::Mismatch, "'i' has 3 images but 'l' has 2 labels");
    EXPECT_NAT_ERROR(makeIdxImageSet(images, parseIdx(idxLabelBytes({0, 12, 1}), "'l'"), "'i'", "'l'", 10),
                     ErrorCode::Corrupt, "'l': label 12 at index 1 is out of range 0..9");
    EXPECT_NAT_ERROR(makeIdxImageSet(parseIdx(idxBytes({3, 4}), "'i'"), parseIdx(idxLabelBytes({0, 1, 2}), "'l'"), "'i'", "'l'", 10),
                     ErrorCode::Corrupt, "'i' has 2 dimensions, expected 3");
}

TEST(IdxFormat, GunzipRoundTripAndDamage) {
    const Bytes raw = idxBytes({5, 4, 4});
    const Bytes gz = gzipBytes(raw);
    EXPECT_TRUE(isGzip(gz));
    EXPECT_FALSE(isGzip(raw));
    EXPECT_EQ(gunzip(gz, "'g'"), raw);
    Bytes cut(gz.begin(), gz.begin() + static_cast<std::ptrdiff_t>(gz.size() / 2));
    EXPECT_NAT_ERROR(gunzip(cut, "'g.gz'"), ErrorCode::Corrupt, "gzip file 'g.gz' is corrupt: the stream is truncated");
    Bytes bad = gz;
    for (std::size_t i = 12; i < bad.size() - 8; ++i) bad[i] ^= 0x5a;
    EXPECT_NAT_ERROR(gunzip(bad, "'g.gz'"), ErrorCode::Corrupt, "gzip file 'g.gz' is corrupt");
    EXPECT_NAT_ERROR(gunzip(gz, "'g.gz'", 10), ErrorCode::Corrupt, "inflates to more than 10 bytes");
}

TEST(CifarFormat, ParsesCifar10And100Records) {
    ImageSet s;
    appendCifarRecords(cifarBytes({{3}, {9}}), CifarLabels::Cifar10, "'b1'", s);
    appendCifarRecords(cifarBytes({{0}}), CifarLabels::Cifar10, "'b2'", s);
    EXPECT_EQ(s.size(), 3u);
    EXPECT_EQ(s.labels, (std::vector<std::int32_t>{3, 9, 0}));
    EXPECT_EQ(s.channels, 3);
    EXPECT_EQ(s.image(1)[0], 13);  // first red pixel of record 1
    ImageSet fine, coarse;
    appendCifarRecords(cifarBytes({{19, 99}, {2, 5}}), CifarLabels::Cifar100Fine, "'t'", fine);
    appendCifarRecords(cifarBytes({{19, 99}, {2, 5}}), CifarLabels::Cifar100Coarse, "'t'", coarse);
    EXPECT_EQ(fine.labels, (std::vector<std::int32_t>{99, 5}));
    EXPECT_EQ(coarse.labels, (std::vector<std::int32_t>{19, 2}));
}

TEST(CifarFormat, RejectsTruncatedEmptyAndOutOfRange) {
    ImageSet s;
    Bytes b = cifarBytes({{1}, {2}});
    b.pop_back();
    EXPECT_NAT_ERROR(appendCifarRecords(b, CifarLabels::Cifar10, "'data_batch_1.bin'", s), ErrorCode::Corrupt,
                     "CIFAR-10 file 'data_batch_1.bin' is truncated or not a CIFAR-10 binary file: 6145 bytes is not a "
                     "whole number of 3073-byte records (1 records and 3072 bytes left over)");
    EXPECT_NAT_ERROR(appendCifarRecords({}, CifarLabels::Cifar10, "'e.bin'", s), ErrorCode::Corrupt, "'e.bin' is empty");
    EXPECT_NAT_ERROR(appendCifarRecords(cifarBytes({{1}, {10}}), CifarLabels::Cifar10, "'x.bin'", s), ErrorCode::Corrupt,
                     "'x.bin': record 1 has label 10, out of range 0..9");
    EXPECT_NAT_ERROR(appendCifarRecords(cifarBytes({{20, 3}}), CifarLabels::Cifar100Fine, "'t.bin'", s), ErrorCode::Corrupt,
                     "record 0 has coarse label 20, out of range 0..19");
    EXPECT_NAT_ERROR(appendCifarRecords(cifarBytes({{2, 100}}), CifarLabels::Cifar100Fine, "'t.bin'", s), ErrorCode::Corrupt,
                     "fine label 100, out of range 0..99");
    EXPECT_TRUE(s.empty());  // nothing appended by a failed call
}

}  // namespace
}  // namespace nat::test
