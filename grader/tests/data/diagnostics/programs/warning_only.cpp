// Compiles, with a warning: a signed/unsigned comparison and an unused variable.
#include <vector>

int count_positive(const std::vector<int>& v) {
  int unused = 0;
  int n = 0;
  for (int i = 0; i < v.size(); ++i) n += v[i] > 0;
  return n;
}
