#include "export/torchscript_writer.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/torch.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "base/error.h"
#include "base/file_io.h"
#include "export/graph.h"

namespace nat::exporting {

namespace {

// TorchScript attribute names cannot hold '.' or '/'.
std::string attrName(const std::string& tensorName) {
    std::string s;
    for (char c : tensorName) s += (c == '.' || c == '/') ? std::string("__") : std::string(1, c);
    return s;
}

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// One line of Python for `op`; values are v0, v1, ... (the input is x).
std::string opLine(const Op& op, const std::vector<std::string>& in, const std::string& out) {
    auto p = [&](std::size_t i) { return "self." + attrName(op.params[i]); };
    std::ostringstream s;
    s << "    " << out << " = ";
    switch (op.kind) {
        case OpKind::Conv: {
            const int pad = op.kernel / 2;
            s << "torch.conv2d(" << in[0] << ", " << p(0) << ", " << (op.params.size() > 1 ? p(1) : "None") << ", ["
              << op.stride << ", " << op.stride << "], [" << pad << ", " << pad << "], [1, 1], " << op.groups << ")";
            break;
        }
        case OpKind::BatchNorm:
            s << "torch.batch_norm(" << in[0] << ", " << p(0) << ", " << p(1) << ", " << p(2) << ", " << p(3)
              << ", False, 0.0, " << num(op.eps) << ", False)";
            break;
        case OpKind::Relu: s << "torch.relu(" << in[0] << ")"; break;
        case OpKind::HardSwish: s << "torch.hardswish(" << in[0] << ")"; break;
        case OpKind::HardSigmoid: s << "torch.hardsigmoid(" << in[0] << ")"; break;
        case OpKind::Mul: s << in[0] << " * " << in[1]; break;
        case OpKind::Add: s << in[0] << " + " << in[1]; break;
        case OpKind::GlobalAvgPool: s << "torch.mean(" << in[0] << ", [2, 3], True)"; break;
        case OpKind::Flatten: s << "torch.flatten(" << in[0] << ", 1)"; break;
        case OpKind::Gemm: s << "torch.linear(" << in[0] << ", " << p(0) << ", " << p(1) << ")"; break;
    }
    s << "\n";
    return s.str();
}

std::string sourceOf(const Graph& g) {
    std::map<std::string, std::string> var = {{g.input, "x"}};
    std::string src = "def forward(self, x: Tensor) -> Tensor:\n";
    for (std::size_t i = 0; i < g.ops.size(); ++i) {
        const Op& op = g.ops[i];
        std::vector<std::string> in;
        for (const auto& v : op.inputs) in.push_back(var.at(v));
        std::string out = "v";  // not "v" + to_string: GCC 12 -Wrestrict false positive at -O3
        out += std::to_string(i);
        var[op.output] = out;
        src += opLine(op, in, out);
    }
    return src + "    return " + var.at(g.output) + "\n";
}

c10::IValue stringList(const std::vector<std::string>& v) {
    c10::List<std::string> l;
    for (const auto& s : v) l.push_back(s);
    return l;
}

c10::IValue doubleList(const std::vector<double>& v) {
    c10::List<double> l;
    for (double d : v) l.push_back(d);
    return l;
}

void addAttributes(torch::jit::Module& m, const Graph& g, const ExportInfo& info) {
    std::vector<std::string> names = info.classNames;
    if (names.empty())
        for (int c = 0; c < g.numClasses; ++c) names.push_back("class_" + std::to_string(c));
    m.register_attribute("class_names", c10::ListType::ofStrings(), stringList(names));
    m.register_attribute("mean", c10::ListType::ofFloats(), doubleList(info.mean));
    m.register_attribute("std", c10::ListType::ofFloats(), doubleList(info.std));
    c10::List<std::int64_t> shape({1, g.inputChannels, g.resolution, g.resolution});
    m.register_attribute("input_shape", c10::ListType::ofInts(), shape);
}

bool isBnStatistic(const std::string& name) {
    return name.ends_with(".running_mean") || name.ends_with(".running_var");
}

}  // namespace

std::string torchScriptSource(const supernet::StaticSubnetImpl& net) { return sourceOf(buildGraph(net)); }

void writeTorchScript(const std::filesystem::path& file, const supernet::StaticSubnetImpl& net, const ExportInfo& info) {
    const Graph g = buildGraph(net);
    torch::jit::Module m("NatSubnet");
    for (const auto& [name, t] : g.tensors)
        m.register_parameter(attrName(name), isBnStatistic(name) ? t : t.clone(), /*is_buffer=*/isBnStatistic(name));
    addAttributes(m, g, info);
    try {
        m.define(sourceOf(g));
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Internal, std::string("TorchScript rejected the generated forward: ") +
                                             e.what_without_backtrace());
    }
    m.eval();
    torch::jit::ExtraFilesMap extra = {{kTorchScriptMetadataFile, info.toJson().dump(2)}};
    std::ostringstream bytes;
    m.save(bytes, extra);
    writeFileAtomic(file, bytes.str());
}

}  // namespace nat::exporting
