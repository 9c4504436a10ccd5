#include "moo/matrix.h"

#include "base/error.h"

namespace nat::moo {

Matrix Matrix::fromRows(const std::vector<std::vector<double>>& rows) {
    Matrix m;
    for (const auto& r : rows) m.appendRow(r);
    return m;
}

void Matrix::appendRow(std::span<const double> values) {
    if (m_rows == 0 && m_data.empty()) m_cols = values.size();
    if (values.size() != m_cols)
        throw Error(ErrorCode::InvalidArgument, "matrix row has " + std::to_string(values.size()) +
                                                    " values, expected " + std::to_string(m_cols));
    m_data.insert(m_data.end(), values.begin(), values.end());
    ++m_rows;
}

Matrix Matrix::select(const std::vector<int>& indices) const {
    Matrix out(indices.size(), m_cols);
    for (std::size_t i = 0; i < indices.size(); ++i) {
        assert(indices[i] >= 0 && static_cast<std::size_t>(indices[i]) < m_rows);
        const auto src = row(static_cast<std::size_t>(indices[i]));
        std::copy(src.begin(), src.end(), out.row(i).begin());
    }
    return out;
}

Matrix Matrix::stacked(const Matrix& other) const {
    if (empty()) return other;
    if (other.empty()) return *this;
    assert(other.m_cols == m_cols);
    Matrix out = *this;
    out.m_data.insert(out.m_data.end(), other.m_data.begin(), other.m_data.end());
    out.m_rows += other.m_rows;
    return out;
}

std::vector<std::vector<double>> Matrix::toRows() const {
    std::vector<std::vector<double>> out;
    out.reserve(m_rows);
    for (std::size_t r = 0; r < m_rows; ++r) out.push_back(rowVector(r));
    return out;
}

}  // namespace nat::moo
