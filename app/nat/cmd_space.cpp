// nat space info | nat space sample | nat flops
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "cli_util.h"
#include "space/cost_model.h"

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using namespace nat::space;

std::string presetHelp() {
    std::string s = "Search-space preset:";
    for (const auto& n : presetNames()) s += " " + n;
    return s;
}

void spaceInfo(const std::string& name, bool json) {
    const SearchSpace& s = preset(name);
    const CostOptions opts;
    Json widths = Json::array();
    for (int w = 0; w < s.numWidths(); ++w) {
        Architecture lo = smallest(s), hi = largest(s);
        lo.widthIndex = hi.widthIndex = w;
        const CostReport a = computeCost(s, lo), b = computeCost(s, hi);
        widths.push_back({{"width", s.widthMults[w]},
                          {"supernet_params", supernetParams(s, w)},
                          {"smallest", {{"params", a.params}, {"macs", a.macs}, {"madds", a.madds}}},
                          {"largest", {{"params", b.params}, {"macs", b.macs}, {"madds", b.madds}}}});
    }
    if (json) {
        printJson({{"space", s.toJson()},
                   {"encoding_length", s.encodingLength()},
                   {"cardinality", s.cardinality()},
                   {"classes_for_costs", opts.numClasses},
                   {"widths", widths}});
        return;
    }
    std::ostream& out = *io().out;
    out << s.name << ": " << s.description << "\n";
    out << "  resolutions     ";
    for (int r : s.resolutions) out << " " << r;
    out << "\n  stages          ";
    for (const auto& st : s.stages) out << " " << st.channels.front() << "/s" << st.stride << (st.se ? "/se" : "");
    out << "\n  encoding length  " << s.encodingLength() << " integers\n";
    std::ostringstream card;
    card << std::setprecision(3) << s.cardinality();
    out << "  architectures    " << card.str() << "\n";
    for (const auto& w : widths) {
        out << "  width " << widthLabel(w["width"].get<double>()) << ": supernet " << groupThousands(w["supernet_params"].get<long long>())
            << " params; subnets from " << millions(w["smallest"]["macs"].get<long long>()) << " to "
            << millions(w["largest"]["macs"].get<long long>()) << " MACs (" << opts.numClasses
            << " classes, 3 input channels, smallest at " << s.resolutions.front() << " px, largest at "
            << s.resolutions.back() << " px)\n";
    }
}

void spaceSample(const std::string& name, int n, std::uint64_t seed) {
    if (n < 0) throw Error(ErrorCode::InvalidArgument, "-n must be 0 or more, got " + std::to_string(n));
    const SearchSpace& s = preset(name);
    Rng rng(seed);
    for (int i = 0; i < n; ++i) {
        const Encoding x = sampleUniform(s, rng);
        printJsonLine({{"encoding", x}, {"subnet", toSubnetJson(s, decode(s, x))}});
    }
}

// Reads a net.subnet JSON, one of our architecture JSONs ({"subnet": {...}}) or a net.encoding digit string.
Architecture readArchitectureFile(const SearchSpace& s, const fs::path& file, const std::string& configPath) {
    const std::string text = readTextFile(file);
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && std::isdigit(static_cast<unsigned char>(text[first])))
        return decode(s, fromEncodingString(s, text.substr(first)));
    Json j = parseJson(text, quoted(file));
    if (j.is_object() && j.contains("subnet") && j["subnet"].is_object()) j = j["subnet"];
    double width = s.widthMults.front();
    if (!configPath.empty()) {
        width = widthFromNetConfig(s, readJsonFile(configPath));
    } else if (j.is_object() && !j.contains("w")) {
        // Older releases leave out "w": take it from the net.config next to the file, when there is one.
        const fs::path sibling = file.parent_path() / "net.config";
        if (fs::exists(sibling)) width = widthFromNetConfig(s, readJsonFile(sibling));
    }
    return fromSubnetJson(s, j, width);
}

void flops(const std::string& file, const std::string& presetName, int classes, int inputChannels,
           const std::string& config, bool json, bool layers) {
    const SearchSpace& s = preset(presetName);
    const Architecture a = readArchitectureFile(s, file, config);
    const CostReport r = computeCost(s, a, {classes, inputChannels});
    if (json) {
        Json j = {{"preset", s.name},
                  {"subnet", toSubnetJson(s, a)},
                  {"encoding", encode(s, a)},
                  {"classes", classes},
                  {"input", {inputChannels, a.resolution, a.resolution}},
                  {"params", r.params},
                  {"macs", r.macs},
                  {"madds", r.madds}};
        if (layers) {
            Json ls = Json::array();
            for (const auto& l : r.layers)
                ls.push_back({{"name", l.name},
                              {"kind", l.kind},
                              {"out", {l.outChannels, l.outHeight, l.outWidth}},
                              {"params", l.params},
                              {"macs", l.macs},
                              {"extra_ops", l.extraOps}});
            j["layers"] = ls;
        }
        printJson(j);
        return;
    }
    std::ostream& out = *io().out;
    if (layers) {
        out << std::left << std::setw(16) << "layer" << std::setw(14) << "kind" << std::setw(14) << "output"
            << std::right << std::setw(12) << "params" << std::setw(16) << "MACs" << "\n";
        for (const auto& l : r.layers) {
            std::ostringstream shape;
            shape << l.outChannels << "x" << l.outHeight << "x" << l.outWidth;
            out << std::left << std::setw(16) << l.name << std::setw(14) << l.kind << std::setw(14) << shape.str()
                << std::right << std::setw(12) << groupThousands(l.params) << std::setw(16) << groupThousands(l.macs)
                << "\n";
        }
    }
    out << shortLabel(s, a) << ", " << classes << " classes, input " << inputChannels << "x" << a.resolution << "x"
        << a.resolution << "\n";
    out << "params  " << groupThousands(r.params) << " (" << millions(r.params) << ")\n";
    out << "MACs    " << groupThousands(r.macs) << " (" << millions(r.macs) << ", conv + linear)\n";
    out << "MAdds   " << groupThousands(r.madds) << " (" << millions(r.madds)
        << ", MACs + h_swish and SE multiplies, NAT's convention)\n";
}

}  // namespace

void registerSpaceCommands(CLI::App& root) {
    CLI::App* space = root.add_subcommand("space", "Inspect and sample search spaces");
    space->require_subcommand(1);

    struct InfoOpts {
        std::string preset = "ofa-mbv3";
        bool json = false;
    };
    auto info = std::make_shared<InfoOpts>();
    CLI::App* infoCmd = space->add_subcommand("info", "Sizes, cardinality and cost range of a search space");
    infoCmd->add_option("--preset", info->preset, presetHelp())->capture_default_str();
    infoCmd->add_flag("--json", info->json, "Print JSON");
    infoCmd->callback([info] { spaceInfo(info->preset, info->json); });

    struct SampleOpts {
        std::string preset = "ofa-mbv3";
        int n = 10;
        std::uint64_t seed = 0;
    };
    auto sample = std::make_shared<SampleOpts>();
    CLI::App* sampleCmd = space->add_subcommand("sample", "Uniformly sampled architectures as JSON lines");
    sampleCmd->add_option("--preset", sample->preset, presetHelp())->capture_default_str();
    sampleCmd->add_option("-n", sample->n, "How many")->capture_default_str();
    sampleCmd->add_option("--seed", sample->seed, "Random seed")->capture_default_str();
    sampleCmd->callback([sample] { spaceSample(sample->preset, sample->n, sample->seed); });

    struct FlopsOpts {
        std::string file, preset = "ofa-mbv3", config;
        int classes = 1000, inputChannels = 3;
        bool json = false, layers = false;
    };
    auto fl = std::make_shared<FlopsOpts>();
    CLI::App* flopsCmd = root.add_subcommand(
        "flops", "Parameters, MACs and MAdds of an architecture (net.subnet JSON, or net.encoding digits)");
    flopsCmd->add_option("FILE", fl->file, "net.subnet / architecture JSON / net.encoding file")
        ->required()
        ->check(CLI::ExistingFile);
    flopsCmd->add_option("--preset", fl->preset, presetHelp())->capture_default_str();
    flopsCmd->add_option("--classes", fl->classes, "Number of classes of the classifier")->capture_default_str();
    flopsCmd->add_option("--input-channels", fl->inputChannels, "Image channels (3 colour, 1 grey)")->capture_default_str();
    flopsCmd->add_option("--config", fl->config, "net.config to take the width from when the subnet has no 'w'");
    flopsCmd->add_flag("--json", fl->json, "Print JSON");
    flopsCmd->add_flag("--layers", fl->layers, "Also list every layer");
    flopsCmd->callback([fl] { flops(fl->file, fl->preset, fl->classes, fl->inputChannels, fl->config, fl->json, fl->layers); });
}

}  // namespace nat::cli
