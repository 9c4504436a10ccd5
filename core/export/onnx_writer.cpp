#include "export/onnx_writer.h"

#include <torch/torch.h>

#include "base/error.h"
#include "base/file_io.h"
#include "export/graph.h"
#include "nat_version.h"

#ifdef NAT_WITH_ONNX
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#endif

namespace nat::exporting {

void checkOnnxOptions(const OnnxOptions& o) {
    if (o.opset < kMinOnnxOpset || o.opset > kMaxOnnxOpset)
        throw Error(ErrorCode::Unsupported,
                    "ONNX opset " + std::to_string(o.opset) + " cannot express this model as exported: opsets " +
                        std::to_string(kMinOnnxOpset) + "-" + std::to_string(kMaxOnnxOpset) +
                        " are supported (the writer uses the opset-11 Conv/Gemm/Flatten/BatchNormalization "
                        "definitions; libonnx 1.12 knows opsets up to 17)");
    if (!o.dynamicBatch && o.batchSize < 1)
        throw Error(ErrorCode::InvalidArgument, "ONNX batch size must be 1 or more, got " + std::to_string(o.batchSize));
}

#ifndef NAT_WITH_ONNX

bool onnxAvailable() { return false; }

std::string onnxModelBytes(const supernet::StaticSubnetImpl&, const ExportInfo&, const OnnxOptions&) {
    throw Error(ErrorCode::Unsupported, "this build has no ONNX support (libonnx/protobuf were not found at configure time)");
}

void writeOnnx(const std::filesystem::path&, const supernet::StaticSubnetImpl&, const ExportInfo&, const OnnxOptions&) {
    throw Error(ErrorCode::Unsupported, "this build has no ONNX support (libonnx/protobuf were not found at configure time)");
}

#else

namespace {

void setTensor(onnx::TensorProto& t, const std::string& name, const torch::Tensor& v) {
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (auto d : v.sizes()) t.add_dims(d);
    const torch::Tensor c = v.to(torch::kFloat).contiguous();
    // raw_data is little-endian float32, the byte order of this platform.
    t.set_raw_data(std::string(static_cast<const char*>(c.data_ptr()), c.numel() * sizeof(float)));
}

void setValueInfo(onnx::ValueInfoProto& v, const std::string& name, const std::vector<std::int64_t>& dims,
                  bool dynamicBatch) {
    v.set_name(name);
    auto* tt = v.mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    for (std::size_t i = 0; i < dims.size(); ++i) {
        auto* d = tt->mutable_shape()->add_dim();
        if (i == 0 && dynamicBatch)
            d->set_dim_param("N");
        else
            d->set_dim_value(dims[i]);
    }
}

onnx::NodeProto& addNode(onnx::GraphProto& g, const std::string& type, const std::vector<std::string>& inputs,
                         const std::string& output, const std::string& name) {
    onnx::NodeProto& n = *g.add_node();
    n.set_op_type(type);
    n.set_name(name);
    for (const auto& i : inputs) n.add_input(i);
    n.add_output(output);
    return n;
}

void intsAttr(onnx::NodeProto& n, const std::string& name, const std::vector<std::int64_t>& v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (auto x : v) a->add_ints(x);
}
void intAttr(onnx::NodeProto& n, const std::string& name, std::int64_t v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v);
}
void floatAttr(onnx::NodeProto& n, const std::string& name, float v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(v);
}

// HardSigmoid with alpha = 1/6 and the default beta = 0.5. beta is deliberately not written:
// OpenCV 4.6 fuses HardSigmoid(alpha, beta) → Mul into HardSwish when both are explicit, also for the
// squeeze-excite multiply, which computes the wrong thing (PLATFORM-NOTES.md).
void hardSigmoid(onnx::GraphProto& g, const std::string& in, const std::string& out) {
    floatAttr(addNode(g, "HardSigmoid", {in}, out, out), "alpha", 1.0f / 6.0f);
}

void addOp(onnx::GraphProto& g, const Op& op, int opset) {
    switch (op.kind) {
        case OpKind::Conv: {
            std::vector<std::string> in = {op.inputs[0]};
            in.insert(in.end(), op.params.begin(), op.params.end());
            onnx::NodeProto& n = addNode(g, "Conv", in, op.output, op.output);
            const std::int64_t p = op.kernel / 2;
            intsAttr(n, "kernel_shape", {op.kernel, op.kernel});  // OpenCV needs it explicit
            intsAttr(n, "strides", {op.stride, op.stride});
            intsAttr(n, "pads", {p, p, p, p});
            intsAttr(n, "dilations", {1, 1});
            intAttr(n, "group", op.groups);
            return;
        }
        case OpKind::BatchNorm: {
            std::vector<std::string> in = {op.inputs[0]};
            in.insert(in.end(), op.params.begin(), op.params.end());
            floatAttr(addNode(g, "BatchNormalization", in, op.output, op.output), "epsilon", static_cast<float>(op.eps));
            return;
        }
        case OpKind::HardSwish:
            if (opset >= 14) {
                addNode(g, "HardSwish", op.inputs, op.output, op.output);
            } else {  // x · hardsigmoid(x), the definition of HardSwish
                hardSigmoid(g, op.inputs[0], op.output + "_gate");
                addNode(g, "Mul", {op.inputs[0], op.output + "_gate"}, op.output, op.output);
            }
            return;
        case OpKind::HardSigmoid: hardSigmoid(g, op.inputs[0], op.output); return;
        case OpKind::Flatten: intAttr(addNode(g, "Flatten", op.inputs, op.output, op.output), "axis", 1); return;
        case OpKind::Gemm: {
            std::vector<std::string> in = {op.inputs[0]};
            in.insert(in.end(), op.params.begin(), op.params.end());
            intAttr(addNode(g, "Gemm", in, op.output, op.output), "transB", 1);
            return;
        }
        default: addNode(g, opName(op.kind), op.inputs, op.output, op.output); return;
    }
}

void addMetadata(onnx::ModelProto& m, const std::string& key, const std::string& value) {
    auto* p = m.add_metadata_props();
    p->set_key(key);
    p->set_value(value);
}

void fillMetadata(onnx::ModelProto& m, const Graph& g, const ExportInfo& info, const OnnxOptions& o) {
    Json names = info.classNames;
    if (info.classNames.empty())
        for (int c = 0; c < g.numClasses; ++c) names.push_back("class_" + std::to_string(c));
    const std::string batch = o.dynamicBatch ? "\"N\"" : std::to_string(o.batchSize);
    addMetadata(m, "input_name", g.input);
    addMetadata(m, "input_shape", "[" + batch + ", " + std::to_string(g.inputChannels) + ", " +
                                      std::to_string(g.resolution) + ", " + std::to_string(g.resolution) + "]");
    addMetadata(m, "input_range", "pixels scaled to [0, 1], then (x - mean) / std per channel");
    addMetadata(m, "output_name", g.output);
    addMetadata(m, "class_names", names.dump());
    addMetadata(m, "mean", Json(info.mean).dump());
    addMetadata(m, "std", Json(info.std).dump());
    addMetadata(m, "architecture", info.architecture.dump());
    addMetadata(m, "objectives", info.objectives.dump());
    addMetadata(m, "provenance", info.provenance.dump());
    addMetadata(m, "bn_folded", o.foldBn ? "true" : "false");
}

// IR version that matches each opset's ONNX release (1.6 → IR 6 / opset 11 ... 1.12 → IR 8 / opset 17).
int irVersionFor(int opset) { return opset <= 11 ? 6 : opset <= 14 ? 7 : 8; }

}  // namespace

bool onnxAvailable() { return true; }

std::string onnxModelBytes(const supernet::StaticSubnetImpl& net, const ExportInfo& info, const OnnxOptions& o) {
    checkOnnxOptions(o);
    Graph g = buildGraph(net);
    if (o.foldBn) foldBatchNorms(g);
    onnx::ModelProto m;
    m.set_ir_version(irVersionFor(o.opset));
    m.set_producer_name("NAT Studio");
    m.set_producer_version(NAT_VERSION_STRING);
    m.set_domain("org.natstudio");
    m.set_model_version(1);
    m.set_doc_string("Subnet exported by NAT Studio: " + info.architecture.value("label", std::string("subnet")));
    auto* opset = m.add_opset_import();
    opset->set_domain("");
    opset->set_version(o.opset);
    fillMetadata(m, g, info, o);
    onnx::GraphProto& graph = *m.mutable_graph();
    graph.set_name("nat_subnet");
    const std::int64_t batch = o.dynamicBatch ? 0 : o.batchSize;
    setValueInfo(*graph.add_input(), g.input, {batch, g.inputChannels, g.resolution, g.resolution}, o.dynamicBatch);
    setValueInfo(*graph.add_output(), g.output, {batch, g.numClasses}, o.dynamicBatch);
    for (const auto& [name, t] : g.tensors) setTensor(*graph.add_initializer(), name, t);
    for (const Op& op : g.ops) addOp(graph, op, o.opset);
    try {
        onnx::checker::check_model(m);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Internal, std::string("the ONNX checker rejected the exported model: ") + e.what());
    }
    std::string bytes;
    if (!m.SerializeToString(&bytes)) throw Error(ErrorCode::Internal, "protobuf could not serialize the ONNX model");
    return bytes;
}

void writeOnnx(const std::filesystem::path& file, const supernet::StaticSubnetImpl& net, const ExportInfo& info,
               const OnnxOptions& o) {
    writeFileAtomic(file, onnxModelBytes(net, info, o));
}

#endif

}  // namespace nat::exporting
