// Locking a mutex after it has been destroyed.
#include <pthread.h>
#include <cstdio>

int main() {
  pthread_mutex_t guard;
  pthread_mutex_init(&guard, nullptr);
  pthread_mutex_destroy(&guard);
  pthread_mutex_lock(&guard);
  std::puts("done");
}
