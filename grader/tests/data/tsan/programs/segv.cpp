// A null-pointer write inside a thread: TSan prints a SEGV report, not a race.
#include <thread>

int* volatile target = nullptr;

int main() {
  std::thread writer([] { *target = 1; });
  writer.join();
}
