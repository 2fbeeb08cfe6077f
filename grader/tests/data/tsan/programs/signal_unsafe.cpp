// A signal handler that calls malloc: not async-signal-safe.
#include <pthread.h>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

std::atomic<bool> handled{false};
void* volatile scratch = nullptr;

void on_signal(int) {
  scratch = std::malloc(16);
  handled = true;
}

int main() {
  std::signal(SIGUSR1, on_signal);
  pthread_t main_thread = pthread_self();
  std::thread sender([main_thread] { pthread_kill(main_thread, SIGUSR1); });
  while (!handled) {
  }
  sender.join();
  std::free(scratch);
  std::puts("done");
}
