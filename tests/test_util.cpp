#include "test_util.h"

#include <random>

namespace nat::test {

TempDir::TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("nat-test-" + std::to_string(::testing::UnitTest::GetInstance() ? rd() : 0u));
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

}  // namespace nat::test
