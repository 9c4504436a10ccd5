#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// A strict reader for the subset of Python's pickle format that torch.save writes (protocols 2–5,
// binary opcodes only). It never executes anything: globals become inert values, and only the
// few torch functions that rebuild tensors are interpreted. LibTorch 1.13's own
// torch::jit::Unpickler is not used because it turns collections.OrderedDict into None, rejects
// torch._utils._rebuild_parameter, and cannot read the legacy (non-zip) storage layout; its
// global handling is private, so it cannot be extended from outside.
//
// Torch-free on purpose: tensors are described (storage, offset, sizes, strides) and turned into
// at::Tensor by state_dict_reader.cpp, so this file compiles in a second.

namespace nat::supernet::pickle {

enum class Kind {
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Set,
    Dict,
    Global,   ///< module.name of a GLOBAL/STACK_GLOBAL opcode
    Object,   ///< an instance of a class we do not interpret (argparse.Namespace, numpy scalar...)
    Storage,  ///< a torch storage named by a persistent id
    Tensor,   ///< the result of torch._utils._rebuild_tensor_v2 (or a Parameter around it)
};

/// Human name of a kind ("dict", "tensor", ...) for messages.
const char* kindName(Kind kind);

/// One storage of a torch.save file, as its persistent id names it.
struct StorageRef {
    std::string typeName;  ///< "FloatStorage", "HalfStorage", ...
    std::string key;       ///< zip: record data/<key>; legacy: key in the trailing storage list
    std::string location;  ///< "cpu", "cuda:0", ... (ignored: everything loads to the CPU)
    std::int64_t numel = 0;
    std::int64_t viewOffset = 0;  ///< legacy storage views (PyTorch < 0.4): offset into the root
};

struct TensorRef {
    const struct Value* storage = nullptr;  ///< a Kind::Storage value
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};

/// A value on the pickle stack. Owned by the Unpickler's arena and referenced by raw pointers, so
/// cyclic or deeply nested pickles neither leak nor overflow the stack when destroyed.
struct Value {
    Kind kind = Kind::None;
    std::int64_t integer = 0;  ///< Bool, Int (an Int over 64 bits has its little-endian bytes in text)
    double real = 0.0;         ///< Float
    std::string text;          ///< Str, Bytes; Global and Object: "module.name"
    std::vector<Value*> items;  ///< Tuple, List, Set; Dict: key, value, key, value, ...
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> dictIndex;  ///< Dict: str/bytes key → item index
    std::unique_ptr<StorageRef> storage;
    std::unique_ptr<TensorRef> tensor;

    bool isText() const { return kind == Kind::Str || kind == Kind::Bytes; }
    std::size_t dictSize() const { return items.size() / 2; }
    const Value* dictKey(std::size_t i) const { return items[2 * i]; }
    const Value* dictValue(std::size_t i) const { return items[2 * i + 1]; }
    /// The value under a string key of a Dict, or nullptr.
    const Value* find(const std::string& key) const;
};

/// Reads one or more consecutive pickles from a byte buffer (the legacy format holds five in a
/// row). All values live until the Unpickler is destroyed. Every size is checked against the
/// bytes that remain before anything is allocated; malformed input throws nat::Error(Corrupt),
/// valid pickle features outside the torch.save subset throw nat::Error(Unsupported).
class Unpickler {
public:
    /// `data` must outlive the Unpickler; `source` names the file (and part) in messages.
    Unpickler(std::string_view data, std::string source);
    /// A temporary string would be gone before load() reads it (ASan found one in a test).
    Unpickler(std::string&& data, std::string source) = delete;

    /// Parses the pickle that starts at position() and returns its result; position() then points
    /// just past its STOP opcode.
    const Value* load();

    std::size_t position() const { return m_pos; }

    /// Every Kind::Storage value created so far, in pickle order (duplicates included).
    const std::vector<const Value*>& storages() const { return m_storages; }

    /// Upper bounds that keep a corrupt file from using unbounded memory.
    static constexpr std::size_t kMaxValues = 4'000'000;
    static constexpr std::size_t kMaxStack = 1'000'000;

private:
    Value* make(Kind kind);
    [[noreturn]] void fail(const std::string& what) const;
    [[noreturn]] void unsupported(const std::string& what) const;

    std::uint64_t readUInt(std::size_t bytes);
    std::string_view readBytes(std::uint64_t count);
    std::string_view readLine();

    bool step();  // executes one opcode; false after STOP
    void push(Value* value);
    Value* pop();
    Value* top();
    std::vector<Value*> popMark();
    std::size_t markPosition();

    void opString(Kind kind, std::size_t lengthBytes);
    void opLong1();
    void opTuple(std::size_t count);
    void opGlobal(std::string module, std::string name);
    void opPersistentId();
    void opReduce(bool newObject);
    void opBuild();
    void opSetItems(Value* dict, const std::vector<Value*>& items);
    void opMemoGet(std::uint64_t index);
    void opMemoPut(std::uint64_t index);
    Value* call(const Value* callable, const Value* args);
    Value* rebuildTensor(const Value* args, bool v2);
    Value* storageFromId(const Value* pid);

    std::string_view m_data;
    std::string m_source;
    std::size_t m_pos = 0;
    std::size_t m_opPos = 0;
    std::deque<Value> m_arena;
    std::vector<Value*> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, Value*> m_memo;
    std::size_t m_memoPuts = 0;
    std::vector<const Value*> m_storages;
};

}  // namespace nat::supernet::pickle
