// libFuzzer harness for the architecture files people bring (core/space): the released NATNet
// `net.subnet` JSON (also wrapped as {"subnet": {...}}), `net.config` (width), the `net.encoding`
// digit string, and a search-space description (SearchSpace::fromJson, stored in supernet files).
// The first byte picks the parser and the preset; the rest is the file. Anything accepted must be
// a valid architecture that round-trips and has a cost; everything else must be a nat::Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/error.h"
#include "base/json_util.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"

namespace {

using namespace nat::space;

void checkArchitecture(const SearchSpace& s, const Architecture& a) {
    validateArchitecture(s, a);  // an accepted architecture is valid: any throw here escapes as a bug
    const Encoding x = encode(s, a);
    if (fromEncodingString(s, toEncodingString(s, x)) != x) __builtin_trap();
    if (encode(s, fromSubnetJson(s, toSubnetJson(s, a))) != x) __builtin_trap();
    const CostReport r = computeCost(s, a, {10, 3});
    if (r.params <= 0 || r.macs <= 0 || r.madds < r.macs) __builtin_trap();
}

void checkError(const nat::Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const SearchSpace& s = preset(data[0] & 1 ? "tiny-mbv3" : "ofa-mbv3");
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch ((data[0] >> 1) % 4) {
            case 0: {  // net.subnet, as `nat flops` reads it
                nat::Json j = nat::parseJson(text, "'net.subnet'");
                if (j.is_object() && j.contains("subnet") && j["subnet"].is_object()) j = j["subnet"];
                checkArchitecture(s, fromSubnetJson(s, j, s.widthMults.front()));
                break;
            }
            case 1: {  // net.config
                const double w = widthFromNetConfig(s, nat::parseJson(text, "'net.config'"));
                if (s.widthIndexOf(w) < 0) __builtin_trap();
                break;
            }
            case 2:  // net.encoding
                checkArchitecture(s, decode(s, fromEncodingString(s, text)));
                break;
            default: {  // a search space description; an accepted one must give usable architectures
                const SearchSpace custom = SearchSpace::fromJson(nat::parseJson(text, "'space'"));
                if (custom.cardinality() <= 0) __builtin_trap();
                if (SearchSpace::fromJson(custom.toJson()).toJson() != custom.toJson()) __builtin_trap();
                checkArchitecture(custom, smallest(custom));
                checkArchitecture(custom, largest(custom));
                break;
            }
        }
    } catch (const nat::Error& e) {
        checkError(e);
    }
    return 0;
}
