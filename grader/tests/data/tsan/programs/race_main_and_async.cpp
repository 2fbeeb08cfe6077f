// Two different races in one run: main thread vs a std::async task, then two
// std::threads that both append to a shared total.
#include <cstdio>
#include <future>
#include <thread>

int progress = 0;
double total = 0.0;

void add_range(int from, int to) {
  for (int i = from; i < to; ++i) total += i;
}

int main() {
  auto task = std::async(std::launch::async, [] {
    for (int i = 0; i < 100000; ++i) progress = i;
  });
  for (int i = 0; i < 100000; ++i) progress = -i;
  task.get();

  std::thread low(add_range, 0, 500000);
  std::thread high(add_range, 500000, 1000000);
  low.join();
  high.join();
  std::printf("%d %f\n", progress, total);
}
