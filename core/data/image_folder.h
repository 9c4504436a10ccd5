#pragma once

// Internal to core/data: file-system checks for image folders that need no OpenCV.

#include <filesystem>
#include <span>
#include <cstdint>
#include <utility>
#include <optional>
#include <string>

namespace nat::data::detail {

/// .jpg .jpeg .png .bmp .webp, any case.
bool hasImageExtension(const std::filesystem::path& file);
/// Whether the bytes start with the signature of JPEG, PNG, BMP or WebP. Only such files reach
/// OpenCV: cv::imdecode picks its decoder by content, not by name, and some of Debian's decoders
/// abort the process on damaged input (the GDCM/DICOM reader asserts on a file with "DICM" at
/// byte 128, found by fuzzing).
bool hasImageSignature(std::span<const unsigned char> bytes);

/// Width and height an image file declares in its header (PNG IHDR, BMP info header, JPEG SOF
/// marker, WebP VP8/VP8L/VP8X), read before anything is decoded; nullopt when the header does not
/// say (or is cut short). Used to refuse absurd sizes before the decoder allocates them.
std::optional<std::pair<std::int64_t, std::int64_t>> declaredImageSize(std::span<const unsigned char> bytes);

/// Largest image decoded, in pixels (about 8,200 × 8,200): a classification dataset has no use for
/// more, and a damaged header can claim billions.
inline constexpr std::int64_t kMaxImagePixels = std::int64_t{1} << 26;
/// A folder with at least one sub-folder holding an image file, or a train/ tree like that.
bool looksLikeImageFolder(const std::filesystem::path& dir);
/// The last component of a folder path, also when it ends with a separator.
std::string folderName(const std::filesystem::path& dir);

}  // namespace nat::data::detail
