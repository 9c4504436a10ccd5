#include <gtest/gtest.h>

#include "space/search_space.h"
#include "supernet/checkpoint_meta.h"
#include "test_util.h"

// The header of supernet files, checked before LibTorch reads any tensor (torch-free; also run by the
// sanitizer preset). Cases marked "fuzz" come from tests/fuzz/corpus/checkpoint_meta/regress-*.

namespace nat::supernet {
namespace {

Json config(const char* preset, int width, int classes, int channels) {
    return {{"space", space::preset(preset).toJson()}, {"width_index", width}, {"num_classes", classes},
            {"input_channels", channels}, {"dropout", 0.1}, {"bn_momentum", 0.1}, {"bn_eps", 1e-5}};
}
Json tiny() { return config("tiny-mbv3", 0, 10, 1); }

TEST(CheckpointMeta, RoundTripsConfigFlagsAndMetadata) {
    const Json c = tiny();
    const SupernetFileMeta m = parseSupernetMeta(makeSupernetMeta(c, true, {{"epoch", 3}}), "a.natsn", c);
    EXPECT_EQ(m.config, c);
    EXPECT_TRUE(m.hasTrainerState);
    EXPECT_EQ(m.metadata["epoch"], 3);
}

TEST(CheckpointMeta, ForeignOrMalformedHeadersAreCorrupt) {
    EXPECT_NAT_ERROR(parseSupernetMeta("{\"format\": 1", "a.natsn"), ErrorCode::Corrupt, "malformed JSON");
    EXPECT_NAT_ERROR(parseSupernetMeta("[1, 2]", "a.natsn"), ErrorCode::Corrupt, "unknown supernet format");
    EXPECT_NAT_ERROR(parseSupernetMeta(R"({"format": "other"})", "a.natsn"), ErrorCode::Corrupt, "unknown supernet format");
    EXPECT_NAT_ERROR(parseSupernetMeta(R"({"format": "nat-studio-supernet-1"})", "a.natsn"), ErrorCode::Corrupt,
                     "bad configuration: 'a.natsn': field 'config' is missing");
}

// fuzz: a stored width index outside the space was only checked when the supernet was built, after
// the comparison with the expected configuration had already indexed widthMults with it.
TEST(CheckpointMeta, StoredWidthIndexOutOfRangeIsCorruptNotAnOutOfBoundsRead) {
    Json meta = Json::parse(makeSupernetMeta(tiny(), false, Json::object()));
    meta["config"]["width_index"] = 3;
    EXPECT_NAT_ERROR(parseSupernetMeta(meta.dump(), "w.natsn", tiny()), ErrorCode::Corrupt,
                     "bad configuration: width index must be in 0..0, got 3");
}

TEST(CheckpointMeta, AbsurdSizesAreRefusedBeforeAnyTensorIsBuilt) {
    Json meta = Json::parse(makeSupernetMeta(tiny(), false, Json::object()));
    meta["config"]["num_classes"] = 2000000000;
    EXPECT_NAT_ERROR(parseSupernetMeta(meta.dump(), "c.natsn"), ErrorCode::Corrupt,
                     "number of classes must be in 1..100000, got 2000000000");
    meta["config"]["num_classes"] = 10;
    meta["config"]["input_channels"] = 0;
    EXPECT_NAT_ERROR(parseSupernetMeta(meta.dump(), "c.natsn"), ErrorCode::Corrupt, "input channels must be in 1..64, got 0");
    meta["config"]["input_channels"] = 1;
    meta["config"]["bn_eps"] = -1.0;
    EXPECT_NAT_ERROR(parseSupernetMeta(meta.dump(), "c.natsn"), ErrorCode::Corrupt, "BN epsilon must be in (0, 1)");
}

TEST(CheckpointMeta, MismatchNamesTheField) {
    Json other = tiny();
    other["num_classes"] = 5;
    EXPECT_NAT_ERROR(parseSupernetMeta(makeSupernetMeta(tiny(), false, Json::object()), "m.natsn", other),
                     ErrorCode::Mismatch, "holds a supernet for classes: 10, but 5 is needed");
    const Json ofa = config("ofa-mbv3", 1, 10, 1);
    EXPECT_NAT_ERROR(parseSupernetMeta(makeSupernetMeta(tiny(), false, Json::object()), "m.natsn", ofa),
                     ErrorCode::Mismatch, "search space 'tiny-mbv3', but 'ofa-mbv3' is needed");
    Json wide = config("ofa-mbv3", 0, 10, 1);
    EXPECT_NAT_ERROR(parseSupernetMeta(makeSupernetMeta(wide, false, Json::object()), "m.natsn", ofa),
                     ErrorCode::Mismatch, "holds a supernet for width 1.0, but 1.2 is needed");
}

}  // namespace
}  // namespace nat::supernet
