// A race on a heap-allocated array: two threads write the same slot.
#include <cstdio>
#include <memory>
#include <thread>

void fill(int* data, int value) {
  for (int i = 0; i < 100000; ++i) data[i % 16] = value + i;
}

int main() {
  auto data = std::make_unique<int[]>(16);
  std::thread a(fill, data.get(), 1);
  std::thread b(fill, data.get(), 2);
  a.join();
  b.join();
  std::printf("%d\n", data[3]);
}
