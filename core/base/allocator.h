#pragma once

#include <string>
#include <utility>
#include <vector>

namespace nat {

/// The C allocator under the tensors, and how it treats their large, short-lived buffers.
///
/// A 224 px training step allocates and frees hundreds of multi-megabyte activations. glibc maps
/// each block above its mmap threshold on its own and unmaps it on free, so every step pays again
/// for zero-filled pages; an allocator that hands pages back on a timer does the same more slowly.
/// On the reference machine that cost an ofa-mbv3 subnet up to half its inference speed (README
/// "Performance"). The executables therefore link jemalloc (NAT_WITH_JEMALLOC; options in
/// app/malloc_conf.cpp: transparent huge pages, freed pages kept). Where jemalloc is not linked
/// (a build without libjemalloc-dev, e.g. against a PyTorch wheel on a GPU server), glibc is tuned
/// instead by the `Keep` policy: no mmap for large blocks, no trimming of the heap top below 1 GiB,
/// one arena so that job threads reuse the same memory as the main thread.
/// Either way resident memory stays near its peak while a job runs; `releaseFreeMemory` gives the
/// free part back when a job ends.
enum class MallocPolicy { Keep, Glibc };

/// The glibc policy asked for by the environment: NAT_MALLOC=glibc leaves glibc's defaults,
/// NAT_MALLOC=keep or nothing means Keep. An unknown value throws Error(InvalidArgument).
MallocPolicy mallocPolicyFromEnvironment();

/// Applies `policy` to glibc malloc. Call first thing in main, before any thread starts (the arena
/// limit applies to threads created afterwards). Does nothing for Glibc, nothing when jemalloc is
/// the allocator, nothing where the C library is not glibc.
void applyMallocPolicy(MallocPolicy policy);

/// What an executable's main calls first: applies the policy NAT_MALLOC asks for. On a bad value it
/// prints "PROGRAM: error: ..." on stderr and returns false (the caller exits with status 2).
bool setUpAllocator(const char* program);

/// True when jemalloc serves malloc in this process.
bool jemallocActive();

/// One line naming the allocator and its options, e.g. "jemalloc 5.3.0-0-g54eaed1d (thp:always, ...)"
/// or "glibc malloc, keep policy". A bad NAT_MALLOC throws as in mallocPolicyFromEnvironment (the
/// executables refuse one at start-up).
std::string allocatorDescription();

/// Gives free memory held by the allocator back to the system (after a job ends).
void releaseFreeMemory();

/// Environment variables that give a child process (e.g. the Python benchmark) the same allocator
/// and options as this process: LD_PRELOAD + MALLOC_CONF for jemalloc, GLIBC_TUNABLES for Keep.
std::vector<std::pair<std::string, std::string>> allocatorEnvironmentForChild(MallocPolicy policy);

/// `GLIBC_TUNABLES` value of a policy (empty for Glibc).
std::string mallocTunables(MallocPolicy policy);

const char* toString(MallocPolicy policy);

}  // namespace nat
