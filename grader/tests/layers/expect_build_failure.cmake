# cmake -DBUILD_DIR=... -DTARGET=... -DEXPECT=<header> -P expect_build_failure.cmake
# Passes when building TARGET fails because EXPECT cannot be found, and only
# then: a build that fails for another reason proves nothing.
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(log "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET} built: a layer can include '${EXPECT}' that it must not see")
endif()
string(FIND "${log}" "'${EXPECT}' file not found" clang_at)
string(FIND "${log}" "${EXPECT}: No such file or directory" gcc_at)
if(clang_at EQUAL -1 AND gcc_at EQUAL -1)
  message(FATAL_ERROR "${TARGET} failed, but not for the missing '${EXPECT}':\n${log}")
endif()
message(STATUS "refused as expected: '${EXPECT}' is not visible to the layer")
