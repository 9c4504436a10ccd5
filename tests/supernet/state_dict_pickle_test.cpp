#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>

#include "supernet/pickle_reader.h"
#include "test_util.h"

// The pickle reader on hand-made byte strings: the cases Python's torch.save never writes but a
// damaged or hostile file can contain.

namespace nat::supernet::pickle {
namespace {

const Value* parse(Unpickler& u) { return u.load(); }

/// The bytes of a literal that may contain NULs (its own terminator dropped). A view of the literal,
/// which lives as long as the program: an Unpickler only views its bytes.
template <std::size_t N>
std::string_view raw(const char (&s)[N]) {
    return std::string_view(s, N - 1);
}

// An Unpickler views its bytes: a temporary string would be destroyed before load() reads it.
static_assert(!std::is_constructible_v<Unpickler, std::string, std::string>);
static_assert(std::is_constructible_v<Unpickler, const std::string&, std::string>);

TEST(PickleReader, SelfReferencingListNeitherLoopsNorLeaks) {
    const std::string_view bytes = raw("\x80\x02]q\x00h\x00" "a.");  // l = []; l.append(l)
    Unpickler u(bytes, "cycle");
    const Value* v = parse(u);
    ASSERT_EQ(v->kind, Kind::List);
    ASSERT_EQ(v->items.size(), 1u);
    EXPECT_EQ(v->items[0], v);
    EXPECT_EQ(u.position(), bytes.size());
}

TEST(PickleReader, ReadsIntegersFloatsAndStrings) {
    // (-2, 300, -129 as LONG1, 1.5, 'ok', b'b')
    const std::string_view bytes = raw("\x80\x02(J\xfe\xff\xff\xffM\x2c\x01\x8a\x02\x7f\xfeG\x3f\xf8\x00\x00\x00\x00\x00\x00X\x02\x00\x00\x00okC\x01" "bt.");
    Unpickler u(bytes, "scalars");
    const Value* v = parse(u);
    ASSERT_EQ(v->kind, Kind::Tuple);
    ASSERT_EQ(v->items.size(), 6u);
    EXPECT_EQ(v->items[0]->integer, -2);
    EXPECT_EQ(v->items[1]->integer, 300);
    EXPECT_EQ(v->items[2]->integer, -385);
    EXPECT_EQ(v->items[3]->real, 1.5);
    EXPECT_EQ(v->items[4]->text, "ok");
    EXPECT_EQ(v->items[5]->kind, Kind::Bytes);
}

TEST(PickleReader, NamesUnsupportedAndInvalidOpcodes) {
    Unpickler text(raw("\x80\x02I1\n."), "text.pkl");
    EXPECT_NAT_ERROR(parse(text), ErrorCode::Unsupported, "text.pkl: unsupported pickle content at byte 2: opcode INT (0x49)");
    Unpickler bad(raw("\x80\x02\xff."), "bad.pkl");
    EXPECT_NAT_ERROR(parse(bad), ErrorCode::Corrupt, "invalid opcode 0xff");
    Unpickler proto(raw("\x80\x09N."), "p9.pkl");
    EXPECT_NAT_ERROR(parse(proto), ErrorCode::Unsupported, "pickle protocol 9");
}

TEST(PickleReader, RefusesLengthsBeyondTheDataAndUnknownMemoKeys) {
    Unpickler huge(raw("\x80\x02X\xff\xff\xff\x7f" "abc."), "huge.pkl");
    EXPECT_NAT_ERROR(parse(huge), ErrorCode::Corrupt, "needs 2147483647 bytes but only 4 remain");
    Unpickler memo(raw("\x80\x02j\xff\xff\xff\xff."), "memo.pkl");
    EXPECT_NAT_ERROR(parse(memo), ErrorCode::Corrupt, "memo key 4294967295 was never stored");
    Unpickler underflow(raw("\x80\x02" "a."), "under.pkl");
    EXPECT_NAT_ERROR(parse(underflow), ErrorCode::Corrupt, "stack underflow");
    Unpickler noStop(raw("\x80\x02N"), "nostop.pkl");
    EXPECT_NAT_ERROR(parse(noStop), ErrorCode::Corrupt, "ends before STOP");
}

TEST(PickleReader, UnknownClassesStayInertButTensorRebuildersMustBeKnown) {
    // argparse.Namespace() → an inert Object; torch._utils._rebuild_qtensor() → Unsupported
    const std::string_view inert = raw("\x80\x02" "cargparse\nNamespace\n)\x81}b.");
    Unpickler a(inert, "inert.pkl");
    const Value* v = parse(a);
    EXPECT_EQ(v->kind, Kind::Object);
    EXPECT_EQ(v->text, "argparse.Namespace");
    const std::string_view qt = raw("\x80\x02" "ctorch._utils\n_rebuild_qtensor\n)R.");
    Unpickler q(qt, "q.pkl");
    EXPECT_NAT_ERROR(parse(q), ErrorCode::Unsupported, "torch._utils._rebuild_qtensor");
}

}  // namespace
}  // namespace nat::supernet::pickle
