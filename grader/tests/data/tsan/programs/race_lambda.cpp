// A race on a local variable captured by reference in std::thread lambdas.
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  double sum = 0.0;
  std::vector<std::thread> workers;
  for (int t = 0; t < 2; ++t) {
    workers.emplace_back([&sum, t] {
      for (int i = 0; i < 100000; ++i) sum += t + i;
    });
  }
  for (auto& w : workers) w.join();
  std::printf("%f\n", sum);
}
