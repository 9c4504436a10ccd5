#pragma once

// Optional JSON fields for readers of files that may be damaged (run folders, headers): the value
// when present and of the right type, `fallback` when absent (or `obj` is not an object), and
// Error(Parse) naming the field for a wrong type or an integer beyond int — like the require*
// functions of json_util.h. Use these instead of nlohmann's value(), which throws its own
// type_error and converts an out-of-range double to int with undefined behaviour.

#include <string>

#include "base/json_util.h"

namespace nat {

int optionalInt(const Json& obj, const std::string& key, int fallback, const std::string& context);
double optionalNumber(const Json& obj, const std::string& key, double fallback, const std::string& context);
std::string optionalString(const Json& obj, const std::string& key, const std::string& fallback,
                           const std::string& context);

}  // namespace nat
