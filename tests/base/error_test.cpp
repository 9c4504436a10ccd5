#include "base/error.h"

#include <gtest/gtest.h>

namespace nat {

TEST(Error, CarriesCodeAndMessage) {
    const Error e(ErrorCode::Parse, "net.subnet: field 'd' is missing");
    EXPECT_EQ(e.code(), ErrorCode::Parse);
    EXPECT_STREQ(e.what(), "net.subnet: field 'd' is missing");
}

TEST(Error, CodeNamesAreStable) {
    EXPECT_EQ(errorCodeName(ErrorCode::InvalidArgument), "invalid-argument");
    EXPECT_EQ(errorCodeName(ErrorCode::Io), "io");
    EXPECT_EQ(errorCodeName(ErrorCode::Corrupt), "corrupt");
}

TEST(Error, BadInputExitsWithTwo) {
    EXPECT_EQ(exitCodeFor(ErrorCode::InvalidArgument), 2);
    EXPECT_EQ(exitCodeFor(ErrorCode::Parse), 2);
    EXPECT_EQ(exitCodeFor(ErrorCode::Io), 1);
    EXPECT_EQ(exitCodeFor(ErrorCode::Cancelled), 130);
}

}  // namespace nat
