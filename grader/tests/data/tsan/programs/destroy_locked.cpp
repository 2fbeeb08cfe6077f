// Destroying a pthread mutex while it is still locked.
#include <pthread.h>
#include <cstdio>

int main() {
  pthread_mutex_t guard;
  pthread_mutex_init(&guard, nullptr);
  pthread_mutex_lock(&guard);
  pthread_mutex_destroy(&guard);
  std::puts("done");
}
