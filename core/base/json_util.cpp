#include "base/json_util.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "base/error.h"
#include "base/file_io.h"
#include "base/json_optional.h"

namespace nat {

Json parseJson(const std::string& text, const std::string& source) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        throw Error(ErrorCode::Parse, source + ": malformed JSON at byte " + std::to_string(e.byte));
    } catch (const Json::out_of_range&) {
        // nlohmann reports a number beyond double's range (1e400) as out_of_range, not parse_error.
        throw Error(ErrorCode::Parse, source + ": malformed JSON: a number is out of range");
    }
}

Json readJsonFile(const std::filesystem::path& path) { return parseJson(readTextFile(path), quoted(path)); }

void writeJsonAtomic(const std::filesystem::path& path, const Json& value) {
    writeFileAtomic(path, value.dump(2) + "\n");
}

const Json& requireField(const Json& obj, const std::string& key, const std::string& context) {
    if (!obj.is_object()) throw Error(ErrorCode::Parse, context + ": expected a JSON object");
    const auto it = obj.find(key);
    if (it == obj.end()) throw Error(ErrorCode::Parse, context + ": field '" + key + "' is missing");
    return *it;
}

namespace {

// An integer JSON value that fits an int (also a float with an integral value, e.g. 224.0).
// Out-of-range values are refused rather than truncated (4294967520 must not read as 224) or cast
// (a double beyond int's range converts with undefined behaviour).
std::optional<int> asInt(const Json& v) {
    constexpr auto lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(hi)) return static_cast<int>(u);
    } else if (v.is_number_integer()) {
        const auto i = v.get<std::int64_t>();
        if (i >= lo && i <= hi) return static_cast<int>(i);
    } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (d >= lo && d <= hi && d == std::trunc(d)) return static_cast<int>(d);
    }
    return std::nullopt;
}

}  // namespace

int requireInt(const Json& obj, const std::string& key, const std::string& context) {
    const Json& v = requireField(obj, key, context);
    if (const auto i = asInt(v)) return *i;
    throw Error(ErrorCode::Parse, context + ": field '" + key + "' must be an integer, got " + v.dump());
}

double requireNumber(const Json& obj, const std::string& key, const std::string& context) {
    const Json& v = requireField(obj, key, context);
    if (!v.is_number()) throw Error(ErrorCode::Parse, context + ": field '" + key + "' must be a number, got " + v.dump());
    return v.get<double>();
}

std::string requireString(const Json& obj, const std::string& key, const std::string& context) {
    const Json& v = requireField(obj, key, context);
    if (!v.is_string()) throw Error(ErrorCode::Parse, context + ": field '" + key + "' must be a string, got " + v.dump());
    return v.get<std::string>();
}

std::vector<int> requireIntArray(const Json& obj, const std::string& key, const std::string& context) {
    const Json& v = requireField(obj, key, context);
    if (!v.is_array())
        throw Error(ErrorCode::Parse, context + ": field '" + key + "' must be a list of integers, got " + v.dump());
    std::vector<int> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto item = v[i].is_number_integer() ? asInt(v[i]) : std::nullopt;
        if (!item)
            throw Error(ErrorCode::Parse, context + ": field '" + key + "' item " + std::to_string(i) +
                                              " must be an integer, got " + v[i].dump());
        out.push_back(*item);
    }
    return out;
}

int optionalInt(const Json& obj, const std::string& key, int fallback, const std::string& context) {
    return obj.is_object() && obj.contains(key) ? requireInt(obj, key, context) : fallback;
}

double optionalNumber(const Json& obj, const std::string& key, double fallback, const std::string& context) {
    return obj.is_object() && obj.contains(key) ? requireNumber(obj, key, context) : fallback;
}

std::string optionalString(const Json& obj, const std::string& key, const std::string& fallback,
                           const std::string& context) {
    return obj.is_object() && obj.contains(key) ? requireString(obj, key, context) : fallback;
}

}  // namespace nat
