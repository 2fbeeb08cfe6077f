// Calls a function from sum.cpp.
#include <cstdio>
#include <vector>

double parallel_sum(const std::vector<double>& values, int threads);

int main() {
  std::vector<double> values(1000, 1.0);
  std::printf("%f\n", parallel_sum(values, 2));
}
