// Every output format of the grader, for callers that want them all
// (main.cpp). Each format renders the GradeReport of core/result.hpp and
// nothing else; docs/grader-output.md describes them.
#pragma once

#include "report/classroom50_report.hpp"
#include "report/classroom_report.hpp"
#include "report/github_annotations.hpp"
#include "report/gradescope_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/markdown_report.hpp"
#include "report/prairielearn_report.hpp"
#include "report/terminal_progress.hpp"
#include "report/terminal_table.hpp"
