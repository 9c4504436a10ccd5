// Slow: a reduced NSGA-III reproduction (Deb & Jain 2014) — 5 seeds of DTLZ1/DTLZ2 with 3 and 5
// objectives. The full table is regenerated with `nat moo --reproduce-deb-jain` (docs/moo.md).
#include "moo/deb_jain.h"

#include <gtest/gtest.h>

namespace nat::moo {
namespace {

TEST(DebJain, MedianIgdAtThePapersLevel) {
    std::vector<DebJainCase> cases;
    for (const auto& c : debJainCases())
        if ((c.problem == "dtlz1" || c.problem == "dtlz2") && c.objectives <= 5) cases.push_back(c);
    ASSERT_EQ(cases.size(), 4u);
    for (const auto& s : runDebJainStudy(5, 1, 2, cases)) {
        // "At the level": the median within 1.5x of the published median.
        EXPECT_LT(s.median, 1.5 * s.spec.paperMedian) << s.spec.problem << " M=" << s.spec.objectives;
    }
}

TEST(DebJain, CasesMatchThePaper) {
    const auto cases = debJainCases();
    ASSERT_EQ(cases.size(), 12u);
    for (const auto& c : cases) {
        const auto dirs = debJainDirections(c);
        EXPECT_EQ(static_cast<int>(dirs.rows()), c.objectives == 3 ? 91 : c.objectives == 5 ? 210 : 156);
        EXPECT_EQ(c.popSize, c.objectives == 3 ? 92 : c.objectives == 5 ? 212 : 156);
    }
}

}  // namespace
}  // namespace nat::moo
