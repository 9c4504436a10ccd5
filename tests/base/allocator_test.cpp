#include "base/allocator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "base/error.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nat {
namespace {

class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old, m_had = true;
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv() { m_had ? setenv(m_name, m_old.c_str(), 1) : unsetenv(m_name); }

private:
    const char* m_name;
    std::string m_old;
    bool m_had = false;
};

TEST(MallocPolicyTest, EnvironmentSelectsThePolicy) {
    {
        ScopedEnv e("NAT_MALLOC", nullptr);
        EXPECT_EQ(mallocPolicyFromEnvironment(), MallocPolicy::Keep);
    }
    {
        ScopedEnv e("NAT_MALLOC", "glibc");
        EXPECT_EQ(mallocPolicyFromEnvironment(), MallocPolicy::Glibc);
    }
    {
        ScopedEnv e("NAT_MALLOC", "keep");
        EXPECT_EQ(mallocPolicyFromEnvironment(), MallocPolicy::Keep);
    }
    ScopedEnv e("NAT_MALLOC", "jemalloc");
    try {
        mallocPolicyFromEnvironment();
        FAIL() << "an unknown NAT_MALLOC was accepted";
    } catch (const Error& err) {
        EXPECT_EQ(err.code(), ErrorCode::InvalidArgument);
        EXPECT_NE(std::string(err.what()).find("jemalloc"), std::string::npos);
    }
}

TEST(MallocPolicyTest, TunablesForAChildProcess) {
    EXPECT_EQ(mallocTunables(MallocPolicy::Glibc), "");
    const std::string t = mallocTunables(MallocPolicy::Keep);
    EXPECT_NE(t.find("glibc.malloc.mmap_max=0"), std::string::npos);
    EXPECT_NE(t.find("glibc.malloc.arena_max=1"), std::string::npos);
    EXPECT_STREQ(toString(MallocPolicy::Keep), "keep");
    EXPECT_STREQ(toString(MallocPolicy::Glibc), "glibc");
}

// This test program is not linked with jemalloc: glibc serves it, and a child gets the tunables.
TEST(MallocPolicyTest, GlibcProcessDescribesItselfAndItsChildren) {
    ScopedEnv e("NAT_MALLOC", nullptr);
    EXPECT_FALSE(jemallocActive());
    EXPECT_EQ(allocatorDescription(), "glibc malloc, keep policy (NAT_MALLOC)");
    const auto env = allocatorEnvironmentForChild(MallocPolicy::Keep);
    ASSERT_EQ(env.size(), 1u);
    EXPECT_EQ(env[0].first, "GLIBC_TUNABLES");
    EXPECT_EQ(env[0].second, mallocTunables(MallocPolicy::Keep));
    EXPECT_TRUE(allocatorEnvironmentForChild(MallocPolicy::Glibc).empty());
    releaseFreeMemory();  // glibc: malloc_trim; must not disturb live blocks
}

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// A 64 MiB block (above glibc's largest mmap threshold) comes from the heap, not from its own
// mapping, once the Keep policy is applied; freeing it keeps it for the next tensor.
TEST(MallocPolicyTest, KeepServesLargeBlocksFromTheHeap) {
    applyMallocPolicy(MallocPolicy::Keep);
    const std::size_t size = 64u << 20;
    void* a = std::malloc(size);
    ASSERT_NE(a, nullptr);
    std::memset(a, 1, size);
    EXPECT_EQ(mallinfo2().hblks, 0u) << "the block was mapped on its own";
    std::free(a);
    const std::size_t keptAfterFree = mallinfo2().fordblks;
    EXPECT_GE(keptAfterFree, size) << "the freed block went back to the system";
    void* b = std::malloc(size);
    EXPECT_EQ(b, a) << "the next block of the same size did not reuse the freed one";
    std::free(b);
}
#endif

}  // namespace
}  // namespace nat
