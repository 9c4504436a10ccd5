#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

enum class VariableType { Real, Integer };

/// An optimisation problem: box bounds, variable type, number of objectives (all minimised) and a
/// batch evaluation. The algorithms see nothing else, so a fitness may come from the supernet, a
/// surrogate or a test function alike (pagmo2's problem/algorithm split).
/// Thread-safety: evaluate() is called from the thread that runs the algorithm; implementations
/// that parallelise internally must do so themselves.
class Problem {
public:
    virtual ~Problem() = default;

    virtual int numVariables() const = 0;
    virtual int numObjectives() const = 0;
    virtual std::vector<double> lowerBounds() const = 0;
    virtual std::vector<double> upperBounds() const = 0;
    virtual VariableType variableType() const { return VariableType::Real; }
    virtual std::string name() const { return "problem"; }

    /// Evaluates every row of X (rows x numVariables) into F (rows x numObjectives).
    /// Integer problems receive integral values stored as doubles.
    virtual Matrix evaluate(const Matrix& X) const = 0;
};

/// Checks the problem's shape (bounds length, lo <= hi, >= 1 objective); throws
/// Error(InvalidArgument) naming the problem, the offending index and values.
void validateProblem(const Problem& problem);

/// A problem from plain callables, handy for engines and tests.
class FunctionProblem : public Problem {
public:
    using BatchFn = std::function<Matrix(const Matrix&)>;
    FunctionProblem(std::string name, std::vector<double> lower, std::vector<double> upper, int objectives,
                    VariableType type, BatchFn fn);

    int numVariables() const override { return static_cast<int>(m_lower.size()); }
    int numObjectives() const override { return m_objectives; }
    std::vector<double> lowerBounds() const override { return m_lower; }
    std::vector<double> upperBounds() const override { return m_upper; }
    VariableType variableType() const override { return m_type; }
    std::string name() const override { return m_name; }
    Matrix evaluate(const Matrix& X) const override { return m_fn(X); }

private:
    std::string m_name;
    std::vector<double> m_lower, m_upper;
    int m_objectives;
    VariableType m_type;
    BatchFn m_fn;
};

/// Repair hook applied to every new decision vector (after sampling, crossover and mutation).
using RealRepair = std::function<void(std::span<double>)>;
/// The same for integer encodings (e.g. nat::space repair); adapt with integerRepair().
using IntRepair = std::function<void(std::vector<int>&)>;
/// Wraps an integer repair so it can run on a decision row stored as doubles.
RealRepair integerRepair(IntRepair repair);

}  // namespace nat::moo
