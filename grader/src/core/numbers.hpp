// Numbers as every message and report shows them. In core because steps
// write figures into their own messages and advice, and reports print them.
#pragma once

#include <string>

namespace parlab::grader {

// Points as people write them: 10 -> "10", 7.5 -> "7.5", 2/3 -> "0.67".
std::string format_points(double points);

// A speedup factor: 1.623 -> "1.62×" (or "1.62x" when !unicode).
std::string format_speedup(double factor, bool unicode = true);

}  // namespace parlab::grader
