#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nat {

/// Whole-file reads; throw Error(Io) naming the path on failure.
std::string readTextFile(const std::filesystem::path& path);
std::vector<unsigned char> readBinaryFile(const std::filesystem::path& path);

/// Writes `data` so that readers see either the old file or the complete new one, never a part:
/// write a temporary file in the same folder, flush it to disk, then rename over the target.
/// On any failure (disk full, permissions) the temporary file is removed, the previous file is left
/// untouched and Error(Io) is thrown.
void writeFileAtomic(const std::filesystem::path& path, std::string_view data);

/// Appends one line (a '\n' is added) and flushes it to disk. Used for append-only journals;
/// readers tolerate a truncated last line (see readJournalLines).
void appendLine(const std::filesystem::path& path, std::string_view line);

/// Lines of an append-only journal. A last line without its terminating '\n' was cut by a crash and
/// is dropped; `truncatedTail` (if given) says whether that happened.
std::vector<std::string> readJournalLines(const std::filesystem::path& path, bool* truncatedTail = nullptr);

/// Path shown in messages: the generic string, quoted.
std::string quoted(const std::filesystem::path& path);

}  // namespace nat
