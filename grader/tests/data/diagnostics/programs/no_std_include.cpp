// Uses std::thread without including <thread>.
#include <vector>

int main() {
  std::vector<std::thread> workers;
  return static_cast<int>(workers.size());
}
