// Defines helper() again.
int helper() { return 2; }
int main() { return helper(); }
