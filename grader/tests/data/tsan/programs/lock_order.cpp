// Two mutexes locked in opposite orders by two functions: a potential deadlock.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex accounts_lock;
std::mutex audit_lock;
int balance = 0;

void transfer() {
  std::lock_guard<std::mutex> first(accounts_lock);
  std::lock_guard<std::mutex> second(audit_lock);
  ++balance;
}

void audit() {
  std::lock_guard<std::mutex> first(audit_lock);
  std::lock_guard<std::mutex> second(accounts_lock);
  --balance;
}

int main() {
  std::thread a(transfer);
  a.join();
  std::thread b(audit);
  b.join();
  std::printf("%d\n", balance);
}
