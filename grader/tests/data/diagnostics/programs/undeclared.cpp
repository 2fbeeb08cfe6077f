// Uses a name that was never declared.
#include <vector>

double mean(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total / count;
}
