#include <string>
#include <vector>

#include "supernet/state_dict_reader.h"

namespace nat::supernet {

namespace {

std::vector<std::string> splitSegments(const std::string& key) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = key.find('.', start);
        out.push_back(key.substr(start, dot - start));
        if (dot == std::string::npos) return out;
        start = dot + 1;
    }
}

}  // namespace

std::string canonicalOfaKey(std::string key) {
    // Rules and their origin: NAT-REFERENCE.md §3 and OFAMobileNetV3.load_state_dict in
    // once-for-all, which tries the same replacements against the model's own keys. Without a
    // model to try against we always pick the short spelling (see the header).
    std::vector<std::string> in = splitSegments(key);
    std::vector<std::string> out;
    out.reserve(in.size());
    for (std::string& segment : in) {
        if (segment == "mobile_inverted_conv") segment = "conv";
        bool wrapper = segment == "bn" || segment == "linear";
        if (wrapper && !out.empty() && out.back() == segment) continue;  // bn.bn → bn, linear.linear → linear
        out.push_back(std::move(segment));
    }
    // conv.conv only at the end: DynamicConv2d/DynamicSeparableConv2d wrap a Conv2d, whose weight
    // is the last segment; earlier `conv`s are module names (ResidualBlock.conv, Sequential.conv).
    std::size_t n = out.size();
    if (n >= 3 && out[n - 3] == "conv" && out[n - 2] == "conv" && (out[n - 1] == "weight" || out[n - 1] == "bias"))
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(n - 2));
    std::string joined;
    for (std::size_t i = 0; i < out.size(); ++i) joined += (i ? "." : "") + out[i];
    return joined;
}

}  // namespace nat::supernet
