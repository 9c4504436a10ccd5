#include "base/json_util.h"

#include "base/error.h"
#include "base/file_io.h"

namespace nat {

Json parseJson(const std::string& text, const std::string& source) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        throw Error(ErrorCode::Parse, source + ": malformed JSON at byte " + std::to_string(e.byte));
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

int requireInt(const Json& obj, const std::string& key, const std::string& context) {
    const Json& v = requireField(obj, key, context);
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (d == static_cast<double>(static_cast<int>(d))) return static_cast<int>(d);
    }
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
        if (!v[i].is_number_integer())
            throw Error(ErrorCode::Parse, context + ": field '" + key + "' item " + std::to_string(i) +
                                              " must be an integer, got " + v[i].dump());
        out.push_back(v[i].get<int>());
    }
    return out;
}

}  // namespace nat
