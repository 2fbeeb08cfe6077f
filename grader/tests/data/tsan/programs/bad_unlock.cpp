// Unlocking a mutex this thread does not hold.
#include <cstdio>
#include <mutex>

std::mutex guard;

int main() {
  guard.unlock();
  std::puts("done");
}
