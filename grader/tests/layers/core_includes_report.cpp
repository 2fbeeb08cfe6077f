// Deliberately wrong: core is the bottom layer and may not see the report
// layer's headers. grader.layers.core_cannot_include_report builds this file
// with core's include path and passes only if the compiler cannot find the
// header (grader/CMakeLists.txt explains how layers are enforced).
#include "core/result.hpp"
#include "report/report.hpp"
