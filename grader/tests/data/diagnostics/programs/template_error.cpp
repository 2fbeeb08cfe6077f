// std::sort needs random-access iterators; std::list has only bidirectional ones.
#include <algorithm>
#include <list>

void sort_list(std::list<int>& items) {
  std::sort(items.begin(), items.end());
}
