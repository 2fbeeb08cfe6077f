// A pthread that is neither joined nor detached: a thread leak.
#include <pthread.h>
#include <cstdio>

void* work(void*) { return nullptr; }

int main() {
  pthread_t worker;
  pthread_create(&worker, nullptr, work, nullptr);
  for (volatile int i = 0; i < 10000000; ++i) {
  }
  std::puts("done");
}
