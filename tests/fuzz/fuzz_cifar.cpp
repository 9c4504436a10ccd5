// libFuzzer harness for the CIFAR-10/100 binary record parser (core/data/cifar_format.h).
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/error.h"
#include "data/cifar_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nat::data;
    if (size == 0) return 0;
    // The first byte picks the record kind so that one corpus covers all three.
    const CifarLabels kinds[] = {CifarLabels::Cifar10, CifarLabels::Cifar100Fine, CifarLabels::Cifar100Coarse};
    const CifarLabels kind = kinds[data[0] % 3];
    const std::span<const std::uint8_t> bytes(data + 1, size - 1);
    ImageSet set;
    try {
        appendCifarRecords(bytes, kind, "'fuzz.bin'", set);
        appendCifarRecords(bytes, kind, "'fuzz.bin'", set);  // appending to a non-empty set
        if (set.size() * set.imageBytes() != set.pixels.size()) __builtin_trap();
        for (auto label : set.labels)
            if (label < 0 || label >= cifarNumClasses(kind)) __builtin_trap();
    } catch (const nat::Error&) {
    }
    return 0;
}
