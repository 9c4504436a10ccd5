// libFuzzer harness for the header of supernet files (core/supernet/checkpoint_meta.h): the JSON
// record that loadSupernet parses and checks before LibTorch builds any tensor from the file (the
// zip container and the tensor records are LibTorch's own reader, not fuzzed here). The first byte
// picks the expected configuration (none, tiny-mbv3 or ofa-mbv3 w1.2); the rest is the header.
// Anything accepted must be a configuration a supernet can be built from; everything else a
// nat::Error(Corrupt/Mismatch).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "base/error.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"
#include "supernet/checkpoint_meta.h"

namespace {

nat::Json config(const char* preset, int width, int classes, int channels) {
    return {{"space", nat::space::preset(preset).toJson()}, {"width_index", width}, {"num_classes", classes},
            {"input_channels", channels}, {"dropout", 0.1}, {"bn_momentum", 0.1}, {"bn_eps", 1e-5}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nat::supernet;
    if (size == 0) return 0;
    std::optional<nat::Json> expected;
    if (data[0] % 3 == 1) expected = config("tiny-mbv3", 0, 10, 1);
    if (data[0] % 3 == 2) expected = config("ofa-mbv3", 1, 1000, 3);
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const SupernetFileMeta meta = parseSupernetMeta(text, "fuzz.natsn", expected);
        validateSupernetConfigJson(meta.config);  // accepted means valid: a throw here escapes as a bug
        if (expected && (meta.config["width_index"] != (*expected)["width_index"] ||
                         meta.config["num_classes"] != (*expected)["num_classes"] ||
                         meta.config["input_channels"] != (*expected)["input_channels"]))
            __builtin_trap();
        // Round trip through the writer's header.
        const SupernetFileMeta again =
            parseSupernetMeta(makeSupernetMeta(meta.config, meta.hasTrainerState, meta.metadata), "again.natsn");
        if (again.config != meta.config || again.hasTrainerState != meta.hasTrainerState) __builtin_trap();
        // What the supernet will be built from: an architecture and its cost must exist.
        const nat::space::SearchSpace s = nat::space::SearchSpace::fromJson(meta.config["space"]);
        (void)nat::space::computeCost(s, nat::space::largest(s),
                                      {meta.config["num_classes"].get<int>(), meta.config["input_channels"].get<int>()});
    } catch (const nat::Error& e) {
        if (e.code() != nat::ErrorCode::Corrupt && e.code() != nat::ErrorCode::Mismatch) __builtin_trap();
    }
    return 0;
}
