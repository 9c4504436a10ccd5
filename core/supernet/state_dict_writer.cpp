#include <ATen/core/Dict.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <set>
#include <string_view>

#include "base/error.h"
#include "base/file_io.h"
#include "supernet/state_dict_reader.h"

namespace nat::supernet {

void writeStateDict(const std::filesystem::path& file, const StateDict& tensors) {
    // torch::pickle_save writes the zip format with a plain dict (insertion-ordered), which
    // Python's torch.load and readStateDict both read; an OrderedDict is not needed for loading.
    c10::Dict<std::string, at::Tensor> dict;
    std::set<std::string_view> seen;
    for (const auto& [name, tensor] : tensors) {
        if (!seen.insert(name).second)
            throw Error(ErrorCode::InvalidArgument, "cannot write " + quoted(file) + ": tensor name '" + name + "' appears twice");
        if (!tensor.defined())
            throw Error(ErrorCode::InvalidArgument, "cannot write " + quoted(file) + ": tensor '" + name + "' is undefined");
        dict.insert(name, tensor.detach().cpu().contiguous());
    }
    std::vector<char> bytes;
    try {
        bytes = torch::jit::pickle_save(c10::IValue(dict));
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Internal, "cannot serialise " + quoted(file) + ": " + e.what_without_backtrace());
    }
    writeFileAtomic(file, std::string_view(bytes.data(), bytes.size()));
}

}  // namespace nat::supernet
