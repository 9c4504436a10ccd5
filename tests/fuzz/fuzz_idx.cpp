// libFuzzer harness for the IDX parser and the gzip reader in front of it (core/data/idx_format.h).
// Any input must either parse or throw nat::Error; crashes, leaks and UB are bugs.
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/error.h"
#include "data/idx_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nat::data;
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        // A small inflate limit keeps a fuzzer-made gzip bomb from exhausting memory.
        if (isGzip(bytes)) {
            const auto raw = gunzip(bytes, "'fuzz.gz'", std::size_t{1} << 24);
            (void)parseIdx(raw, "'fuzz'");
            return 0;
        }
        const IdxArray a = parseIdx(bytes, "'fuzz'");
        // Pair the array with itself as images and labels to exercise the consistency checks.
        if (a.dims.size() == 3) {
            IdxArray labels;
            labels.dims = {a.dims[0]};
            labels.values.assign(a.dims[0] <= a.values.size() ? a.dims[0] : 0, 1);
            (void)makeIdxImageSet(a, labels, "'i'", "'l'", 10);
        } else if (a.dims.size() == 1) {
            (void)makeIdxImageSet(IdxArray{{static_cast<std::uint32_t>(a.values.size()), 1, 1}, a.values}, a, "'i'", "'l'", 10);
        }
    } catch (const nat::Error&) {
    }
    return 0;
}
