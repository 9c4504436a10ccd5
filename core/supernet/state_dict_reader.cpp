#include "supernet/state_dict_reader.h"

#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <c10/util/Exception.h>
#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "base/error.h"
#include "base/file_io.h"
#include "supernet/pickle_reader.h"

namespace nat::supernet {

static_assert(std::endian::native == std::endian::little, "storages are read as little-endian bytes");

namespace {

using pickle::Kind;
using pickle::StorageRef;
using pickle::Value;

constexpr std::int64_t kMaxExpandedBytes = std::int64_t(64) << 20;  // bytes, for views wider than their storage

struct DtypeInfo {
    at::ScalarType type;
    std::int64_t size;
};

std::optional<DtypeInfo> dtypeOfStorage(const std::string& typeName) {
    static const std::map<std::string, DtypeInfo> kTypes = {
        {"FloatStorage", {at::kFloat, 4}}, {"DoubleStorage", {at::kDouble, 8}},
        {"HalfStorage", {at::kHalf, 2}},   {"BFloat16Storage", {at::kBFloat16, 2}},
        {"LongStorage", {at::kLong, 8}},   {"IntStorage", {at::kInt, 4}},
        {"ShortStorage", {at::kShort, 2}}, {"CharStorage", {at::kChar, 1}},
        {"ByteStorage", {at::kByte, 1}},   {"BoolStorage", {at::kBool, 1}},
    };
    auto it = kTypes.find(typeName);
    if (it == kTypes.end()) return std::nullopt;
    return it->second;
}

/// Raw bytes of one storage and whatever keeps them alive.
struct StorageBytes {
    std::shared_ptr<const void> owner;
    const std::uint8_t* data = nullptr;
    std::uint64_t size = 0;
};

/// Where storage bytes come from: zip records or the tail of a legacy file.
class StorageSource {
public:
    virtual ~StorageSource() = default;
    virtual StorageBytes bytes(const StorageRef& ref, std::int64_t elementSize) = 0;
};

DtypeInfo requireDtype(const StorageRef& ref, const std::string& file) {
    auto info = dtypeOfStorage(ref.typeName);
    if (!info)
        throw Error(ErrorCode::Unsupported, file + ": tensor storage type torch." + ref.typeName +
                                                " is not supported (float, double, half, bfloat16, int64/32/16/8, uint8, bool are)");
    return *info;
}

// Multiplication and addition that report overflow instead of wrapping: sizes come from the file.
bool mulAdd(std::int64_t a, std::int64_t b, std::int64_t& acc) {
    std::int64_t product = 0;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(acc, product, &acc);
}

bool isContiguous(const pickle::TensorRef& t) {
    std::int64_t expected = 1;
    for (std::size_t d = t.sizes.size(); d-- > 0;) {
        if (t.sizes[d] != 1 && t.strides[d] != expected) return false;
        expected *= t.sizes[d];
    }
    return true;
}

/// A contiguous, owning copy of the tensor a TensorRef describes, after checking that every
/// element it addresses lies inside its storage.
at::Tensor materialise(const std::string& name, const pickle::TensorRef& t, StorageSource& source, const std::string& file) {
    const StorageRef& ref = *t.storage->storage;
    DtypeInfo dtype = requireDtype(ref, file);
    auto bad = [&](const std::string& what) { return Error(ErrorCode::Corrupt, file + ": tensor '" + name + "': " + what); };
    if (t.offset < 0) throw bad("negative storage offset");
    std::int64_t numel = 1;
    for (std::size_t d = 0; d < t.sizes.size(); ++d) {
        if (t.sizes[d] < 0 || t.strides[d] < 0) throw bad("negative size or stride");
        if (__builtin_mul_overflow(numel, t.sizes[d], &numel)) throw bad("element count overflows");
    }
    std::int64_t last = 0;  // highest storage element the tensor addresses
    if (numel > 0) {
        if (__builtin_add_overflow(ref.viewOffset, t.offset, &last)) throw bad("storage offset overflows");
        for (std::size_t d = 0; d < t.sizes.size(); ++d)
            if (!mulAdd(t.sizes[d] - 1, t.strides[d], last)) throw bad("stride overflows");
        if (last >= ref.numel)
            throw bad("reads element " + std::to_string(last) + " of a storage of " + std::to_string(ref.numel));
    }
    // A view with zero or overlapping strides can describe far more elements than its storage
    // holds; copying it must not turn a small file into an unbounded allocation.
    if (numel > ref.numel && numel > kMaxExpandedBytes / dtype.size)
        throw Error(ErrorCode::Unsupported, file + ": tensor '" + name + "' repeats storage elements (stride 0) and would expand to " +
                                                std::to_string(numel) + " elements");
    auto options = at::TensorOptions().dtype(dtype.type);
    if (numel == 0) return at::empty(t.sizes, options);
    StorageBytes bytes = source.bytes(ref, dtype.size);
    if (static_cast<std::uint64_t>(last) >= bytes.size / static_cast<std::uint64_t>(dtype.size))
        throw bad("reads past the end of its storage data (" + std::to_string(bytes.size) + " bytes)");
    const std::uint8_t* base = bytes.data + (ref.viewOffset + t.offset) * dtype.size;
    if (isContiguous(t)) {
        // The common case (every OFA tensor): one memcpy, which also accepts the unaligned
        // storages of the legacy format.
        at::Tensor out = at::empty(t.sizes, options);
        std::memcpy(out.data_ptr(), base, static_cast<std::size_t>(numel * dtype.size));
        return out;
    }
    at::Tensor aligned;
    if (reinterpret_cast<std::uintptr_t>(base) % static_cast<std::uintptr_t>(dtype.size) != 0) {
        const std::size_t span = static_cast<std::size_t>((last - ref.viewOffset - t.offset + 1) * dtype.size);
        aligned = at::empty({static_cast<std::int64_t>(span)}, at::kByte);
        std::memcpy(aligned.data_ptr(), base, span);
        base = static_cast<const std::uint8_t*>(aligned.data_ptr());
    }
    // from_blob only views the bytes; clone makes the contiguous copy that outlives them.
    return at::from_blob(const_cast<std::uint8_t*>(base), t.sizes, t.strides, [](void*) {}, options).clone(at::MemoryFormat::Contiguous);
}

std::string describeKeys(const Value* dict) {
    std::string out;
    for (std::size_t i = 0; i < dict->dictSize() && i < 20; ++i) {
        const Value* key = dict->dictKey(i);
        out += (i ? ", " : "") + (key->isText() ? "'" + key->text + "'" : std::string(pickle::kindName(key->kind))) + " (" +
               pickle::kindName(dict->dictValue(i)->kind) + ")";
    }
    if (dict->dictSize() > 20) out += ", ... (" + std::to_string(dict->dictSize()) + " in all)";
    return out.empty() ? "none (empty dict)" : out;
}

bool holdsTensors(const Value* v) {
    if (v == nullptr || v->kind != Kind::Dict) return false;
    for (std::size_t i = 0; i < v->dictSize(); ++i)
        if (v->dictValue(i)->kind == Kind::Tensor) return true;
    return false;
}

/// The dict whose tensors are returned (see readStateDict's contract).
const Value* selectTensorDict(const Value* top, const std::string& entry, const std::string& file) {
    if (top->kind != Kind::Dict) {
        std::string what = top->kind == Kind::Object ? "a pickled " + top->text + " object" : std::string("a ") + pickle::kindName(top->kind);
        throw Error(ErrorCode::InvalidArgument,
                    file + ": no state_dict found: the file holds " + what + ", not a dict of tensors (save model.state_dict() instead)");
    }
    if (!entry.empty()) {
        const Value* v = top->find(entry);
        if (v == nullptr)
            throw Error(ErrorCode::InvalidArgument, file + ": no entry '" + entry + "'; top-level keys are: " + describeKeys(top));
        if (!holdsTensors(v))
            throw Error(ErrorCode::InvalidArgument, file + ": entry '" + entry + "' is a " + pickle::kindName(v->kind) + " without tensors, not a state_dict");
        return v;
    }
    for (const char* name : {"state_dict", "model", "net"}) {
        const Value* v = top->find(name);
        if (holdsTensors(v)) return v;
    }
    if (holdsTensors(top)) return top;
    throw Error(ErrorCode::InvalidArgument, file + ": no state_dict found; top-level keys are: " + describeKeys(top));
}

StateDict collectTensors(const Value* top, const std::string& entry, StorageSource& source, const std::string& file) {
    const Value* dict = selectTensorDict(top, entry, file);
    StateDict out;
    out.reserve(dict->dictSize());
    for (std::size_t i = 0; i < dict->dictSize(); ++i) {
        const Value* value = dict->dictValue(i);
        if (value->kind != Kind::Tensor) continue;
        const Value* key = dict->dictKey(i);
        if (!key->isText()) throw Error(ErrorCode::Corrupt, file + ": a state_dict key is a " + pickle::kindName(key->kind) + ", not a string");
        out.emplace_back(key->text, materialise(key->text, *value->tensor, source, file));
    }
    return out;
}

// ---- zip format (PyTorch >= 1.6) ---------------------------------------------------------------

class ZipStorageSource : public StorageSource {
public:
    ZipStorageSource(caffe2::serialize::PyTorchStreamReader& reader, std::uint64_t fileSize, std::string file)
        : m_reader(reader), m_fileSize(fileSize), m_file(std::move(file)) {}

    StorageBytes bytes(const StorageRef& ref, std::int64_t elementSize) override {
        auto it = m_cache.find(ref.key);
        if (it != m_cache.end()) return it->second;
        std::string record = "data/" + ref.key;
        std::int64_t need = 0;
        if (!mulAdd(ref.numel, elementSize, need) || static_cast<std::uint64_t>(need) > m_fileSize)
            throw Error(ErrorCode::Corrupt, m_file + ": storage " + ref.key + " claims " + std::to_string(ref.numel) + " elements, more than the file holds");
        if (!m_reader.hasRecord(record)) throw Error(ErrorCode::Corrupt, m_file + ": storage record " + record + " is missing");
        auto [dataPtr, size] = m_reader.getRecord(record);
        if (size < static_cast<std::uint64_t>(need))
            throw Error(ErrorCode::Corrupt, m_file + ": storage record " + record + " has " + std::to_string(size) + " bytes, " + std::to_string(need) + " expected");
        auto owner = std::make_shared<at::DataPtr>(std::move(dataPtr));
        StorageBytes bytes{owner, static_cast<const std::uint8_t*>(owner->get()), size};
        m_cache.emplace(ref.key, bytes);
        return bytes;
    }

private:
    caffe2::serialize::PyTorchStreamReader& m_reader;
    std::uint64_t m_fileSize;
    std::string m_file;
    std::map<std::string, StorageBytes> m_cache;
};

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

StateDict readZip(const std::filesystem::path& path, const std::string& entry, const std::string& file) {
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    try {
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path.string());
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, file + ": not a readable PyTorch zip archive (truncated or damaged?): " + firstLine(e.what_without_backtrace()));
    }
    try {
        if (!reader->hasRecord("data.pkl")) {
            std::string hint = reader->hasRecord("constants.pkl") ? " (a TorchScript module?)" : "";
            throw Error(ErrorCode::Corrupt, file + ": zip archive without data.pkl" + hint + ", not a torch.save file");
        }
        if (reader->hasRecord("byteorder")) {
            auto [ptr, size] = reader->getRecord("byteorder");
            if (std::string(static_cast<const char*>(ptr.get()), size) != "little")
                throw Error(ErrorCode::Unsupported, file + ": big-endian checkpoints are not supported");
        }
        auto [pklPtr, pklSize] = reader->getRecord("data.pkl");
        pickle::Unpickler unpickler(std::string_view(static_cast<const char*>(pklPtr.get()), pklSize), file + " (data.pkl)");
        const Value* top = unpickler.load();
        ZipStorageSource source(*reader, std::filesystem::file_size(path), file);
        return collectTensors(top, entry, source, file);
    } catch (const c10::Error& e) {
        throw Error(ErrorCode::Corrupt, file + ": damaged zip archive: " + firstLine(e.what_without_backtrace()));
    }
}

// ---- legacy format (PyTorch < 1.6, or _use_new_zipfile_serialization=False) -----------------------
// Five pickles in a row (magic number, protocol version, sys_info, the object, the sorted list of
// storage keys), then for each key an int64 element count and the raw little-endian data
// (torch/serialization.py, _legacy_save / _legacy_load).

constexpr unsigned char kLegacyMagic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};  // 0x1950a86a20f9469cfc6c
constexpr std::int64_t kLegacyProtocol = 1001;

class LegacyStorageSource : public StorageSource {
public:
    LegacyStorageSource(std::shared_ptr<const std::string> file, std::map<std::string, StorageBytes> storages)
        : m_file(std::move(file)), m_storages(std::move(storages)) {}

    StorageBytes bytes(const StorageRef& ref, std::int64_t) override { return m_storages.at(ref.key); }  // all located before

private:
    std::shared_ptr<const std::string> m_file;  // owns the bytes m_storages points into
    std::map<std::string, StorageBytes> m_storages;
};

void checkLegacyHeader(pickle::Unpickler& unpickler, const std::string& file) {
    const Value* magic = unpickler.load();
    if (magic->kind != Kind::Int || magic->text != std::string(std::begin(kLegacyMagic), std::end(kLegacyMagic)))
        throw Error(ErrorCode::Corrupt, file + ": not a PyTorch checkpoint (a pickle without torch.save's magic number)");
    const Value* protocol = unpickler.load();
    if (protocol->kind != Kind::Int || protocol->integer != kLegacyProtocol)
        throw Error(ErrorCode::Unsupported, file + ": legacy torch.save protocol " + std::to_string(protocol->integer) + " (1001 is read)");
    const Value* sysInfo = unpickler.load();
    const Value* little = sysInfo->find("little_endian");
    if (little != nullptr && little->kind == Kind::Bool && little->integer == 0)
        throw Error(ErrorCode::Unsupported, file + ": big-endian checkpoints are not supported");
}

/// Locates each storage's bytes after the pickles, checking counts against the pickle's.
std::map<std::string, StorageBytes> locateLegacyStorages(pickle::Unpickler& unpickler, const std::string& data,
                                                        const std::string& file) {
    std::map<std::string, const StorageRef*> refs;
    for (const Value* s : unpickler.storages()) {
        auto [it, inserted] = refs.emplace(s->storage->key, s->storage.get());
        if (!inserted && it->second->typeName != s->storage->typeName)
            throw Error(ErrorCode::Corrupt, file + ": storage " + s->storage->key + " is used with two types");
    }
    const Value* keys = unpickler.load();
    if (keys->kind != Kind::List) throw Error(ErrorCode::Corrupt, file + ": the storage key list is a " + std::string(pickle::kindName(keys->kind)));
    std::map<std::string, StorageBytes> located;
    std::uint64_t pos = unpickler.position();
    for (const Value* key : keys->items) {
        auto it = key->isText() ? refs.find(key->text) : refs.end();
        if (it == refs.end()) throw Error(ErrorCode::Corrupt, file + ": storage list names a storage the object does not use");
        auto info = dtypeOfStorage(it->second->typeName);
        std::int64_t elementSize = info ? info->size : 1;  // unknown types fail later, if a returned tensor uses them
        if (data.size() - pos < 8) throw Error(ErrorCode::Corrupt, file + ": truncated before storage " + key->text);
        std::int64_t count = 0;
        std::memcpy(&count, data.data() + pos, 8);
        pos += 8;
        std::int64_t nbytes = 0;
        if (count != it->second->numel || !mulAdd(count, elementSize, nbytes) || static_cast<std::uint64_t>(nbytes) > data.size() - pos)
            throw Error(ErrorCode::Corrupt, file + ": storage " + key->text + " is truncated or its size (" + std::to_string(count) +
                                                " elements) disagrees with the pickle (" + std::to_string(it->second->numel) + ")");
        located[key->text] = StorageBytes{nullptr, reinterpret_cast<const std::uint8_t*>(data.data()) + pos, static_cast<std::uint64_t>(nbytes)};
        pos += static_cast<std::uint64_t>(nbytes);
    }
    for (const auto& [key, ref] : refs)
        if (!located.count(key)) throw Error(ErrorCode::Corrupt, file + ": storage " + key + " has no data");
    return located;
}

/// One read into a buffer of the right size (base::readBinaryFile copies three times, which costs
/// a third of the time on a 30 MB checkpoint).
std::string readWholeFile(const std::filesystem::path& path, const std::string& file) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw Error(ErrorCode::Io, "cannot open checkpoint " + file);
    std::string data(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(data.data(), static_cast<std::streamsize>(data.size()))) throw Error(ErrorCode::Io, "cannot read checkpoint " + file);
    return data;
}

StateDict readLegacy(const std::filesystem::path& path, const std::string& entry, const std::string& file) {
    auto data = std::make_shared<const std::string>(readWholeFile(path, file));
    pickle::Unpickler unpickler(*data, file);
    checkLegacyHeader(unpickler, file);
    const Value* top = unpickler.load();
    LegacyStorageSource source(data, locateLegacyStorages(unpickler, *data, file));
    return collectTensors(top, entry, source, file);
}

}  // namespace

StateDict readStateDict(const std::filesystem::path& file, const std::string& entry) {
    const std::string name = quoted(file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorCode::Io, "cannot read checkpoint " + name + (std::filesystem::exists(file, ec) ? ": not a regular file" : ": no such file"));
    unsigned char head[512] = {};
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::Io, "cannot open checkpoint " + name);
    in.read(reinterpret_cast<char*>(head), sizeof head);
    const auto got = static_cast<std::size_t>(in.gcount());
    in.close();
    if (got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return readZip(file, entry, name);
    if (got >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5) return readLegacy(file, entry, name);
    if (got >= 262 && std::memcmp(head + 257, "ustar", 5) == 0)
        throw Error(ErrorCode::Unsupported, name + ": tar-format checkpoint (PyTorch < 0.4) is not supported; re-save it with a newer PyTorch");
    throw Error(ErrorCode::Corrupt, name + ": not a PyTorch checkpoint (neither a torch.save zip archive nor a legacy pickle; " +
                                        std::to_string(got) + " bytes read)");
}

}  // namespace nat::supernet
