# Runs `grader scale` on one exercise of a submission and checks its output.
# Usage: see CMakeLists.txt beside this file. Few rounds: this checks the
# command's plumbing and its files, not the machine's speed.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${WORK}/out")
file(MAKE_DIRECTORY "${WORK}/out")
execute_process(
  COMMAND "${GRADER}" scale --kit "${KIT}" "${EXERCISE}" "${SUBMISSION}" --work "${WORK}/scratch"
          --out "${WORK}/out/chart.svg" --markdown "${WORK}/out/scale.md" --rounds 3
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "grader scale exited with '${rc}', expected 0")
endif()
foreach(file chart.svg chart.json scale.md)
  if(NOT EXISTS "${WORK}/out/${file}")
    message(FATAL_ERROR "grader scale did not write ${file}")
  endif()
endforeach()
if(NOT out MATCHES "chart: [^\n]*/out/chart.svg")
  message(FATAL_ERROR "grader scale did not print the chart's path")
endif()
if(NOT out MATCHES "(p ≈ [0-9.]+ ± [0-9.]+|no Amdahl fit): ")
  message(FATAL_ERROR "grader scale printed no reading line")
endif()

execute_process(COMMAND "${CHECK}" "${WORK}/out/chart.svg" "${WORK}/out/chart.json"
                RESULT_VARIABLE check_rc OUTPUT_VARIABLE check_out ERROR_VARIABLE check_err)
message("${check_out}${check_err}")
if(NOT check_rc EQUAL 0)
  message(FATAL_ERROR "the chart or its data are wrong (above)")
endif()

file(READ "${WORK}/out/scale.md" md)
if(NOT md MATCHES "!\\[[^]]*\\]\\(chart.svg\\)")
  message(FATAL_ERROR "the Markdown section does not embed chart.svg by a relative path:\n${md}")
endif()

# A usage error is exit status 2, with a message that says what to do.
execute_process(COMMAND "${GRADER}" scale --kit "${KIT}" no_such_exercise "${SUBMISSION}"
                RESULT_VARIABLE bad_rc OUTPUT_VARIABLE bad_out ERROR_VARIABLE bad_err)
if(NOT bad_rc EQUAL 2 OR NOT bad_err MATCHES "no exercise 'no_such_exercise'")
  message(FATAL_ERROR "an unknown exercise gave exit ${bad_rc}: ${bad_err}")
endif()
