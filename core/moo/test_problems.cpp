#include "moo/test_problems.h"

#include <cmath>
#include <numbers>

#include "base/error.h"
#include "moo/nondominated_sort.h"

namespace nat::moo {

namespace {

constexpr double kPi = std::numbers::pi;

// Multimodal distance function of DTLZ1 and DTLZ3 (eq. for g in DTLZ1).
double gRastrigin(std::span<const double> xm) {
    double s = 0.0;
    for (double x : xm) s += (x - 0.5) * (x - 0.5) - std::cos(20.0 * kPi * (x - 0.5));
    return 100.0 * (static_cast<double>(xm.size()) + s);
}

double gSphere(std::span<const double> xm) {
    double s = 0.0;
    for (double x : xm) s += (x - 0.5) * (x - 0.5);
    return s;
}

void linearShape(std::span<const double> x, double g, std::span<double> f) {
    const std::size_t m = f.size();
    for (std::size_t i = 0; i < m; ++i) {
        double v = 0.5 * (1.0 + g);
        for (std::size_t j = 0; j + i + 1 < m; ++j) v *= x[j];
        if (i > 0) v *= 1.0 - x[m - i - 1];
        f[i] = v;
    }
}

void sphericalShape(std::span<const double> x, double g, double alpha, std::span<double> f) {
    const std::size_t m = f.size();
    for (std::size_t i = 0; i < m; ++i) {
        double v = 1.0 + g;
        for (std::size_t j = 0; j + i + 1 < m; ++j) v *= std::cos(std::pow(x[j], alpha) * kPi / 2.0);
        if (i > 0) v *= std::sin(std::pow(x[m - i - 1], alpha) * kPi / 2.0);
        f[i] = v;
    }
}

}  // namespace

Dtlz::Dtlz(int which, int objectives, int k) : m_which(which), m_objectives(objectives), m_k(k) {
    if (which < 1 || which > 4) throw Error(ErrorCode::InvalidArgument, "DTLZ variant must be 1..4, got " + std::to_string(which));
    if (objectives < 2) throw Error(ErrorCode::InvalidArgument, "DTLZ needs 2 or more objectives, got " + std::to_string(objectives));
    if (m_k < 0) m_k = which == 1 ? 5 : 10;
    if (m_k < 1) throw Error(ErrorCode::InvalidArgument, "DTLZ k must be 1 or more, got " + std::to_string(k));
}

Matrix Dtlz::evaluate(const Matrix& X) const {
    const auto m = static_cast<std::size_t>(m_objectives);
    Matrix F(X.rows(), m);
    for (std::size_t r = 0; r < X.rows(); ++r) {
        const auto x = X.row(r);
        const auto xm = x.subspan(m - 1);
        const bool rastrigin = m_which == 1 || m_which == 3;
        const double g = rastrigin ? gRastrigin(xm) : gSphere(xm);
        if (m_which == 1) linearShape(x, g, F.row(r));
        else sphericalShape(x, g, m_which == 4 ? 100.0 : 1.0, F.row(r));
    }
    return F;
}

Matrix Dtlz::paretoFront(const Matrix& refDirs) const {
    Matrix P = refDirs;
    for (std::size_t r = 0; r < P.rows(); ++r) {
        double sum = 0.0, sq = 0.0;
        for (double v : P.row(r)) {
            sum += v;
            sq += v * v;
        }
        const double scale = m_which == 1 ? 0.5 / sum : 1.0 / std::sqrt(sq);
        for (double& v : P.row(r)) v *= scale;
    }
    return P;
}

Zdt::Zdt(int which, int variables) : m_which(which), m_n(variables) {
    if (which < 1 || which > 3) throw Error(ErrorCode::InvalidArgument, "ZDT variant must be 1..3, got " + std::to_string(which));
    if (variables < 2) throw Error(ErrorCode::InvalidArgument, "ZDT needs 2 or more variables, got " + std::to_string(variables));
}

Matrix Zdt::evaluate(const Matrix& X) const {
    Matrix F(X.rows(), 2);
    for (std::size_t r = 0; r < X.rows(); ++r) {
        const auto x = X.row(r);
        double s = 0.0;
        for (std::size_t j = 1; j < x.size(); ++j) s += x[j];
        const double f1 = x[0], g = 1.0 + 9.0 * s / (m_n - 1), q = f1 / g;
        const double h = m_which == 1 ? 1.0 - std::sqrt(q)
                         : m_which == 2 ? 1.0 - q * q
                                        : 1.0 - std::sqrt(q) - q * std::sin(10.0 * kPi * f1);
        F(r, 0) = f1;
        F(r, 1) = g * h;
    }
    return F;
}

Matrix Zdt::paretoFront(int points) const {
    Matrix P(static_cast<std::size_t>(points), 2);
    for (int i = 0; i < points; ++i) {
        const double f1 = points == 1 ? 0.0 : static_cast<double>(i) / (points - 1);
        const double h = m_which == 1 ? 1.0 - std::sqrt(f1)
                         : m_which == 2 ? 1.0 - f1 * f1
                                        : 1.0 - std::sqrt(f1) - f1 * std::sin(10.0 * kPi * f1);
        P(static_cast<std::size_t>(i), 0) = f1;
        P(static_cast<std::size_t>(i), 1) = h;
    }
    return m_which == 3 ? P.select(nondominatedIndices(P)) : P;
}

std::vector<std::string> testProblemNames() { return {"dtlz1", "dtlz2", "dtlz3", "dtlz4", "zdt1", "zdt2", "zdt3"}; }

std::unique_ptr<Problem> makeTestProblem(const std::string& name, int objectives) {
    if (name.size() == 5 && name.rfind("dtlz", 0) == 0 && name[4] >= '1' && name[4] <= '4')
        return std::make_unique<Dtlz>(name[4] - '0', objectives);
    if (name.size() == 4 && name.rfind("zdt", 0) == 0 && name[3] >= '1' && name[3] <= '3')
        return std::make_unique<Zdt>(name[3] - '0');
    std::string allowed;
    for (const auto& n : testProblemNames()) allowed += (allowed.empty() ? "" : "|") + n;
    throw Error(ErrorCode::InvalidArgument, "unknown test problem '" + name + "', expected one of " + allowed);
}

Matrix testProblemFront(const Problem& problem, const Matrix& refDirs) {
    if (const auto* d = dynamic_cast<const Dtlz*>(&problem)) return d->paretoFront(refDirs);
    if (const auto* z = dynamic_cast<const Zdt*>(&problem)) return z->paretoFront();
    throw Error(ErrorCode::Unsupported, "problem '" + problem.name() + "' has no known true front");
}

}  // namespace nat::moo
