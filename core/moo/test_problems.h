#pragma once

#include <memory>
#include <string>
#include <vector>

#include "moo/problem.h"

namespace nat::moo {

/// DTLZ1–DTLZ4 (Deb, Thiele, Laumanns & Zitzler 2005) with M objectives and n = M + k - 1
/// variables in [0, 1]; k defaults to 5 for DTLZ1 and 10 otherwise (Deb & Jain 2014, §VI).
/// Stateless; evaluate() is thread-safe.
class Dtlz : public Problem {
public:
    Dtlz(int which, int objectives, int k = -1);
    int numVariables() const override { return m_objectives + m_k - 1; }
    int numObjectives() const override { return m_objectives; }
    std::vector<double> lowerBounds() const override { return std::vector<double>(static_cast<std::size_t>(numVariables()), 0.0); }
    std::vector<double> upperBounds() const override { return std::vector<double>(static_cast<std::size_t>(numVariables()), 1.0); }
    std::string name() const override { return "dtlz" + std::to_string(m_which); }
    Matrix evaluate(const Matrix& X) const override;

    /// Points of the true front where the given directions meet it: the hyperplane sum f = 1/2 for
    /// DTLZ1, the unit sphere for DTLZ2–4 — the IGD targets of Deb & Jain 2014, §VI.
    Matrix paretoFront(const Matrix& refDirs) const;

private:
    int m_which, m_objectives, m_k;
};

/// ZDT1–ZDT3 (Zitzler, Deb & Thiele 2000), 2 objectives, n variables in [0, 1] (default 30).
class Zdt : public Problem {
public:
    explicit Zdt(int which, int variables = 30);
    int numVariables() const override { return m_n; }
    int numObjectives() const override { return 2; }
    std::vector<double> lowerBounds() const override { return std::vector<double>(static_cast<std::size_t>(m_n), 0.0); }
    std::vector<double> upperBounds() const override { return std::vector<double>(static_cast<std::size_t>(m_n), 1.0); }
    std::string name() const override { return "zdt" + std::to_string(m_which); }
    Matrix evaluate(const Matrix& X) const override;

    /// `points` samples of the true front (g = 1), evenly spaced in f1; for ZDT3 only the
    /// non-dominated pieces are kept.
    Matrix paretoFront(int points = 1000) const;

private:
    int m_which, m_n;
};

/// Names accepted by makeTestProblem: dtlz1..dtlz4, zdt1..zdt3.
std::vector<std::string> testProblemNames();

/// A test problem by name; `objectives` is ignored for ZDT (always 2) and must be >= 2 for DTLZ.
/// Throws Error(InvalidArgument) naming the allowed values.
std::unique_ptr<Problem> makeTestProblem(const std::string& name, int objectives);

/// IGD targets for a test problem: Dtlz::paretoFront(refDirs) or Zdt::paretoFront().
Matrix testProblemFront(const Problem& problem, const Matrix& refDirs);

}  // namespace nat::moo
