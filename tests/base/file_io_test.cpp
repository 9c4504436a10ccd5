#include "base/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/json_util.h"
#include "test_util.h"

namespace nat {
namespace fs = std::filesystem;

TEST(FileIo, AtomicWriteReplacesWholeFileAndLeavesNoTemp) {
    test::TempDir dir;
    const fs::path p = dir / "a.json";
    writeFileAtomic(p, "first");
    writeFileAtomic(p, "second version");
    EXPECT_EQ(readTextFile(p), "second version");
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        (void)e;
        ++files;
    }
    EXPECT_EQ(files, 1);
}

TEST(FileIo, AtomicWriteFailureKeepsPreviousFile) {
    test::TempDir dir;
    const fs::path p = dir / "keep.txt";
    writeFileAtomic(p, "precious");
    EXPECT_NAT_ERROR(writeFileAtomic(dir / "missing-folder" / "x.txt", "data"), ErrorCode::Io, "cannot create");
    EXPECT_EQ(readTextFile(p), "precious");
}

TEST(FileIo, ReadMissingFileNamesIt) {
    EXPECT_NAT_ERROR(readTextFile("/nonexistent/nat/file.txt"), ErrorCode::Io, "'/nonexistent/nat/file.txt'");
}

TEST(FileIo, JournalToleratesTruncatedLastLine) {
    test::TempDir dir;
    const fs::path p = dir / "journal.jsonl";
    appendLine(p, R"({"id":1})");
    appendLine(p, R"({"id":2})");
    {
        std::ofstream out(p, std::ios::app);
        out << R"({"id":3,"err)";  // a crash mid-write
    }
    bool truncated = false;
    const auto lines = readJournalLines(p, &truncated);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], R"({"id":2})");
    EXPECT_TRUE(truncated);
    appendLine(dir / "clean.jsonl", "x");
    readJournalLines(dir / "clean.jsonl", &truncated);
    EXPECT_FALSE(truncated);
}

TEST(JsonUtil, ParseErrorsNameSourceAndOffset) {
    EXPECT_NAT_ERROR(parseJson("{\"a\": [1, 2", "net.subnet"), ErrorCode::Parse, "net.subnet: malformed JSON at byte");
}

TEST(JsonUtil, TypedAccessNamesTheField) {
    const Json j = Json::parse(R"({"d": [2, "x"], "r": 224.5, "name": 3})");
    EXPECT_NAT_ERROR(requireIntArray(j, "d", "net.subnet"), ErrorCode::Parse, "field 'd' item 1 must be an integer");
    EXPECT_NAT_ERROR(requireInt(j, "r", "net.subnet"), ErrorCode::Parse, "field 'r' must be an integer, got 224.5");
    EXPECT_NAT_ERROR(requireInt(j, "ks", "net.subnet"), ErrorCode::Parse, "field 'ks' is missing");
    EXPECT_NAT_ERROR(requireString(j, "name", "cfg"), ErrorCode::Parse, "field 'name' must be a string");
    EXPECT_EQ(requireInt(Json::parse(R"({"r": 224.0})"), "r", "x"), 224);
}

// Found by fuzzing (tests/fuzz/corpus/space_json/regress-*): a number beyond double's range made
// nlohmann throw out_of_range past parseJson's handler, and integers beyond int were truncated
// (4294967520 read as 224) or cast from double with undefined behaviour.
TEST(JsonUtil, NumbersOutOfRangeAreParseErrors) {
    EXPECT_NAT_ERROR(parseJson("[2.2E0172258711985529]", "net.subnet"), ErrorCode::Parse,
                     "net.subnet: malformed JSON: a number is out of range");
    const Json j = Json::parse(R"({"r": 4294967520, "f": 1e300, "n": -2147483649, "d": [2, 4294967298], "u": 18446744073709551615})");
    EXPECT_NAT_ERROR(requireInt(j, "r", "net.subnet"), ErrorCode::Parse, "field 'r' must be an integer, got 4294967520");
    EXPECT_NAT_ERROR(requireInt(j, "f", "net.subnet"), ErrorCode::Parse, "field 'f' must be an integer, got 1e+300");
    EXPECT_NAT_ERROR(requireInt(j, "n", "net.subnet"), ErrorCode::Parse, "field 'n' must be an integer");
    EXPECT_NAT_ERROR(requireInt(j, "u", "net.subnet"), ErrorCode::Parse, "field 'u' must be an integer");
    EXPECT_NAT_ERROR(requireIntArray(j, "d", "net.subnet"), ErrorCode::Parse, "field 'd' item 1 must be an integer, got 4294967298");
    EXPECT_EQ(requireInt(Json::parse(R"({"r": -2147483648})"), "r", "x"), -2147483648);
    EXPECT_EQ(requireInt(Json::parse(R"({"r": 2147483647})"), "r", "x"), 2147483647);
}

TEST(JsonUtil, WriteAndReadBack) {
    test::TempDir dir;
    writeJsonAtomic(dir / "c.json", Json{{"x", 1}});
    EXPECT_EQ(readJsonFile(dir / "c.json")["x"], 1);
}

}  // namespace nat
