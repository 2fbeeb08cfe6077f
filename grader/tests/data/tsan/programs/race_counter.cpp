// A shared counter incremented by two std::threads without synchronisation.
#include <cstdio>
#include <thread>

long counter = 0;

void count_up(int n) {
  for (int i = 0; i < n; ++i) counter++;
}

int main() {
  std::thread a(count_up, 1000000);
  std::thread b(count_up, 1000000);
  a.join();
  b.join();
  std::printf("%ld\n", counter);
}
