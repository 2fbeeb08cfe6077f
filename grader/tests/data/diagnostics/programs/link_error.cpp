// Declares a function that no file defines.
double parallel_sum(const double* data, long n);

int main() {
  double data[4] = {1, 2, 3, 4};
  return static_cast<int>(parallel_sum(data, 4));
}
