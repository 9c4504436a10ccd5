// jemalloc's start-up options for the executables that link it (NAT_WITH_JEMALLOC). jemalloc reads
// this global before the first allocation; MALLOC_CONF in the environment still overrides it.
//
// thp:always              back the arenas with transparent huge pages (madvise): ~10 % faster
//                         convolutions at 224 px on the reference machine (fewer TLB misses)
// dirty/muzzy_decay_ms:-1 never hand freed pages back on a timer: a training step frees and
//                         reallocates the same activations every few milliseconds, and any decay
//                         made them fault in again (3x slower inference; README "Performance")
// Freed memory goes back to the system when a job ends (nat::releaseFreeMemory).
extern "C" {
__attribute__((used, visibility("default"))) const char* malloc_conf =
    "thp:always,metadata_thp:auto,dirty_decay_ms:-1,muzzy_decay_ms:-1";
}
