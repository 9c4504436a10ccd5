#pragma once

#include <nlohmann/json.hpp>
#include <filesystem>
#include <string>

namespace nat {

using Json = nlohmann::json;

/// Parses JSON text; a syntax error becomes Error(Parse) naming `source` and the byte offset.
Json parseJson(const std::string& text, const std::string& source);
Json readJsonFile(const std::filesystem::path& path);
/// Pretty-printed (2 spaces), written atomically.
void writeJsonAtomic(const std::filesystem::path& path, const Json& value);

/// Typed field access with messages that name the field: "net.subnet: field 'd' is missing".
const Json& requireField(const Json& obj, const std::string& key, const std::string& context);
int requireInt(const Json& obj, const std::string& key, const std::string& context);
double requireNumber(const Json& obj, const std::string& key, const std::string& context);
std::string requireString(const Json& obj, const std::string& key, const std::string& context);
std::vector<int> requireIntArray(const Json& obj, const std::string& key, const std::string& context);

}  // namespace nat
