#include "export/verify.h"

#include <torch/script.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <chrono>

#include "base/error.h"
#include "base/file_io.h"

#ifdef NAT_WITH_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#endif
#ifdef NAT_WITH_ONNX
#include <onnx/onnx_pb.h>
#endif

namespace nat::exporting {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

void requireFile(const std::filesystem::path& file) {
    if (!std::filesystem::is_regular_file(file))
        throw Error(ErrorCode::Io, "cannot verify " + quoted(file) + ": the file does not exist");
}

}  // namespace

torch::Tensor referenceLogits(supernet::StaticSubnetImpl& net, const torch::Tensor& images) {
    torch::NoGradGuard ng;
    const bool wasTraining = net.is_training();
    net.eval();
    torch::Tensor y = net.forward(images.to(torch::kFloat)).contiguous();
    net.train(wasTraining);
    return y;
}

void compareLogits(const torch::Tensor& logits, const torch::Tensor& reference, VerificationReport& r) {
    r.images = static_cast<int>(reference.size(0));
    if (logits.sizes() != reference.sizes()) {
        r.passed = false;
        r.note = "output shape differs from LibTorch's";
        return;
    }
    r.maxAbsLogit = reference.abs().max().item<double>();
    r.maxAbsDiff = (logits.to(torch::kDouble) - reference.to(torch::kDouble)).abs().max().item<double>();
    const auto same = (logits.argmax(1) == reference.argmax(1)).sum().item<std::int64_t>();
    r.top1Agreement = r.images > 0 ? static_cast<double>(same) / r.images : 1.0;
    r.passed = r.maxAbsDiff <= r.tolerance && same == r.images;
}

// ---------------------------------------------------------------- ONNX (OpenCV DNN)

#ifndef NAT_WITH_OPENCV

bool onnxVerificationAvailable() { return false; }

VerificationReport verifyOnnxAgainst(const std::filesystem::path& file, const torch::Tensor& images, const torch::Tensor&,
                                     double tolerance) {
    VerificationReport r;
    r.file = file.string();
    r.runtime = "OpenCV DNN";
    r.tolerance = tolerance;
    r.images = static_cast<int>(images.size(0));
    r.skipped = true;
    r.skipReason = "this build has no OpenCV, so the ONNX file was not checked with an independent runtime";
    writeVerificationReport(r);
    return r;
}

#else

namespace {

// The file's bytes, with a dynamic batch axis pinned to `batch` (OpenCV 4.6 cannot run symbolic
// batch dimensions). Sets `batch` to the file's static batch when it has one.
std::string staticBatchModel(const std::filesystem::path& file, std::int64_t& batch, std::string& note) {
    std::string bytes = readTextFile(file);
#ifdef NAT_WITH_ONNX
    onnx::ModelProto m;
    if (!m.ParseFromString(bytes)) throw Error(ErrorCode::Corrupt, quoted(file) + " is not an ONNX model");
    bool pinned = false;
    for (auto* vi : {m.mutable_graph()->mutable_input(0), m.mutable_graph()->mutable_output(0)}) {
        auto* d = vi->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0);
        if (d->has_dim_value()) {
            batch = d->dim_value();
        } else {
            d->set_dim_value(batch);
            pinned = true;
        }
    }
    if (pinned) {
        note = "the dynamic batch axis was pinned to " + std::to_string(batch) +
               " in an in-memory copy (OpenCV 4.6 DNN runs static batch sizes only)";
        bytes.clear();
        m.SerializeToString(&bytes);
    }
#endif
    return bytes;
}

torch::Tensor runOpenCv(cv::dnn::Net& dnn, const torch::Tensor& images, std::int64_t batch) {
    const torch::Tensor x = images.to(torch::kFloat).contiguous();
    const std::int64_t n = x.size(0);
    std::vector<torch::Tensor> outs;
    for (std::int64_t i = 0; i < n; i += batch) {
        const std::int64_t take = std::min(batch, n - i);
        torch::Tensor chunk = torch::zeros({batch, x.size(1), x.size(2), x.size(3)});
        chunk.narrow(0, 0, take).copy_(x.narrow(0, i, take));
        const int sizes[4] = {static_cast<int>(batch), static_cast<int>(x.size(1)), static_cast<int>(x.size(2)),
                              static_cast<int>(x.size(3))};
        cv::Mat blob(4, sizes, CV_32F, chunk.data_ptr<float>());
        dnn.setInput(blob, "input");
        cv::Mat out = dnn.forward();
        torch::Tensor y = torch::from_blob(out.ptr<float>(), {batch, static_cast<std::int64_t>(out.total() / batch)},
                                           torch::kFloat).clone();
        outs.push_back(y.narrow(0, 0, take));
    }
    return torch::cat(outs);
}

}  // namespace

bool onnxVerificationAvailable() { return true; }

VerificationReport verifyOnnxAgainst(const std::filesystem::path& file, const torch::Tensor& images,
                                     const torch::Tensor& reference, double tolerance) {
    requireFile(file);
    const auto t0 = Clock::now();
    VerificationReport r;
    r.file = file.string();
    r.runtime = std::string("OpenCV ") + CV_VERSION + " DNN (readNetFromONNX)";
    r.tolerance = tolerance;
    std::int64_t batch = 1;
    try {
        const std::string bytes = staticBatchModel(file, batch, r.note);
        cv::dnn::Net dnn = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
        dnn.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        dnn.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        compareLogits(runOpenCv(dnn, images, batch), reference, r);
    } catch (const cv::Exception& e) {
        r.images = static_cast<int>(images.size(0));
        r.passed = false;
        r.note = "OpenCV could not run the file: " + firstLine(e.what());
    }
    r.seconds = secondsSince(t0);
    writeVerificationReport(r);
    return r;
}

#endif

// ---------------------------------------------------------------- TorchScript (torch::jit::load)

VerificationReport verifyTorchScriptAgainst(const std::filesystem::path& file, const torch::Tensor& images,
                                            const torch::Tensor& reference, double tolerance) {
    requireFile(file);
    const auto t0 = Clock::now();
    VerificationReport r;
    r.file = file.string();
    r.runtime = std::string("LibTorch ") + TORCH_VERSION + " torch::jit::load";
    r.tolerance = tolerance;
    try {
        torch::jit::Module m = torch::jit::load(file.string());
        m.eval();
        torch::NoGradGuard ng;
        compareLogits(m.forward({images.to(torch::kFloat)}).toTensor(), reference, r);
    } catch (const c10::Error& e) {
        r.images = static_cast<int>(images.size(0));
        r.passed = false;
        r.note = "torch::jit::load could not run the file: " + firstLine(e.what_without_backtrace());
    }
    r.seconds = secondsSince(t0);
    writeVerificationReport(r);
    return r;
}

VerificationReport verifyOnnx(const std::filesystem::path& file, supernet::StaticSubnetImpl& net,
                              const torch::Tensor& images, double tolerance) {
    if (onnxVerificationAvailable()) requireFile(file);
    return verifyOnnxAgainst(file, images, onnxVerificationAvailable() ? referenceLogits(net, images) : torch::Tensor(),
                             tolerance);
}

VerificationReport verifyTorchScript(const std::filesystem::path& file, supernet::StaticSubnetImpl& net,
                                     const torch::Tensor& images, double tolerance) {
    requireFile(file);
    return verifyTorchScriptAgainst(file, images, referenceLogits(net, images), tolerance);
}

}  // namespace nat::exporting
