#include "space/architecture.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "base/error.h"
#include "base/rng.h"

namespace nat::space {

namespace {

std::string listOf(const std::vector<int>& v) {
    std::ostringstream os;
    os << "[";
    for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    os << "]";
    return os.str();
}

[[noreturn]] void invalid(const std::string& msg) { throw Error(ErrorCode::InvalidArgument, msg); }

int indexIn(const std::vector<int>& v, int x) {
    const auto it = std::find(v.begin(), v.end(), x);
    return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

int slotValue(const SearchSpace& s, const LayerChoice& c) {
    const int nk = static_cast<int>(s.kernelChoices.size());
    return 1 + indexIn(s.kernelChoices, c.kernel) + nk * indexIn(s.expandChoices, c.expand);
}

LayerChoice slotChoice(const SearchSpace& s, int v) {
    const int nk = static_cast<int>(s.kernelChoices.size());
    return {s.kernelChoices[(v - 1) % nk], s.expandChoices[(v - 1) / nk]};
}

}  // namespace

std::vector<int> Architecture::depths() const {
    std::vector<int> d;
    for (const auto& st : stages) d.push_back(static_cast<int>(st.size()));
    return d;
}

int Architecture::totalLayers() const {
    int n = 0;
    for (const auto& st : stages) n += static_cast<int>(st.size());
    return n;
}

std::size_t EncodingHash::operator()(const Encoding& e) const noexcept {
    std::size_t h = 1469598103934665603ULL;  // FNV-1a over the values
    for (int v : e) {
        h ^= static_cast<std::size_t>(v + 1);
        h *= 1099511628211ULL;
    }
    return h;
}

Bounds encodingBounds(const SearchSpace& space) {
    Bounds b;
    b.lower = {0, 0};
    b.upper = {static_cast<int>(space.resolutions.size()) - 1, space.numWidths() - 1};
    for (int s = 0; s < space.numStages(); ++s)
        for (int j = 0; j < space.maxDepth(); ++j) {
            b.lower.push_back(j < space.minDepth() ? 1 : 0);
            b.upper.push_back(space.layerChoiceCount());
        }
    return b;
}

void repair(const SearchSpace& space, Encoding& x) {
    const Bounds b = encodingBounds(space);
    x.resize(b.lower.size(), 0);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::clamp(x[i], b.lower[i], b.upper[i]);
    // Within each stage move active slots in front of skipped ones (stable), e.g. [a,b,0,d] → [a,b,d,0].
    const int D = space.maxDepth();
    for (int s = 0; s < space.numStages(); ++s) {
        auto first = x.begin() + 2 + s * D;
        std::stable_partition(first, first + D, [](int v) { return v != 0; });
    }
}

void validateEncoding(const SearchSpace& space, const Encoding& x) {
    const Bounds b = encodingBounds(space);
    if (x.size() != b.lower.size())
        invalid("encoding for '" + space.name + "' must have " + std::to_string(b.lower.size()) + " integers, got " +
                std::to_string(x.size()));
    for (std::size_t i = 0; i < x.size(); ++i)
        if (x[i] < b.lower[i] || x[i] > b.upper[i])
            invalid("encoding position " + std::to_string(i) + " must be in " + std::to_string(b.lower[i]) + ".." +
                    std::to_string(b.upper[i]) + ", got " + std::to_string(x[i]));
    const int D = space.maxDepth();
    for (int s = 0; s < space.numStages(); ++s)
        for (int j = 1; j < D; ++j)
            if (x[2 + s * D + j - 1] == 0 && x[2 + s * D + j] != 0)
                invalid("encoding stage " + std::to_string(s + 1) + ": slot " + std::to_string(j + 1) +
                        " is active after a skipped slot (repair it first)");
}

void validateArchitecture(const SearchSpace& space, const Architecture& a) {
    if (space.resolutionIndexOf(a.resolution) < 0)
        invalid("resolution must be one of " + listOf(space.resolutions) + ", got " + std::to_string(a.resolution));
    if (a.widthIndex < 0 || a.widthIndex >= space.numWidths())
        invalid("width index must be in 0.." + std::to_string(space.numWidths() - 1) + ", got " +
                std::to_string(a.widthIndex));
    if (static_cast<int>(a.stages.size()) != space.numStages())
        invalid("'d' must list " + std::to_string(space.numStages()) + " stage depths, got " +
                std::to_string(a.stages.size()));
    for (int s = 0; s < space.numStages(); ++s) {
        const int d = static_cast<int>(a.stages[s].size());
        if (indexIn(space.depthChoices, d) < 0)
            invalid("depth of stage " + std::to_string(s + 1) + " must be one of " + listOf(space.depthChoices) +
                    ", got " + std::to_string(d));
        for (int j = 0; j < d; ++j) {
            const LayerChoice& c = a.stages[s][j];
            const std::string where = "stage " + std::to_string(s + 1) + " layer " + std::to_string(j + 1);
            if (indexIn(space.kernelChoices, c.kernel) < 0)
                invalid("kernel size of " + where + " must be one of " + listOf(space.kernelChoices) + ", got " +
                        std::to_string(c.kernel));
            if (indexIn(space.expandChoices, c.expand) < 0)
                invalid("expand ratio of " + where + " must be one of " + listOf(space.expandChoices) + ", got " +
                        std::to_string(c.expand));
        }
    }
}

Encoding encode(const SearchSpace& space, const Architecture& a) {
    validateArchitecture(space, a);
    Encoding x = {space.resolutionIndexOf(a.resolution), a.widthIndex};
    for (int s = 0; s < space.numStages(); ++s)
        for (int j = 0; j < space.maxDepth(); ++j)
            x.push_back(j < static_cast<int>(a.stages[s].size()) ? slotValue(space, a.stages[s][j]) : 0);
    return x;
}

Architecture decode(const SearchSpace& space, const Encoding& x) {
    validateEncoding(space, x);
    Architecture a;
    a.resolution = space.resolutions[x[0]];
    a.widthIndex = x[1];
    const int D = space.maxDepth();
    for (int s = 0; s < space.numStages(); ++s) {
        std::vector<LayerChoice> layers;
        for (int j = 0; j < D; ++j)
            if (x[2 + s * D + j] != 0) layers.push_back(slotChoice(space, x[2 + s * D + j]));
        a.stages.push_back(std::move(layers));
    }
    return a;
}

Encoding sampleUniform(const SearchSpace& space, Rng& rng) {
    const Bounds b = encodingBounds(space);
    Encoding x(b.lower.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int>(rng.uniformInt(b.lower[i], b.upper[i]));
    repair(space, x);
    return x;
}

namespace {
Architecture uniformArch(const SearchSpace& space, bool big) {
    Architecture a;
    a.resolution = big ? space.resolutions.back() : space.resolutions.front();
    a.widthIndex = big ? space.numWidths() - 1 : 0;
    const LayerChoice c = big ? LayerChoice{space.maxKernel(), space.maxExpand()}
                              : LayerChoice{space.kernelChoices.front(), space.expandChoices.front()};
    for (int s = 0; s < space.numStages(); ++s)
        a.stages.emplace_back(static_cast<std::size_t>(big ? space.maxDepth() : space.minDepth()), c);
    return a;
}
}  // namespace

Architecture smallest(const SearchSpace& space) { return uniformArch(space, false); }
Architecture largest(const SearchSpace& space) { return uniformArch(space, true); }

Json toSubnetJson(const SearchSpace& space, const Architecture& a) {
    validateArchitecture(space, a);
    std::vector<int> ks, e;
    for (const auto& st : a.stages)
        for (const auto& c : st) {
            ks.push_back(c.kernel);
            e.push_back(c.expand);
        }
    return {{"ks", ks}, {"e", e}, {"d", a.depths()}, {"r", a.resolution}, {"w", space.widthMults[a.widthIndex]}};
}

Architecture fromSubnetJson(const SearchSpace& space, const Json& j, double defaultWidth) {
    const std::string ctx = "net.subnet";
    const std::vector<int> ks = requireIntArray(j, "ks", ctx);
    const std::vector<int> e = requireIntArray(j, "e", ctx);
    const std::vector<int> d = requireIntArray(j, "d", ctx);
    Architecture a;
    a.resolution = requireInt(j, "r", ctx);
    const double w = j.contains("w") ? requireNumber(j, "w", ctx) : defaultWidth;
    a.widthIndex = space.widthIndexOf(w);
    if (a.widthIndex < 0) {
        std::ostringstream os;
        os << ctx << ": 'w' must be one of";
        for (double x : space.widthMults) os << " " << widthLabel(x);
        os << " for '" << space.name << "', got " << w;
        invalid(os.str());
    }
    if (static_cast<int>(d.size()) != space.numStages())
        invalid(ctx + ": 'd' must list " + std::to_string(space.numStages()) + " stage depths, got " +
                std::to_string(d.size()));
    for (std::size_t s = 0; s < d.size(); ++s)
        if (indexIn(space.depthChoices, d[s]) < 0)
            invalid(ctx + ": 'd' entry " + std::to_string(s) + " must be one of " + listOf(space.depthChoices) +
                    ", got " + std::to_string(d[s]));
    const int active = std::accumulate(d.begin(), d.end(), 0);
    const int full = space.numStages() * space.maxDepth();
    if (ks.size() != e.size())
        invalid(ctx + ": 'ks' and 'e' must have the same length, got " + std::to_string(ks.size()) + " and " +
                std::to_string(e.size()));
    const bool fullLength = static_cast<int>(ks.size()) == full && active != full;
    if (static_cast<int>(ks.size()) != active && !fullLength)
        invalid(ctx + ": 'ks' and 'e' must list " + std::to_string(active) + " active layers (sum of 'd'), or " +
                std::to_string(full) + " for every slot, got " + std::to_string(ks.size()));
    int pos = 0;
    for (int s = 0; s < space.numStages(); ++s) {
        std::vector<LayerChoice> layers;
        for (int jj = 0; jj < d[s]; ++jj) layers.push_back({ks[pos + jj], e[pos + jj]});
        pos += fullLength ? space.maxDepth() : d[s];
        a.stages.push_back(std::move(layers));
    }
    try {
        validateArchitecture(space, a);
    } catch (const Error& err) {
        invalid(ctx + ": " + err.what());
    }
    return a;
}

double widthFromNetConfig(const SearchSpace& space, const Json& netConfig) {
    const std::string ctx = "net.config";
    const Json& fc = requireField(netConfig, "first_conv", ctx);
    const int ch = requireInt(fc, "out_channels", ctx + " first_conv");
    for (int w = 0; w < space.numWidths(); ++w)
        if (space.stemChannels[w] == ch) return space.widthMults[w];
    invalid(ctx + ": first_conv has " + std::to_string(ch) + " output channels, which matches no width of '" +
            space.name + "' (allowed " + listOf(space.stemChannels) + ")");
}

std::string toEncodingString(const SearchSpace& space, const Encoding& x) {
    validateEncoding(space, x);
    std::string s;
    s += static_cast<char>('0' + x[0] / 10);
    s += static_cast<char>('0' + x[0] % 10);
    for (std::size_t i = 1; i < x.size(); ++i) s += static_cast<char>('0' + x[i]);
    return s;
}

Encoding fromEncodingString(const SearchSpace& space, const std::string& str) {
    std::string s = str;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    const std::size_t want = static_cast<std::size_t>(space.encodingLength()) + 1;
    if (s.size() != want)
        invalid("net.encoding for '" + space.name + "' must have " + std::to_string(want) + " digits, got " +
                std::to_string(s.size()));
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9')
            invalid("net.encoding: character " + std::to_string(i + 1) + " must be a digit, got '" +
                    std::string(1, s[i]) + "'");
    Encoding x = {(s[0] - '0') * 10 + (s[1] - '0')};
    for (std::size_t i = 2; i < s.size(); ++i) x.push_back(s[i] - '0');
    validateEncoding(space, x);
    return x;
}

std::string shortLabel(const SearchSpace& space, const Architecture& a) {
    std::ostringstream os;
    os << "r" << a.resolution << " w" << widthLabel(space.widthMults[a.widthIndex]) << " d" << listOf(a.depths());
    return os.str();
}

}  // namespace nat::space
