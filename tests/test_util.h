#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/error.h"

/// Checks that `stmt` throws nat::Error with code `code` and a message containing `substr`
/// (tests check messages, not only that something threw: ARCHITECTURE.md §3).
#define EXPECT_NAT_ERROR(stmt, expectedCode, substr)                                                         \
    do {                                                                                             \
        try {                                                                                        \
            stmt;                                                                                    \
            ADD_FAILURE() << "expected nat::Error(" #expectedCode ") containing \"" << (substr) << "\"";     \
        } catch (const nat::Error& e_) {                                                             \
            EXPECT_EQ(e_.code(), expectedCode) << e_.what();                                                 \
            EXPECT_NE(std::string(e_.what()).find(substr), std::string::npos)                        \
                << "message: " << e_.what() << "\nexpected to contain: " << (substr);                 \
        }                                                                                            \
    } while (0)

namespace nat::test {

/// A fresh, empty folder under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

}  // namespace nat::test
