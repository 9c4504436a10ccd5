#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nat::supernet {

/// The tensors of a checkpoint in file order (the order of the state_dict that was saved).
/// at::Tensor is torch::Tensor; this header stays off <torch/torch.h> to keep builds fast.
using StateDict = std::vector<std::pair<std::string, at::Tensor>>;

/// Reads the tensors of a file written by Python's torch.save, natively (no Python at run time):
/// the zip format (PyTorch >= 1.6) and the legacy format (PyTorch < 1.6, or
/// _use_new_zipfile_serialization=False), with dict or collections.OrderedDict state_dicts,
/// nn.Parameter values and shared or strided storages. Every tensor is returned as a contiguous
/// CPU tensor that owns its memory, with the dtype of its storage.
///
/// Which dict holds the tensors: with `entry` given, the top-level dict's value under that key
/// (e.g. "state_dict"); with `entry` empty, the dict of tensors under "state_dict", "model" or
/// "net", else the top-level dict itself if it holds tensors. Non-tensor values (epoch numbers,
/// optimizer state, argparse namespaces) are skipped.
///
/// Throws nat::Error: Io (missing or unreadable file), Corrupt (not a PyTorch file, truncated,
/// inconsistent sizes), Unsupported (valid but outside what is read: sparse or quantized tensors,
/// complex dtypes, big-endian files, pickle features torch.save does not use), InvalidArgument (no
/// dict of tensors found, or no such `entry`; the message lists the top-level keys).
/// Thread-safe: calls share no state. docs/checkpoints.md describes the formats and limits.
StateDict readStateDict(const std::filesystem::path& file, const std::string& entry = "");

/// Writes `tensors` as a zip-format torch.save file holding a plain dict (Python's torch.load reads
/// it, as does readStateDict). Written atomically. Throws Error(Io) on failure and
/// Error(InvalidArgument) for duplicate names.
void writeStateDict(const std::filesystem::path& file, const StateDict& tensors);

/// Maps the spellings that OFA checkpoints use for one tensor to one canonical key, so that old
/// and new checkpoints compare equal (NAT-REFERENCE.md §3). The canonical form is the *short* one:
/// every wrapper module is collapsed away, path segment by path segment:
///   segment `mobile_inverted_conv`            → `conv`      (old ResidualBlock child name)
///   segments `bn.bn`                           → `bn`        (DynamicBatchNorm2d around BatchNorm2d)
///   segments `linear.linear`                   → `linear`    (DynamicLinear around Linear)
///   trailing `conv.conv.weight` / `.bias`      → `conv.weight` / `conv.bias`  (DynamicConv2d and
///                                                  DynamicSeparableConv2d around Conv2d)
/// e.g. `blocks.5.mobile_inverted_conv.depth_conv.conv.conv.weight` and
/// `blocks.5.conv.depth_conv.conv.conv.weight` both become `blocks.5.conv.depth_conv.conv.weight`,
/// the spelling a static (extracted) layer has. Only the trailing pair of `conv` segments is
/// collapsed, so `blocks.5.conv.depth_conv.conv.7to5_matrix` keeps its path. Over the complete
/// OFA-MobileNetV3 key lists (old and new code) the mapping is injective per layout.
std::string canonicalOfaKey(std::string key);

}  // namespace nat::supernet
