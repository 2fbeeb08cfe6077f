// The scaling curve in words: one line a student can remember, for example
//     p ≈ 0.93 ± 0.02: at most 14× on any number of cores
// and, when the parallel fraction is low, where to look.
#pragma once

#include <string>

#include "scaling/scale_result.hpp"

namespace parlab::grader::scaling {

// "0.93 ± 0.02"
std::string format_p(const AmdahlFit& fit);

// What the fit bounds: "at most 14× on any number of cores"; without a fit,
// why there is none.
std::string bound_phrase(const ScaleResult& r);

// The one-line reading: "p ≈ 0.93 ± 0.02: " + bound_phrase.
std::string reading(const ScaleResult& r);

// Said when other programs took the cores: a CPU-bound run on one thread
// that got less than kBusyCoreShare of a core. Empty otherwise.
inline constexpr double kBusyCoreShare = 0.8;
std::string machine_note(const ScaleResult& r);

// What to do about a low p; empty when p is high, there is no fit, or the
// machine was busy (then the machine, not the code, may have flattened the curve).
std::string hint(const ScaleResult& r);

}  // namespace parlab::grader::scaling
