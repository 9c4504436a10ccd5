#include "base/file_io.h"
#include "base/file_safety.h"

#include <gtest/gtest.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/error.h"
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

// ---- disk full and I/O errors (issue 12): injected faults and a real, tiny tmpfs

namespace {

int countFiles(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
    return n;
}

// Resets the injected fault when a test ends, even a failing one.
struct FaultGuard {
    explicit FaultGuard(FaultInjection f) { setFaultInjection(std::move(f)); }
    ~FaultGuard() { setFaultInjection(std::nullopt); }
};

}  // namespace

TEST(FileIoFaults, DiskFullDuringAtomicWriteKeepsTheOldFileAndNamesTheTarget) {
    test::TempDir dir;
    const fs::path p = dir / "state.json";
    writeFileAtomic(p, "old and good");
    {
        FaultGuard fault({ENOSPC, 5, ""});  // 5 bytes fit, then the disk is full
        EXPECT_NAT_ERROR(writeFileAtomic(p, "a much longer new version"), ErrorCode::Io,
                         "no space left on device while writing '" + p.generic_string() + "'");
        EXPECT_NAT_ERROR(writeFileAtomic(dir / "other.json", "x"), ErrorCode::Io, "no space left on device");
    }
    EXPECT_EQ(readTextFile(p), "old and good");
    EXPECT_EQ(countFiles(dir.path()), 1) << "a temporary file was left behind";
    writeFileAtomic(p, "space freed");  // the fault is gone: writes work again
    EXPECT_EQ(readTextFile(p), "space freed");
}

TEST(FileIoFaults, FailedAppendLeavesTheJournalOnAWholeLine) {
    test::TempDir dir;
    const fs::path p = dir / "journal.jsonl";
    appendLine(p, R"({"id":0})");
    {
        FaultGuard fault({EIO, 4, "journal"});  // 4 bytes of the next line are written, then EIO
        EXPECT_NAT_ERROR(appendLine(p, R"({"id":1,"err":0.25})"), ErrorCode::Io,
                         "cannot write '" + p.generic_string() + "': Input/output error");
    }
    EXPECT_EQ(readTextFile(p), "{\"id\":0}\n");
    appendLine(p, R"({"id":1})");
    EXPECT_EQ(readJournalLines(p).size(), 2u);
}

TEST(FileIoFaults, InjectionCountsBytesAndMatchesPaths) {
    test::TempDir dir;
    FaultGuard fault(parseFaultInjection("enospc@10:natsn"));
    writeFileAtomic(dir / "big.json", std::string(100, 'x'));  // not matched: unaffected
    writeFileAtomic(dir / "a.natsn", "123456");                // 6 of 10 bytes
    EXPECT_NAT_ERROR(writeFileAtomic(dir / "b.natsn", "123456"), ErrorCode::Io, "no space left on device while writing");
    EXPECT_FALSE(fs::exists(dir / "b.natsn"));
    EXPECT_EQ(readTextFile(dir / "a.natsn"), "123456");
}

TEST(FileIoFaults, InjectionSpecIsValidated) {
    const FaultInjection f = parseFaultInjection("eio@4096:supernet");
    EXPECT_EQ(f.error, EIO);
    EXPECT_EQ(f.afterBytes, 4096u);
    EXPECT_EQ(f.pathContains, "supernet");
    EXPECT_EQ(parseFaultInjection("enospc").afterBytes, 0u);
    for (const char* bad : {"full", "enospc@", "enospc@-1", "enospc@1k", "eio@99999999999999999999"})
        EXPECT_NAT_ERROR(parseFaultInjection(bad), ErrorCode::InvalidArgument, "must look like enospc|eio[@BYTES][:PATH-PART]");
}

TEST(FileIo, KeepPreviousVersionLinksTheCurrentFile) {
    test::TempDir dir;
    const fs::path cur = dir / "w.natsn", prev = dir / "w.natsn.prev";
    keepPreviousVersion(cur, prev);  // nothing to keep yet
    EXPECT_FALSE(fs::exists(prev));
    writeFileAtomic(cur, "one");
    keepPreviousVersion(cur, prev);
    writeFileAtomic(cur, "two");
    EXPECT_EQ(readTextFile(prev), "one");
    keepPreviousVersion(cur, prev);
    writeFileAtomic(cur, "three");
    EXPECT_EQ(readTextFile(prev), "two");
    EXPECT_EQ(readTextFile(cur), "three");
    EXPECT_EQ(countFiles(dir.path()), 2);
}

TEST(FileIo, StaleTemporariesOfKilledWritersAreRemoved) {
    test::TempDir dir;
    writeFileAtomic(dir / "keep.json", "{}");
    std::ofstream(dir / ".supernet-w0.natsn.tmp-12345") << "half a checkpoint";
    std::ofstream(dir / ".hidden") << "not ours";
    EXPECT_EQ(removeStaleTemporaries(dir.path()), 1);
    EXPECT_TRUE(fs::exists(dir / "keep.json"));
    EXPECT_TRUE(fs::exists(dir / ".hidden"));
}

// A real full disk: a 64 KiB tmpfs. Mounting needs root (CI runs as root in a container); where it
// is not allowed the test skips.
TEST(FileIoFaults, RealFullTmpfs) {
    test::TempDir dir;
    const fs::path mnt = dir / "small";
    fs::create_directories(mnt);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "); the injected-fault tests cover this";
    struct Unmount {
        fs::path p;
        ~Unmount() { ::umount(p.c_str()); }
    } unmount{mnt};
    const fs::path state = mnt / "state.json", journal = mnt / "journal.jsonl";
    writeFileAtomic(state, "small and good");
    appendLine(journal, "line 0");
    EXPECT_NAT_ERROR(writeFileAtomic(mnt / "supernet-w0.natsn", std::string(200 * 1024, 'w')), ErrorCode::Io,
                     "no space left on device while writing '" + (mnt / "supernet-w0.natsn").generic_string() + "'");
    EXPECT_FALSE(fs::exists(mnt / "supernet-w0.natsn"));
    // Fill the disk, then see a journal append fail whole.
    std::string filler(8 * 1024, 'f');
    int k = 0;
    try {
        for (; k < 64; ++k) writeFileAtomic(mnt / ("fill-" + std::to_string(k)), filler);
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("no space left on device"), std::string::npos) << e.what();
    }
    ASSERT_LT(k, 64) << "the 64 KiB tmpfs never filled up";
    const std::string before = readTextFile(journal);
    bool failed = false;
    for (int i = 0; i < 64 && !failed; ++i) {
        try {
            appendLine(journal, std::string(2000, 'j'));
        } catch (const Error& e) {
            failed = true;
            EXPECT_NE(std::string(e.what()).find("no space left on device while writing"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(failed);
    bool truncated = true;
    readJournalLines(journal, &truncated);
    EXPECT_FALSE(truncated) << "a half line stayed in the journal";
    EXPECT_EQ(readTextFile(state), "small and good");
    // Space freed: writes work again.
    for (int i = 0; i < k; ++i) fs::remove(mnt / ("fill-" + std::to_string(i)));
    writeFileAtomic(state, "after freeing space");
    EXPECT_EQ(readTextFile(state), "after freeing space");
    int temporaries = 0;
    for (const auto& e : fs::directory_iterator(mnt)) temporaries += e.path().filename().string().find(".tmp-") != std::string::npos;
    EXPECT_EQ(temporaries, 0);
}

}  // namespace nat
