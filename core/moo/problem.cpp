#include "moo/problem.h"

#include <cmath>

#include "base/error.h"

namespace nat::moo {

void validateProblem(const Problem& problem) {
    const std::string who = "problem '" + problem.name() + "'";
    const int n = problem.numVariables();
    if (n < 1) throw Error(ErrorCode::InvalidArgument, who + ": needs at least 1 variable, got " + std::to_string(n));
    if (problem.numObjectives() < 1)
        throw Error(ErrorCode::InvalidArgument,
                    who + ": needs at least 1 objective, got " + std::to_string(problem.numObjectives()));
    const auto lo = problem.lowerBounds(), hi = problem.upperBounds();
    if (static_cast<int>(lo.size()) != n || static_cast<int>(hi.size()) != n)
        throw Error(ErrorCode::InvalidArgument, who + ": bounds have " + std::to_string(lo.size()) + " and " +
                                                    std::to_string(hi.size()) + " values, expected " + std::to_string(n));
    for (int i = 0; i < n; ++i) {
        if (!std::isfinite(lo[i]) || !std::isfinite(hi[i]) || lo[i] > hi[i])
            throw Error(ErrorCode::InvalidArgument, who + ": variable " + std::to_string(i) + " has bounds [" +
                                                        std::to_string(lo[i]) + ", " + std::to_string(hi[i]) +
                                                        "], expected finite lower <= upper");
    }
}

FunctionProblem::FunctionProblem(std::string name, std::vector<double> lower, std::vector<double> upper, int objectives,
                                 VariableType type, BatchFn fn)
    : m_name(std::move(name)), m_lower(std::move(lower)), m_upper(std::move(upper)), m_objectives(objectives),
      m_type(type), m_fn(std::move(fn)) {
    validateProblem(*this);
}

RealRepair integerRepair(IntRepair repair) {
    return [repair = std::move(repair)](std::span<double> x) {
        std::vector<int> v(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) v[i] = static_cast<int>(std::lround(x[i]));
        repair(v);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = v[i];
    };
}

}  // namespace nat::moo
