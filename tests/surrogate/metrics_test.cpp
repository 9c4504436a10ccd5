#include <gtest/gtest.h>
TEST(Metrics, Placeholder) {}
