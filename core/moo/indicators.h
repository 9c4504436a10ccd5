#pragma once

#include "moo/matrix.h"

namespace nat::moo {

/// Inverted generational distance: mean over the targets Z of the Euclidean distance to the
/// nearest point of F (Coello & Reyes Sierra 2004; Deb & Jain 2014, §VI eq. 9).
/// Throws Error(InvalidArgument) when F or Z is empty or their columns differ. Pure, thread-safe.
double igd(const Matrix& F, const Matrix& Z);

/// IGD+ (Ishibuchi et al., EMO 2015): like IGD but only the amount by which a point is worse than
/// a target counts, d+(z, f) = sqrt(sum max(f_j - z_j, 0)^2), which makes it weakly Pareto compliant.
double igdPlus(const Matrix& F, const Matrix& Z);

}  // namespace nat::moo
