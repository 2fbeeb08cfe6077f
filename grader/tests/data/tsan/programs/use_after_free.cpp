// A thread reads a heap object after the main thread has deleted it.
#include <chrono>
#include <cstdio>
#include <thread>

int main() {
  int* value = new int(42);
  std::thread reader([value] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::printf("%d\n", *value);
  });
  delete value;
  reader.join();
}
