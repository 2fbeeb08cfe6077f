// Sums with std::threads; forgets a declaration.
#include <thread>
#include <vector>

double parallel_sum(const std::vector<double>& values, unsigned threads) {
  std::vector<double> partial(threads);
  for (unsigned t = 0; t < threads; ++t) partial[t] = 0;
  double total = 0;
  for (double p : partial) total += p;
  return total;
}
