// libFuzzer harness for the strict pickle reader behind OFA import (core/supernet/pickle_reader.h).
// The input is read like a legacy torch.save file: up to five pickles in a row, then every value
// reachable from the results is walked the way state_dict_reader.cpp does. Any input must parse or
// throw nat::Error; crashes, hangs, leaks and UB are bugs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "supernet/pickle_reader.h"

namespace {

using nat::supernet::pickle::Kind;
using nat::supernet::pickle::Value;

// Bounded walk (the reader's values may form cycles through the memo).
std::size_t walk(const Value* v, int depth, std::size_t& budget) {
    if (v == nullptr || depth > 64 || budget == 0) return 0;
    --budget;
    std::size_t n = v->text.size() + static_cast<std::size_t>(v->integer & 1);
    (void)nat::supernet::pickle::kindName(v->kind);
    if (v->kind == Kind::Dict) {
        for (std::size_t i = 0; i < v->dictSize(); ++i) {
            const Value* key = v->dictKey(i);
            if (key->isText() && v->find(key->text) == nullptr) __builtin_trap();
            n += walk(v->dictValue(i), depth + 1, budget);
        }
    } else {
        for (const Value* item : v->items) n += walk(item, depth + 1, budget);
    }
    if (v->kind == Kind::Tensor) {
        if (!v->tensor || v->tensor->sizes.size() != v->tensor->strides.size()) __builtin_trap();
        n += walk(v->tensor->storage, depth + 1, budget);
    }
    if (v->kind == Kind::Storage && !v->storage) __builtin_trap();
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        nat::supernet::pickle::Unpickler unpickler(bytes, "'fuzz.pth'");
        for (int i = 0; i < 5 && unpickler.position() < size; ++i) {
            const std::size_t before = unpickler.position();
            std::size_t budget = 100000;
            (void)walk(unpickler.load(), 0, budget);
            if (unpickler.position() <= before || unpickler.position() > size) __builtin_trap();
        }
        for (const Value* s : unpickler.storages())
            if (s->kind != Kind::Storage || !s->storage || s->storage->numel < 0) __builtin_trap();
    } catch (const nat::Error&) {
    }
    return 0;
}
