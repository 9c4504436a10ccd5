#include "supernet/pickle_reader.h"

#include <cstring>
#include <sstream>

#include "base/error.h"

namespace nat::supernet::pickle {

namespace {

// Opcode bytes of Python's pickle protocol (Lib/pickletools.py lists them all).
enum Op : unsigned char {
    kMark = '(', kStop = '.', kPop = '0', kPopMark = '1', kDup = '2', kBinInt = 'J', kBinInt1 = 'K',
    kBinInt2 = 'M', kNone = 'N', kBinPersId = 'Q', kReduce = 'R', kBinString = 'T',
    kShortBinString = 'U', kBinUnicode = 'X', kAppend = 'a', kBuild = 'b', kGlobal = 'c',
    kDict = 'd', kEmptyDict = '}', kAppends = 'e', kBinGet = 'h', kLongBinGet = 'j', kList = 'l',
    kEmptyList = ']', kBinPut = 'q', kLongBinPut = 'r', kSetItem = 's', kTuple = 't',
    kEmptyTuple = ')', kSetItems = 'u', kBinFloat = 'G', kBinBytes = 'B', kShortBinBytes = 'C',
    kProto = 0x80, kNewObj = 0x81, kTuple1 = 0x85, kTuple2 = 0x86, kTuple3 = 0x87,
    kNewTrue = 0x88, kNewFalse = 0x89, kLong1 = 0x8a, kShortBinUnicode = 0x8c,
    kBinUnicode8 = 0x8d, kBinBytes8 = 0x8e, kEmptySet = 0x8f, kAddItems = 0x90,
    kFrozenSet = 0x91, kNewObjEx = 0x92, kStackGlobal = 0x93, kMemoize = 0x94, kFrame = 0x95,
};

// Valid pickle opcodes this reader does not implement (text protocol 0, extension registry,
// out-of-band buffers, unbounded integers): named in the error so a user can report it.
const char* unsupportedOpName(unsigned char op) {
    switch (op) {
    case 'I': return "INT";
    case 'L': return "LONG";
    case 'F': return "FLOAT";
    case 'S': return "STRING";
    case 'V': return "UNICODE";
    case 'P': return "PERSID";
    case 'g': return "GET";
    case 'p': return "PUT";
    case 'i': return "INST";
    case 'o': return "OBJ";
    case 0x82: return "EXT1";
    case 0x83: return "EXT2";
    case 0x84: return "EXT4";
    case 0x8b: return "LONG4";
    case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";
    case 0x98: return "READONLY_BUFFER";
    default: return nullptr;
    }
}

std::string hexByte(unsigned char b) {
    static const char* kDigits = "0123456789abcdef";
    return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

}  // namespace

const char* kindName(Kind kind) {
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Str: return "str";
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Set: return "set";
    case Kind::Dict: return "dict";
    case Kind::Global: return "class";
    case Kind::Object: return "object";
    case Kind::Storage: return "storage";
    case Kind::Tensor: return "tensor";
    }
    return "?";
}

const Value* Value::find(const std::string& key) const {
    if (kind != Kind::Dict || !dictIndex) return nullptr;
    auto it = dictIndex->find(key);
    return it == dictIndex->end() ? nullptr : items[it->second + 1];
}

Unpickler::Unpickler(std::string_view data, std::string source) : m_data(data), m_source(std::move(source)) {}

void Unpickler::fail(const std::string& what) const {
    throw Error(ErrorCode::Corrupt, m_source + ": corrupt pickle at byte " + std::to_string(m_opPos) + ": " + what);
}

void Unpickler::unsupported(const std::string& what) const {
    throw Error(ErrorCode::Unsupported, m_source + ": unsupported pickle content at byte " + std::to_string(m_opPos) + ": " + what);
}

Value* Unpickler::make(Kind kind) {
    if (m_arena.size() + m_memoPuts >= kMaxValues)
        unsupported("more than " + std::to_string(kMaxValues) + " pickled objects");
    Value& v = m_arena.emplace_back();
    v.kind = kind;
    return &v;
}

std::uint64_t Unpickler::readUInt(std::size_t bytes) {
    std::string_view raw = readBytes(bytes);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i) value |= std::uint64_t(static_cast<unsigned char>(raw[i])) << (8 * i);
    return value;
}

std::string_view Unpickler::readBytes(std::uint64_t count) {
    if (count > m_data.size() - m_pos)
        fail("needs " + std::to_string(count) + " bytes but only " + std::to_string(m_data.size() - m_pos) + " remain (truncated file?)");
    std::string_view out = m_data.substr(m_pos, count);
    m_pos += count;
    return out;
}

std::string_view Unpickler::readLine() {
    std::size_t end = m_data.find('\n', m_pos);
    if (end == std::string_view::npos || end - m_pos > 1000) fail("unterminated GLOBAL name");
    std::string_view line = m_data.substr(m_pos, end - m_pos);
    m_pos = end + 1;
    return line;
}

void Unpickler::push(Value* value) {
    if (m_stack.size() >= kMaxStack) unsupported("pickle stack deeper than " + std::to_string(kMaxStack));
    m_stack.push_back(value);
}

Value* Unpickler::pop() {
    std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor) fail("stack underflow");
    Value* v = m_stack.back();
    m_stack.pop_back();
    return v;
}

Value* Unpickler::top() {
    std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor) fail("stack underflow");
    return m_stack.back();
}

std::size_t Unpickler::markPosition() {
    if (m_marks.empty()) fail("no MARK on the stack");
    std::size_t mark = m_marks.back();
    m_marks.pop_back();
    return mark;
}

std::vector<Value*> Unpickler::popMark() {
    std::size_t mark = markPosition();
    std::vector<Value*> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
    m_stack.resize(mark);
    return items;
}

const Value* Unpickler::load() {
    m_stack.clear();
    m_marks.clear();
    m_memo.clear();
    while (step()) {
    }
    if (m_stack.size() != 1 || !m_marks.empty()) fail("STOP with " + std::to_string(m_stack.size()) + " values on the stack");
    return m_stack.back();
}

bool Unpickler::step() {
    m_opPos = m_pos;
    if (m_pos >= m_data.size()) fail("ends before STOP (truncated file?)");
    auto op = static_cast<unsigned char>(m_data[m_pos++]);
    switch (op) {
    case kStop: return false;
    case kProto: {
        auto version = readUInt(1);
        if (version < 2 || version > 5) unsupported("pickle protocol " + std::to_string(version) + " (2 to 5 are read)");
        return true;
    }
    case kFrame: {
        auto length = readUInt(8);
        if (length > m_data.size() - m_pos) fail("FRAME longer than the data");
        return true;  // frames only group opcodes; the whole pickle is in memory already
    }
    case kMark: m_marks.push_back(m_stack.size()); return true;
    case kPop: pop(); return true;
    case kPopMark: popMark(); return true;
    case kDup: push(top()); return true;
    case kNone: push(make(Kind::None)); return true;
    case kNewTrue:
    case kNewFalse: {
        Value* v = make(Kind::Bool);
        v->integer = op == kNewTrue;
        push(v);
        return true;
    }
    case kBinInt: {
        Value* v = make(Kind::Int);
        v->integer = static_cast<std::int32_t>(readUInt(4));
        push(v);
        return true;
    }
    case kBinInt1:
    case kBinInt2: {
        Value* v = make(Kind::Int);
        v->integer = static_cast<std::int64_t>(readUInt(op == kBinInt1 ? 1 : 2));
        push(v);
        return true;
    }
    case kLong1: opLong1(); return true;
    case kBinFloat: {
        std::uint64_t bits = 0;
        for (char c : readBytes(8)) bits = (bits << 8) | static_cast<unsigned char>(c);  // big-endian
        Value* v = make(Kind::Float);
        std::memcpy(&v->real, &bits, sizeof bits);
        push(v);
        return true;
    }
    case kShortBinUnicode: opString(Kind::Str, 1); return true;
    case kBinUnicode: opString(Kind::Str, 4); return true;
    case kBinUnicode8: opString(Kind::Str, 8); return true;
    case kShortBinString: opString(Kind::Bytes, 1); return true;
    case kBinString: opString(Kind::Bytes, 4); return true;
    case kShortBinBytes: opString(Kind::Bytes, 1); return true;
    case kBinBytes: opString(Kind::Bytes, 4); return true;
    case kBinBytes8: opString(Kind::Bytes, 8); return true;
    case kEmptyTuple: opTuple(0); return true;
    case kTuple1: opTuple(1); return true;
    case kTuple2: opTuple(2); return true;
    case kTuple3: opTuple(3); return true;
    case kTuple: {
        Value* v = make(Kind::Tuple);
        v->items = popMark();
        push(v);
        return true;
    }
    case kEmptyList: push(make(Kind::List)); return true;
    case kList: {
        Value* v = make(Kind::List);
        v->items = popMark();
        push(v);
        return true;
    }
    case kEmptySet: push(make(Kind::Set)); return true;
    case kFrozenSet: {
        Value* v = make(Kind::Set);
        v->items = popMark();
        push(v);
        return true;
    }
    case kAppend: {
        Value* item = pop();
        Value* list = top();
        if (list->kind != Kind::List) fail(std::string("APPEND to a ") + kindName(list->kind));
        list->items.push_back(item);
        return true;
    }
    case kAppends:
    case kAddItems: {
        std::vector<Value*> items = popMark();
        Value* target = top();
        if (target->kind != (op == kAppends ? Kind::List : Kind::Set)) fail(std::string("APPENDS/ADDITEMS to a ") + kindName(target->kind));
        target->items.insert(target->items.end(), items.begin(), items.end());
        return true;
    }
    case kEmptyDict: {
        Value* v = make(Kind::Dict);
        v->dictIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        push(v);
        return true;
    }
    case kDict: {
        std::vector<Value*> items = popMark();
        Value* v = make(Kind::Dict);
        v->dictIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        push(v);
        opSetItems(v, items);
        return true;
    }
    case kSetItem: {
        Value* value = pop();
        Value* key = pop();
        opSetItems(top(), {key, value});
        return true;
    }
    case kSetItems: {
        std::vector<Value*> items = popMark();
        opSetItems(top(), items);
        return true;
    }
    case kBinGet: opMemoGet(readUInt(1)); return true;
    case kLongBinGet: opMemoGet(readUInt(4)); return true;
    case kBinPut: opMemoPut(readUInt(1)); return true;
    case kLongBinPut: opMemoPut(readUInt(4)); return true;
    case kMemoize: opMemoPut(m_memo.size()); return true;
    case kGlobal: {
        std::string module(readLine());
        std::string name(readLine());
        opGlobal(std::move(module), std::move(name));
        return true;
    }
    case kStackGlobal: {
        Value* name = pop();
        Value* module = pop();
        if (name->kind != Kind::Str || module->kind != Kind::Str) fail("STACK_GLOBAL needs two strings");
        opGlobal(module->text, name->text);
        return true;
    }
    case kBinPersId: opPersistentId(); return true;
    case kReduce: opReduce(false); return true;
    case kNewObj: opReduce(true); return true;
    case kNewObjEx: {
        pop();  // keyword arguments: irrelevant for the inert objects NEWOBJ_EX can create here
        opReduce(true);
        return true;
    }
    case kBuild: opBuild(); return true;
    default: break;
    }
    if (const char* name = unsupportedOpName(op)) unsupported(std::string("opcode ") + name + " (" + hexByte(op) + ")");
    fail("invalid opcode " + hexByte(op) + " (not a pickle, or a damaged one)");
}

void Unpickler::opString(Kind kind, std::size_t lengthBytes) {
    std::uint64_t length = readUInt(lengthBytes);
    std::string_view raw = readBytes(length);
    Value* v = make(kind);
    v->text.assign(raw.data(), raw.size());
    push(v);
}

void Unpickler::opLong1() {
    std::uint64_t count = readUInt(1);
    if (count > 8) {
        // Larger integers only appear as the legacy format's magic number: kept as raw bytes.
        Value* big = make(Kind::Int);
        big->text = std::string(readBytes(count));
        push(big);
        return;
    }
    std::uint64_t raw = count ? readUInt(count) : 0;
    if (count > 0 && count < 8 && (raw >> (8 * count - 1)) & 1) raw |= ~std::uint64_t(0) << (8 * count);  // sign-extend
    Value* v = make(Kind::Int);
    v->integer = static_cast<std::int64_t>(raw);
    push(v);
}

void Unpickler::opTuple(std::size_t count) {
    std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() < floor + count) fail("stack underflow in TUPLE" + std::to_string(count));
    Value* v = make(Kind::Tuple);
    v->items.assign(m_stack.end() - static_cast<std::ptrdiff_t>(count), m_stack.end());
    m_stack.resize(m_stack.size() - count);
    push(v);
}

void Unpickler::opMemoGet(std::uint64_t index) {
    auto it = m_memo.find(index);
    if (it == m_memo.end()) fail("memo key " + std::to_string(index) + " was never stored");
    push(it->second);
}

void Unpickler::opMemoPut(std::uint64_t index) {
    ++m_memoPuts;
    m_memo[index] = top();
}

void Unpickler::opGlobal(std::string module, std::string name) {
    Value* v = make(Kind::Global);
    v->text = module + "." + name;
    push(v);
}

void Unpickler::opSetItems(Value* dict, const std::vector<Value*>& items) {
    if (dict->kind != Kind::Dict) fail(std::string("SETITEM on a ") + kindName(dict->kind));
    if (items.size() % 2 != 0) fail("SETITEMS with an odd number of values");
    for (std::size_t i = 0; i < items.size(); i += 2) {
        Value* key = items[i];
        if (key->isText()) {  // Bytes too: Python 2 era files pickle str keys as BINSTRING
            // Python semantics: a repeated key replaces the value but keeps the first position.
            auto [it, inserted] = dict->dictIndex->emplace(key->text, dict->items.size());
            if (!inserted) {
                dict->items[it->second + 1] = items[i + 1];
                continue;
            }
        }
        dict->items.push_back(key);
        dict->items.push_back(items[i + 1]);
    }
}

void Unpickler::opBuild() {
    pop();  // the state: instance attributes (e.g. a state_dict's _metadata), never needed here
    Value* target = top();
    if (target->kind != Kind::Dict && target->kind != Kind::Object && target->kind != Kind::Tensor)
        fail(std::string("BUILD on a ") + kindName(target->kind));
}

void Unpickler::opPersistentId() {
    Value* pid = pop();
    if (pid->kind != Kind::Tuple || pid->items.empty() || !pid->items[0]->isText())
        fail("persistent id is not a ('storage', ...) tuple");
    const std::string& tag = pid->items[0]->text;
    if (tag == "storage") {
        push(storageFromId(pid));
    } else if (tag == "module") {
        // legacy saves of whole nn.Modules name the module class here: keep it inert
        Value* v = make(Kind::Object);
        v->text = pid->items.size() > 1 ? pid->items[1]->text : "module";
        push(v);
    } else {
        unsupported("persistent id of type '" + tag + "'");
    }
}

Value* Unpickler::storageFromId(const Value* pid) {
    // zip: ('storage', type, key, location, numel); legacy adds view metadata (None or a tuple)
    const auto& f = pid->items;
    if (f.size() != 5 && f.size() != 6) fail("storage id with " + std::to_string(f.size()) + " fields");
    if (f[1]->kind != Kind::Global || !f[2]->isText() || !f[3]->isText() || f[4]->kind != Kind::Int)
        fail("malformed storage id");
    auto ref = std::make_unique<StorageRef>();
    const std::string& type = f[1]->text;
    ref->typeName = type.rfind("torch.", 0) == 0 ? type.substr(6) : type;
    ref->key = f[2]->text;
    ref->location = f[3]->text;
    ref->numel = f[4]->integer;
    if (ref->numel < 0) fail("negative storage size");
    if (f.size() == 6 && f[5]->kind != Kind::None) {
        const Value* view = f[5];
        if (view->kind != Kind::Tuple || view->items.size() != 3 || view->items[1]->kind != Kind::Int || view->items[2]->kind != Kind::Int)
            fail("malformed storage view metadata");
        // Pre-0.4 storage views: the tensor reads the root storage from this element offset.
        ref->viewOffset = view->items[1]->integer;
        if (ref->viewOffset < 0 || view->items[2]->integer < 0 || view->items[1]->integer + view->items[2]->integer > ref->numel)
            fail("storage view outside its storage");
    }
    Value* v = make(Kind::Storage);
    v->storage = std::move(ref);
    m_storages.push_back(v);
    return v;
}

void Unpickler::opReduce(bool newObject) {
    Value* args = pop();
    Value* callable = pop();
    if (callable->kind != Kind::Global) fail(std::string("REDUCE/NEWOBJ on a ") + kindName(callable->kind));
    if (args->kind != Kind::Tuple) fail("REDUCE/NEWOBJ arguments are not a tuple");
    push(call(callable, args));
}

Value* Unpickler::call(const Value* callable, const Value* args) {
    const std::string& name = callable->text;
    const auto& a = args->items;
    if (name == "collections.OrderedDict") {
        if (!a.empty()) unsupported("collections.OrderedDict built from arguments");
        Value* v = make(Kind::Dict);
        v->dictIndex = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        return v;
    }
    if (name == "torch._utils._rebuild_tensor_v2") return rebuildTensor(args, true);
    if (name == "torch._utils._rebuild_tensor") return rebuildTensor(args, false);
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
        // nn.Parameter(data, requires_grad, hooks[, state]): the data tensor is all we need
        if (a.empty() || a[0]->kind != Kind::Tensor) fail(name + " without a tensor");
        return a[0];
    }
    if (name == "torch.jit._pickle.restore_type_tag") {
        // (value, "Dict[str, Tensor]"): how torch::pickle_save marks typed containers
        if (a.size() != 2) fail(name + " with malformed arguments");
        return a[0];
    }
    if (name == "torch._tensor._rebuild_from_type_v2") {
        // (func, type, args, state): a tensor subclass or a tensor with Python attributes
        if (a.size() != 4 || a[0]->kind != Kind::Global || a[2]->kind != Kind::Tuple) fail(name + " with malformed arguments");
        return call(a[0], a[2]);
    }
    if (name.rfind("torch._utils.", 0) == 0 || name.rfind("torch._tensor.", 0) == 0)
        unsupported("tensor kind " + name + " (only dense CPU-loadable tensors are read)");
    // Anything else (argparse.Namespace, numpy scalars, torch.device ...) stays an inert object:
    // checkpoints carry such extras next to the state_dict, and they are skipped, never executed.
    Value* v = make(Kind::Object);
    v->text = name;
    return v;
}

Value* Unpickler::rebuildTensor(const Value* args, bool v2) {
    // _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata]);
    // the pre-1.0 _rebuild_tensor(storage, offset, size, stride)
    const auto& a = args->items;
    if (a.size() < 4 || (v2 && a.size() < 6)) fail("tensor rebuilt from " + std::to_string(a.size()) + " arguments");
    if (a[0]->kind != Kind::Storage) fail(std::string("tensor storage is a ") + kindName(a[0]->kind));
    if (a[1]->kind != Kind::Int || a[2]->kind != Kind::Tuple || a[3]->kind != Kind::Tuple) fail("malformed tensor offset, size or stride");
    if (a[2]->items.size() != a[3]->items.size()) fail("tensor size and stride differ in length");
    auto ref = std::make_unique<TensorRef>();
    ref->storage = a[0];
    ref->offset = a[1]->integer;
    for (std::size_t i = 0; i < a[2]->items.size(); ++i) {
        const Value* size = a[2]->items[i];
        const Value* stride = a[3]->items[i];
        if (size->kind != Kind::Int || stride->kind != Kind::Int) fail("tensor size or stride is not an integer");
        ref->sizes.push_back(size->integer);
        ref->strides.push_back(stride->integer);
    }
    Value* v = make(Kind::Tensor);
    v->tensor = std::move(ref);
    return v;
}

}  // namespace nat::supernet::pickle
