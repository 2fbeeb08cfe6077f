// Sums with std::threads; forgets a declaration.
#include <thread>
#include <vector>

double parallel_sum(const std::vector<double>& values, int threads) {
  std::vector<double> partial(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) partial[t] = 0;
  return combine(partial);
}
