#pragma once

// Internal to core/data: file-system checks for image folders that need no OpenCV.

#include <filesystem>
#include <string>

namespace nat::data::detail {

/// .jpg .jpeg .png .bmp .webp, any case.
bool hasImageExtension(const std::filesystem::path& file);
/// A folder with at least one sub-folder holding an image file, or a train/ tree like that.
bool looksLikeImageFolder(const std::filesystem::path& dir);
/// The last component of a folder path, also when it ends with a separator.
std::string folderName(const std::filesystem::path& dir);

}  // namespace nat::data::detail
