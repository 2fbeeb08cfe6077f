// The scaling curve in a terminal: one bar per thread count, with the ideal
// (|) and Amdahl's fit (+) marked on the same scale, 80 columns wide:
//
//   threads  speedup over one thread: █ measured  | ideal  + Amdahl p = 0.93
//         1  ████████████████████▉|                         1.00×
//         2  ███████████████████████████████████████+  |    1.87×
//         3  ███████████████████████████████████████+  |    1.90×  oversubscribed
#pragma once

#include <string>

#include "scaling/scale_result.hpp"

namespace parlab::grader::scaling {

inline constexpr int kTerminalBarWidth = 44;

std::string terminal_chart(const ScaleResult& r);

}  // namespace parlab::grader::scaling
