# One exercise = one folder. parlab_add_exercises() finds every
# <dir>/NN_slug/manifest.json and builds, for each *variant*:
#
#   bin/<id>/<variant>/public_tests   GoogleTest, tests/*.cpp
#   bin/<id>/<variant>/hidden_tests   GoogleTest, hidden/*.cpp (if present and PARLAB_WITH_HIDDEN)
#   bin/<id>/<variant>/timer          the grader's timing driver (kit/timer) + workload.cpp
#   bin/<id>/<variant>/bench          Google Benchmark, bench/*.cpp (release builds only)
#
# Variant "exercise" is the folder as it is (the stub, or a student's work);
# variant "solution" overlays the manifest's student_files from
# <solutions>/<id>/.
#
# With PARLAB_KIT_BUILD, the grader's build of the kit alone (once per kit,
# never per submission), each exercise gets instead, with NO student file:
#
#   bin/<id>/kit/reference       workload.cpp + kit sources + baseline_copies:
#                                the baseline and calibration (copies) runs
#   bin/<id>/kit/public_tests    the tests, linked without the student's code,
#   bin/<id>/kit/hidden_tests    only ever run with --gtest_list_tests: the
#                                names of the tests every submission must run Nothing here is specific to one exercise: an instructor
# adds an exercise by copying a folder and editing its manifest.

set(PARLAB_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# Reads a JSON array of strings at the given member path into out_var.
function(_parlab_json_list out_var json)
  string(JSON _len ERROR_VARIABLE _err LENGTH "${json}" ${ARGN})
  set(_items "")
  if(NOT _err AND _len GREATER 0)
    math(EXPR _last "${_len} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _item GET "${json}" ${ARGN} ${_i})
      list(APPEND _items "${_item}")
    endforeach()
  endif()
  set(${out_var} "${_items}" PARENT_SCOPE)
endfunction()

# The folder names the exercise (as in the grader, core/manifest.cpp):
# "04_monte_carlo_pi" is its id, "monte_carlo_pi" its slug, the prefix of
# its CMake targets. A manifest does not repeat them.
function(_parlab_exercise_names exercise_dir id_var slug_var)
  get_filename_component(_id "${exercise_dir}" NAME)
  if(NOT _id MATCHES "^[0-9][0-9]_[a-z0-9_]+$")
    message(FATAL_ERROR "${exercise_dir}: an exercise folder is named NN_name (two digits, an underscore, lower case)")
  endif()
  string(SUBSTRING "${_id}" 3 -1 _slug)
  set(${id_var} "${_id}" PARENT_SCOPE)
  set(${slug_var} "${_slug}" PARENT_SCOPE)
endfunction()

# Common settings for every kit target of an exercise.
function(_parlab_exercise_target target exercise_dir)
  target_include_directories(${target} PRIVATE "${exercise_dir}")
  parlab_set_warnings(${target})
  parlab_sanitize(${target})
endfunction()

function(_parlab_exe target id variant name)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin/${id}/${variant}")
  if(PARLAB_SANITIZE STREQUAL "thread")
    # Refuses to start if the distribution's uninstrumented libtbb got loaded.
    target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,parlab_tbb_guard>")
  endif()
endfunction()

# The kit's objects of an exercise, compiled once by the kit build into
# kit-objects/<id>/lib<name>.a: imported by a submission's build.
function(_parlab_imported_kit_archive target id name)
  add_library(${target} STATIC IMPORTED)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${PARLAB_KIT_OBJECTS}/kit-objects/${id}/lib${name}.a")
endfunction()

# ... and their side in the kit build: a static library of kit sources only.
function(_parlab_kit_archive target id exercise_dir sources)
  add_library(${target} STATIC ${sources})
  _parlab_exercise_target(${target} "${exercise_dir}")
  set_target_properties(${target} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/kit-objects/${id}")
endfunction()

# A program made of kit objects linked whole (GoogleTest registers tests and
# the timer its workload from static initialisers and calls that nothing
# names), plus the code under test. An executable needs one source of its own.
function(_parlab_exe_from_kit_objects target exercise_dir objects)
  add_executable(${target} "${PARLAB_CMAKE_DIR}/empty.cpp")
  _parlab_exercise_target(${target} "${exercise_dir}")  # the sanitizer's link flags
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${objects}>" ${ARGN})
endfunction()

function(parlab_add_exercise_variant exercise_dir variant overlay_dir)
  file(READ "${exercise_dir}/manifest.json" manifest)
  # Re-configure when the manifest changes (it lists the sources).
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${exercise_dir}/manifest.json")
  _parlab_exercise_names("${exercise_dir}" id slug)
  _parlab_json_list(student_files "${manifest}" student_files)
  _parlab_json_list(kit_sources "${manifest}" build kit_sources)
  _parlab_json_list(libraries "${manifest}" build libraries)
  set(prefix "${slug}_${variant}")

  # The code under test: the student's files (or the solution's) plus the kit's
  # own sources for this exercise, such as the sequential baseline.
  set(impl_sources "")
  foreach(f IN LISTS student_files)
    if(overlay_dir AND EXISTS "${overlay_dir}/${f}")
      list(APPEND impl_sources "${overlay_dir}/${f}")
    else()
      list(APPEND impl_sources "${exercise_dir}/${f}")
    endif()
  endforeach()
  if(NOT PARLAB_KIT_OBJECTS)
    foreach(f IN LISTS kit_sources)
      list(APPEND impl_sources "${exercise_dir}/${f}")
    endforeach()
  endif()
  add_library(${prefix}_impl STATIC ${impl_sources})
  _parlab_exercise_target(${prefix}_impl "${exercise_dir}")
  target_include_directories(${prefix}_impl PUBLIC "${exercise_dir}")
  target_link_libraries(${prefix}_impl PUBLIC parlab::kit Threads::Threads)
  if("tbb" IN_LIST libraries)
    target_link_libraries(${prefix}_impl PUBLIC TBB::tbb)
  endif()

  file(GLOB public_tests CONFIGURE_DEPENDS "${exercise_dir}/tests/*.cpp")
  file(GLOB hidden_tests CONFIGURE_DEPENDS "${exercise_dir}/hidden/*.cpp")
  if(PARLAB_KIT_OBJECTS)
    # The grader's build of one submission: only the student's files
    # compile; the rest is the kit build's objects of this exercise, compiled
    # once per kit with the same compiler and flags (steps/build).
    if(kit_sources)
      _parlab_imported_kit_archive(${prefix}_kit_sources ${id} ${slug}_kit)
      target_link_libraries(${prefix}_impl PUBLIC ${prefix}_kit_sources)
    endif()
    _parlab_imported_kit_archive(${prefix}_public_objects ${id} ${slug}_public_objects)
    _parlab_exe_from_kit_objects(${prefix}_public_tests "${exercise_dir}" ${prefix}_public_objects
                                 ${prefix}_impl GTest::gtest GTest::gtest_main)
    _parlab_exe(${prefix}_public_tests ${id} ${variant} public_tests)
    if(PARLAB_WITH_HIDDEN AND hidden_tests)
      _parlab_imported_kit_archive(${prefix}_hidden_objects ${id} ${slug}_hidden_objects)
      _parlab_exe_from_kit_objects(${prefix}_hidden_tests "${exercise_dir}" ${prefix}_hidden_objects
                                   ${prefix}_impl GTest::gtest GTest::gtest_main)
      _parlab_exe(${prefix}_hidden_tests ${id} ${variant} hidden_tests)
    endif()
    _parlab_imported_kit_archive(${prefix}_workload_objects ${id} ${slug}_workload_objects)
    _parlab_exe_from_kit_objects(${prefix}_timer "${exercise_dir}" ${prefix}_workload_objects ${prefix}_impl parlab_timer_main)
    _parlab_exe(${prefix}_timer ${id} ${variant} timer)
    return()
  endif()

  add_executable(${prefix}_public_tests ${public_tests})
  _parlab_exercise_target(${prefix}_public_tests "${exercise_dir}")
  target_link_libraries(${prefix}_public_tests PRIVATE ${prefix}_impl GTest::gtest GTest::gtest_main)
  _parlab_exe(${prefix}_public_tests ${id} ${variant} public_tests)

  if(PARLAB_WITH_HIDDEN AND hidden_tests)
    add_executable(${prefix}_hidden_tests ${hidden_tests})
    _parlab_exercise_target(${prefix}_hidden_tests "${exercise_dir}")
    target_link_libraries(${prefix}_hidden_tests PRIVATE ${prefix}_impl GTest::gtest GTest::gtest_main)
    _parlab_exe(${prefix}_hidden_tests ${id} ${variant} hidden_tests)
  endif()

  add_executable(${prefix}_timer "${exercise_dir}/workload.cpp")
  _parlab_exercise_target(${prefix}_timer "${exercise_dir}")
  target_link_libraries(${prefix}_timer PRIVATE ${prefix}_impl parlab_timer_main)
  _parlab_exe(${prefix}_timer ${id} ${variant} timer)

  file(GLOB bench_sources CONFIGURE_DEPENDS "${exercise_dir}/bench/*.cpp")
  if(bench_sources AND PARLAB_BUILD_BENCHMARKS AND NOT PARLAB_SANITIZE)
    add_executable(${prefix}_bench ${bench_sources})
    _parlab_exercise_target(${prefix}_bench "${exercise_dir}")
    target_link_libraries(${prefix}_bench PRIVATE ${prefix}_impl benchmark::benchmark benchmark::benchmark_main)
    _parlab_exe(${prefix}_bench ${id} ${variant} bench)
  endif()

  # The kit's own checks: reference solutions must pass every test; stubs must
  # at least build and run (their grading verdicts are the grader's tests).
  if(variant STREQUAL "solution")
    add_test(NAME ${id}.solution.public COMMAND ${prefix}_public_tests)
    set_tests_properties(${id}.solution.public PROPERTIES LABELS "solutions")
    if(TARGET ${prefix}_hidden_tests)
      add_test(NAME ${id}.solution.hidden COMMAND ${prefix}_hidden_tests)
      set_tests_properties(${id}.solution.hidden PROPERTIES LABELS "solutions")
    endif()
  elseif(variant STREQUAL "exercise")
    add_test(NAME ${id}.stub.runs COMMAND ${prefix}_timer --variant student --size smoke)
    set_tests_properties(${id}.stub.runs PROPERTIES LABELS "stubs")
  endif()
endfunction()

# Test programs that can list their tests but not run them: the student's
# functions stay unresolved (address 0; a non-PIE link accepts that), so the
# list of tests a submission must run cannot depend on the submission.
function(_parlab_listing_program target exercise_dir objects slug)
  _parlab_exe_from_kit_objects(${target} "${exercise_dir}" ${objects} ${slug}_kit GTest::gtest GTest::gtest_main)
  target_link_options(${target} PRIVATE -no-pie "LINKER:--unresolved-symbols=ignore-all")
endfunction()

function(parlab_add_exercise_kit exercise_dir)
  file(READ "${exercise_dir}/manifest.json" manifest)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${exercise_dir}/manifest.json")
  _parlab_exercise_names("${exercise_dir}" id slug)
  _parlab_json_list(kit_sources "${manifest}" build kit_sources)
  _parlab_json_list(libraries "${manifest}" build libraries)

  set(kit_files "")
  foreach(f IN LISTS kit_sources)
    list(APPEND kit_files "${exercise_dir}/${f}")
  endforeach()
  if(NOT kit_files)
    set(kit_files "${PARLAB_CMAKE_DIR}/empty.cpp")
  endif()
  # The kit's half of every submission's programs (the objects a
  # submission's build links: see PARLAB_KIT_OBJECTS above).
  _parlab_kit_archive(${slug}_kit ${id} "${exercise_dir}" "${kit_files}")
  target_include_directories(${slug}_kit PUBLIC "${exercise_dir}")
  target_link_libraries(${slug}_kit PUBLIC parlab::kit Threads::Threads)
  if("tbb" IN_LIST libraries)
    target_link_libraries(${slug}_kit PUBLIC TBB::tbb)
  endif()
  file(GLOB public_tests CONFIGURE_DEPENDS "${exercise_dir}/tests/*.cpp")
  file(GLOB hidden_tests CONFIGURE_DEPENDS "${exercise_dir}/hidden/*.cpp")
  foreach(suite IN ITEMS public hidden)
    if(${suite}_tests)
      _parlab_kit_archive(${slug}_${suite}_objects ${id} "${exercise_dir}" "${${suite}_tests}")
      target_link_libraries(${slug}_${suite}_objects PRIVATE ${slug}_kit GTest::gtest)
    endif()
  endforeach()
  _parlab_kit_archive(${slug}_workload_objects ${id} "${exercise_dir}" "${exercise_dir}/workload.cpp")
  target_link_libraries(${slug}_workload_objects PRIVATE ${slug}_kit parlab_timer_main)
  # The ThreadSanitizer kit build makes only those objects.
  if(PARLAB_SANITIZE)
    return()
  endif()

  add_executable(${slug}_reference "${exercise_dir}/workload.cpp")
  _parlab_exercise_target(${slug}_reference "${exercise_dir}")
  target_link_libraries(${slug}_reference PRIVATE ${slug}_kit parlab_reference_main)
  _parlab_exe(${slug}_reference ${id} kit reference)

  _parlab_listing_program(${slug}_public_listing "${exercise_dir}" ${slug}_public_objects ${slug})
  _parlab_exe(${slug}_public_listing ${id} kit public_tests)
  if(hidden_tests)
    _parlab_listing_program(${slug}_hidden_listing "${exercise_dir}" ${slug}_hidden_objects ${slug})
    _parlab_exe(${slug}_hidden_listing ${id} kit hidden_tests)
  endif()
endfunction()

function(parlab_add_exercises exercises_dir solutions_dir)
  file(GLOB manifests CONFIGURE_DEPENDS "${exercises_dir}/*/manifest.json")
  list(SORT manifests)
  foreach(manifest_path IN LISTS manifests)
    get_filename_component(exercise_dir "${manifest_path}" DIRECTORY)
    get_filename_component(id "${exercise_dir}" NAME)
    if(PARLAB_ONLY AND NOT id STREQUAL PARLAB_ONLY)
      continue()
    endif()
    if(PARLAB_KIT_BUILD)
      parlab_add_exercise_kit("${exercise_dir}")
      continue()
    endif()
    parlab_add_exercise_variant("${exercise_dir}" exercise "")
    if(solutions_dir AND IS_DIRECTORY "${solutions_dir}/${id}")
      parlab_add_exercise_variant("${exercise_dir}" solution "${solutions_dir}/${id}")
    endif()
  endforeach()
endfunction()
