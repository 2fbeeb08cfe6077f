// Linked into every TSan-built kit program. Refuses to run if the process
// loaded a libtbb that is not the ThreadSanitizer-instrumented one: the
// distribution's libtbb makes TSan report TBB's own synchronisation as races,
// which would blame students for races that are not theirs.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

const bool tbb_checked = [] {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find("/libtbb.so") == std::string::npos) continue;
    if (line.find(PARLAB_TBB_LIBDIR) == std::string::npos) {
      std::fprintf(stderr,
                   "parlab: this TSan build loaded an uninstrumented libtbb:\n  %s\n"
                   "expected the one in %s (run tools/setup, then rebuild)\n",
                   line.c_str(), PARLAB_TBB_LIBDIR);
      std::_Exit(70);
    }
  }
  return true;
}();

}  // namespace
