# parlab::warnings: the project's warning flags as an interface target, linked
# PRIVATE by every target (never set globally). PARLAB_WARNINGS_AS_ERRORS
# turns them into errors; the CI presets switch it on for the kit's own code.
# A student's build never gets -Werror: the grader configures it without it,
# and a warning in a student file must not fail their build.
option(PARLAB_WARNINGS_AS_ERRORS "Treat the project's warnings as errors (CI)" OFF)

if(NOT TARGET parlab_warnings)
  add_library(parlab_warnings INTERFACE)
  add_library(parlab::warnings ALIAS parlab_warnings)
  target_compile_options(parlab_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    $<$<BOOL:${PARLAB_WARNINGS_AS_ERRORS}>:-Werror>)
endif()

# parlab_set_warnings(<target>): the warnings above, for one target.
function(parlab_set_warnings target)
  target_link_libraries(${target} PRIVATE parlab::warnings)
endfunction()
