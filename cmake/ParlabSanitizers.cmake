# ThreadSanitizer as a property of targets, not a global flag.
#
# parlab_sanitize(<target>) adds -fsanitize=thread (compile and link) when the
# build was configured with PARLAB_SANITIZE=thread. The tsan preset uses clang:
# gcc's TSan works too, but the grader's canary and report parser are tested
# against clang's runtime.
if(PARLAB_SANITIZE STREQUAL "thread")
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(WARNING "PARLAB_SANITIZE=thread is tested with clang; this is ${CMAKE_CXX_COMPILER_ID}")
  endif()
elseif(NOT PARLAB_SANITIZE STREQUAL "")
  message(FATAL_ERROR "PARLAB_SANITIZE must be empty or 'thread', not '${PARLAB_SANITIZE}'")
endif()

function(parlab_sanitize target)
  if(PARLAB_SANITIZE STREQUAL "thread")
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer -g)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()
