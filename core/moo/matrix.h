#pragma once

#include <cassert>
#include <cstddef>
#include <span>
#include <vector>

namespace nat::moo {

/// Dense row-major matrix of doubles: one row per individual, one column per variable or
/// objective. A plain value type (copyable, no aliasing); not thread-safe for concurrent writes.
class Matrix {
public:
    Matrix() = default;
    Matrix(std::size_t rows, std::size_t cols, double fill = 0.0) : m_rows(rows), m_cols(cols), m_data(rows * cols, fill) {}
    /// From nested rows; every row must have the same length.
    static Matrix fromRows(const std::vector<std::vector<double>>& rows);

    std::size_t rows() const { return m_rows; }
    std::size_t cols() const { return m_cols; }
    bool empty() const { return m_rows == 0; }

    double& operator()(std::size_t r, std::size_t c) { return m_data[r * m_cols + c]; }
    double operator()(std::size_t r, std::size_t c) const { return m_data[r * m_cols + c]; }
    std::span<double> row(std::size_t r) { return {m_data.data() + r * m_cols, m_cols}; }
    std::span<const double> row(std::size_t r) const { return {m_data.data() + r * m_cols, m_cols}; }
    std::vector<double> rowVector(std::size_t r) const { return {row(r).begin(), row(r).end()}; }

    const std::vector<double>& data() const { return m_data; }
    std::vector<double>& data() { return m_data; }

    /// Appends one row (length must equal cols(), or sets cols() when the matrix is empty).
    void appendRow(std::span<const double> values);
    /// Rows picked by index, in the given order.
    Matrix select(const std::vector<int>& indices) const;
    /// All rows of this followed by all rows of other (same column count).
    Matrix stacked(const Matrix& other) const;
    std::vector<std::vector<double>> toRows() const;

private:
    std::size_t m_rows = 0;
    std::size_t m_cols = 0;
    std::vector<double> m_data;
};

}  // namespace nat::moo
