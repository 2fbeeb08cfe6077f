// A race inside a tbb::parallel_for body: every chunk adds into one total.
#include <cstdio>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

int main() {
  std::vector<double> values(4'000'000, 1.0);
  double total = 0.0;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, values.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) total += values[i];
                    });
  std::printf("%f\n", total);
}
