// Includes a header that does not exist.
#include "parallel_sum_helpers.hpp"

int main() { return 0; }
