// A missing semicolon.
int square(int x) {
  int result = x * x
  return result;
}
