#include "supernet/state_dict_reader.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>

#include "base/file_io.h"
#include "test_util.h"

// Checkpoints are written by Debian's python3-torch (tests/supernet/state_dict_fixtures.py) into a
// temporary folder once per run; each readable file comes with the bytes readStateDict must return.

namespace nat::supernet {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPython = "/usr/bin/python3";

std::string shellQuote(const std::string& s) { return "'" + s + "'"; }

class StateDictFiles : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (std::system((std::string(kPython) + " -c 'import torch, numpy' >/dev/null 2>&1").c_str()) != 0) {
            s_skip = "needs /usr/bin/python3 with torch and numpy (Debian python3-torch) to write test checkpoints";
            return;
        }
        s_dir = std::make_unique<test::TempDir>();
        const fs::path log = s_dir->path() / "fixtures.log";
        const std::string cmd = std::string(kPython) + " " + shellQuote(NAT_STATE_DICT_FIXTURES) + " " +
                                shellQuote(s_dir->path().string()) + " >" + shellQuote(log.string()) + " 2>&1";
        if (std::system(cmd.c_str()) != 0) s_failure = "fixture script failed:\n" + readTextFile(log);
        else std::cout << readTextFile(log);
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    void SetUp() override {
        if (!s_skip.empty()) GTEST_SKIP() << s_skip;
        ASSERT_TRUE(s_failure.empty()) << s_failure;
    }

    static fs::path file(const std::string& name) { return s_dir->path() / name; }
    static fs::path scratch(const std::string& name) { return s_dir->path() / ("scratch-" + name); }

    static inline std::unique_ptr<test::TempDir> s_dir;
    static inline std::string s_skip;
    static inline std::string s_failure;
};

std::string pythonDtype(at::ScalarType type) {
    switch (type) {
    case at::kFloat: return "torch.float32";
    case at::kDouble: return "torch.float64";
    case at::kHalf: return "torch.float16";
    case at::kBFloat16: return "torch.bfloat16";
    case at::kLong: return "torch.int64";
    case at::kInt: return "torch.int32";
    case at::kShort: return "torch.int16";
    case at::kChar: return "torch.int8";
    case at::kByte: return "torch.uint8";
    case at::kBool: return "torch.bool";
    default: return "other";
    }
}

/// Compares a read state dict with NAME.expected / NAME.blob: same keys in the same order, same
/// dtype, shape and bytes; every tensor contiguous and owning its own memory.
void expectMatchesPython(const StateDict& got, const fs::path& file) {
    std::ifstream lines(file.string() + ".expected");
    const std::string blob = readTextFile(file.string() + ".blob");
    std::string line;
    std::size_t i = 0;
    std::set<const void*> pointers;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        std::string key, dtype;
        std::int64_t ndim = 0, offset = 0, nbytes = 0;
        in >> key >> dtype >> ndim;
        std::vector<std::int64_t> sizes(static_cast<std::size_t>(ndim));
        for (auto& s : sizes) in >> s;
        in >> offset >> nbytes;
        ASSERT_LT(i, got.size()) << "missing tensor " << key << " in " << file;
        const auto& [name, t] = got[i++];
        EXPECT_EQ(name, key);
        EXPECT_EQ(pythonDtype(t.scalar_type()), dtype) << key;
        EXPECT_EQ(t.sizes().vec(), sizes) << key;
        EXPECT_TRUE(t.is_contiguous()) << key;
        ASSERT_EQ(static_cast<std::int64_t>(t.nbytes()), nbytes) << key;
        if (nbytes > 0) {
            EXPECT_EQ(std::memcmp(t.data_ptr(), blob.data() + offset, static_cast<std::size_t>(nbytes)), 0) << key << " differs";
            EXPECT_TRUE(pointers.insert(t.data_ptr()).second) << key << " shares memory with another tensor";
        }
    }
    EXPECT_EQ(i, got.size()) << "more tensors than expected in " << file;
}

TEST_F(StateDictFiles, ReadsEveryDtypeInBothFormatsAndProtocols) {
    for (const char* name : {"zip_plain.pt", "legacy_plain.pt", "zip_proto4.pt", "legacy_proto4.pt"}) {
        SCOPED_TRACE(name);
        expectMatchesPython(readStateDict(file(name)), file(name));
    }
}

TEST_F(StateDictFiles, ViewsOfSharedStoragesBecomeIndependentContiguousTensors) {
    for (const char* name : {"zip_views.pt", "legacy_views.pt"}) {
        SCOPED_TRACE(name);
        StateDict sd = readStateDict(file(name));
        expectMatchesPython(sd, file(name));
        ASSERT_EQ(sd.size(), 6u);
        sd[0].second.fill_(-1.0);  // writing the base must not change the transposed copy
        EXPECT_EQ(sd[1].second[0][1].item<float>(), 6.0f);
    }
}

TEST_F(StateDictFiles, FindsOrderedDictStateDictAmongCheckpointExtras) {
    // {"state_dict": OrderedDict, "optimizer": ..., "args": argparse.Namespace, numpy scalar, ...}
    for (const char* name : {"zip_ckpt.pt", "legacy_ckpt.pt"}) {
        SCOPED_TRACE(name);
        StateDict sd = readStateDict(file(name));
        expectMatchesPython(sd, file(name));
        EXPECT_EQ(sd.at(2).first, "1.weight");
        EXPECT_EQ(sd.back().first, "4.bias");
        expectMatchesPython(readStateDict(file(name), "state_dict"), file(name));
    }
}

TEST_F(StateDictFiles, ReadsParametersModelEntryAndBareStateDict) {
    for (const char* name : {"zip_params.pt", "legacy_params.pt", "zip_model_entry.pt", "legacy_model_entry.pt",
                             "zip_module_sd.pt", "legacy_module_sd.pt"}) {
        SCOPED_TRACE(name);
        expectMatchesPython(readStateDict(file(name)), file(name));
    }
}

TEST_F(StateDictFiles, OfaCheckpointOldAndNewSpellingsAgreeAfterCanonicalKeys) {
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    StateDict fresh = readStateDict(file("ofa_new.pt"));
    auto t1 = Clock::now();
    StateDict old = readStateDict(file("ofa_old.pt"));
    auto t2 = Clock::now();
    std::int64_t params = 0;
    for (const auto& [key, t] : fresh)
        if (key.find("running_") == std::string::npos && key.find("num_batches") == std::string::npos) params += t.numel();
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::cout << "[ timing ] OFA w1.0 checkpoint, " << fresh.size() << " tensors, " << params << " parameters, "
              << fs::file_size(file("ofa_new.pt")) / 1e6 << " MB: zip " << ms(t1 - t0) << " ms, legacy " << ms(t2 - t1) << " ms\n";
    EXPECT_LT(ms(t2 - t0), 10'000.0);  // a loose guard against pathologies; figures live in docs/checkpoints.md
    EXPECT_EQ(fresh.size(), 475u);
    EXPECT_EQ(params, 7'678'880);  // NAT-REFERENCE.md §3
    expectMatchesPython(fresh, file("ofa_new.pt"));

    ASSERT_EQ(old.size(), fresh.size());
    std::map<std::string, const at::Tensor*> canonical;
    for (const auto& [key, t] : fresh) EXPECT_TRUE(canonical.emplace(canonicalOfaKey(key), &t).second) << "collision at " << key;
    std::set<std::string> oldCanonical;
    for (std::size_t i = 0; i < old.size(); ++i) {
        const std::string c = canonicalOfaKey(old[i].first);
        EXPECT_TRUE(oldCanonical.insert(c).second) << "collision at " << old[i].first;
        EXPECT_EQ(c, canonicalOfaKey(fresh[i].first)) << old[i].first << " vs " << fresh[i].first;
        auto it = canonical.find(c);
        ASSERT_NE(it, canonical.end()) << old[i].first;
        EXPECT_TRUE(at::equal(*it->second, old[i].second)) << old[i].first;
    }
}

TEST_F(StateDictFiles, RefusesFilesWithoutATensorDict) {
    EXPECT_NAT_ERROR(readStateDict(file("list.pt")), ErrorCode::InvalidArgument, "holds a list, not a dict of tensors");
    EXPECT_NAT_ERROR(readStateDict(file("module.pt")), ErrorCode::InvalidArgument, "torch.nn.modules.container.Sequential object");
    EXPECT_NAT_ERROR(readStateDict(file("no_tensors.pt")), ErrorCode::InvalidArgument,
                     "no state_dict found; top-level keys are: 'epoch' (int), 'name' (str)");
    EXPECT_NAT_ERROR(readStateDict(file("zip_ckpt.pt"), "weights"), ErrorCode::InvalidArgument, "no entry 'weights'; top-level keys are: 'epoch'");
    EXPECT_NAT_ERROR(readStateDict(file("legacy_ckpt.pt"), "optimizer"), ErrorCode::InvalidArgument, "entry 'optimizer' is a dict without tensors");
    EXPECT_NAT_ERROR(readStateDict(file("plain_pickle.pkl")), ErrorCode::Corrupt, "without torch.save's magic number");
    EXPECT_NAT_ERROR(readStateDict(file("no_pkl.pt")), ErrorCode::Corrupt, "zip archive without data.pkl");
    EXPECT_NAT_ERROR(readStateDict(file("missing.pt")), ErrorCode::Io, "missing.pt");
    EXPECT_NAT_ERROR(readStateDict(s_dir->path()), ErrorCode::Io, "not a regular file");
}

TEST_F(StateDictFiles, NamesUnsupportedTensorKinds) {
    EXPECT_NAT_ERROR(readStateDict(file("complex.pt")), ErrorCode::Unsupported, "torch.ComplexFloatStorage");
    EXPECT_NAT_ERROR(readStateDict(file("sparse.pt")), ErrorCode::Unsupported, "torch._utils._rebuild_sparse_tensor");
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Runs readStateDict on damaged bytes: it may succeed (a flip in tensor data) or throw nat::Error,
/// never anything else. Returns whether it threw.
bool readsOrFailsCleanly(const fs::path& path, const std::string& bytes, ErrorCode* code = nullptr) {
    writeBytes(path, bytes);
    try {
        readStateDict(path);
        return false;
    } catch (const Error& e) {
        if (code) *code = e.code();
        EXPECT_GT(std::string(e.what()).size(), 20u);
        return true;
    }
}

TEST_F(StateDictFiles, TruncatedFilesAreCorruptAtEveryCutPoint) {
    for (const char* name : {"zip_ckpt.pt", "legacy_ckpt.pt", "zip_views.pt", "legacy_views.pt"}) {
        const std::string whole = readTextFile(file(name));
        for (std::size_t cut : {std::size_t(0), std::size_t(1), std::size_t(2), std::size_t(10), std::size_t(100), whole.size() / 3,
                                whole.size() / 2, whole.size() - 100, whole.size() - 9, whole.size() - 1}) {
            SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(cut));
            ErrorCode code{};
            EXPECT_TRUE(readsOrFailsCleanly(scratch("cut.pt"), whole.substr(0, cut), &code));
            EXPECT_EQ(code, ErrorCode::Corrupt);
        }
    }
}

TEST_F(StateDictFiles, RandomBytesAndFlippedBytesNeverCrash) {
    std::mt19937 rng(7);
    auto randomBytes = [&](std::size_t n, std::string prefix) {
        while (prefix.size() < n) prefix.push_back(static_cast<char>(rng() & 0xff));
        return prefix;
    };
    for (const std::string& prefix : {std::string(), std::string("\x80\x02", 2), std::string("PK\x03\x04", 4)}) {
        ErrorCode code{};
        EXPECT_TRUE(readsOrFailsCleanly(scratch("random.pt"), randomBytes(4096, prefix), &code));
        EXPECT_TRUE(code == ErrorCode::Corrupt || code == ErrorCode::Unsupported) << static_cast<int>(code);
    }
    constexpr int kTrials = 100;
    for (const char* name : {"legacy_ckpt.pt", "zip_ckpt.pt", "legacy_views.pt"}) {
        const std::string whole = readTextFile(file(name));
        int threw = 0;
        for (int trial = 0; trial < kTrials; ++trial) {
            std::string damaged = whole;
            for (int k = 0; k < 1 + trial % 4; ++k) damaged[rng() % damaged.size()] = static_cast<char>(rng() & 0xff);
            threw += readsOrFailsCleanly(scratch("flipped.pt"), damaged);
        }
        std::cout << "[ fuzz ] " << name << ": " << kTrials << " damaged copies, " << threw << " refused, the rest read\n";
    }
}

TEST_F(StateDictFiles, WrittenFilesLoadInPythonAndReadBack) {
    StateDict plain = readStateDict(file("zip_plain.pt"));
    StateDict net = readStateDict(file("legacy_ckpt.pt"));
    writeStateDict(scratch("plain-out.pt"), plain);
    writeStateDict(scratch("net-out.pt"), net);
    expectMatchesPython(readStateDict(scratch("plain-out.pt")), file("zip_plain.pt"));
    expectMatchesPython(readStateDict(scratch("net-out.pt")), file("legacy_ckpt.pt"));

    const std::string script =
        "import sys, torch\n"
        "d = sys.argv[1]\n"
        "for out, ref in (('scratch-plain-out.pt', None), ('scratch-net-out.pt', 'state_dict')):\n"
        "    a = torch.load(f'{d}/{out}')\n"
        "    b = torch.load(f'{d}/zip_plain.pt' if ref is None else f'{d}/legacy_ckpt.pt')\n"
        "    b = b if ref is None else b[ref]\n"
        "    assert list(a) == list(b), (list(a), list(b))\n"
        "    for k in a: assert a[k].dtype == b[k].dtype and torch.equal(a[k], b[k]), k\n"
        "print('python read both files back')\n";
    const fs::path py = scratch("check.py");
    writeFileAtomic(py, script);
    const std::string cmd = std::string(kPython) + " " + shellQuote(py.string()) + " " + shellQuote(s_dir->path().string());
    EXPECT_EQ(std::system(cmd.c_str()), 0);

    StateDict twice = {{"a", at::ones({2})}, {"a", at::zeros({2})}};
    EXPECT_NAT_ERROR(writeStateDict(scratch("dup.pt"), twice), ErrorCode::InvalidArgument, "'a' appears twice");
}

}  // namespace
}  // namespace nat::supernet
