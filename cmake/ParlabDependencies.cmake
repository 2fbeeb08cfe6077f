# Third-party packages, all from Debian/Ubuntu (tools/setup installs them).
# Nothing is downloaded at configure time: the kit must configure offline.

find_package(Threads REQUIRED)
find_package(GTest REQUIRED)

# oneTBB. Under TSan the kit links the instrumented build that tools/setup
# caches in .cache/tbb-tsan/install: the distribution's libtbb is not
# instrumented and TSan reports its internal synchronisation as races.
set(PARLAB_TBB_TSAN_PREFIX "${PROJECT_SOURCE_DIR}/.cache/tbb-tsan/install" CACHE PATH
    "Install prefix of the ThreadSanitizer-instrumented oneTBB")
if(PARLAB_SANITIZE STREQUAL "thread")
  find_package(TBB CONFIG PATHS "${PARLAB_TBB_TSAN_PREFIX}" NO_DEFAULT_PATH)
  if(NOT TBB_FOUND)
    message(FATAL_ERROR
      "The TSan build needs the instrumented oneTBB in ${PARLAB_TBB_TSAN_PREFIX}.\n"
      "Run: tools/setup")
  endif()
  # Where the instrumented libtbb lives, so targets can put it on their RPATH
  # and kit/tbb_guard.cpp can check at start-up that it is the one loaded.
  get_target_property(_parlab_tbb_location TBB::tbb LOCATION)
  get_filename_component(PARLAB_TBB_LIBDIR "${_parlab_tbb_location}" DIRECTORY)
else()
  find_package(TBB CONFIG REQUIRED)
  set(PARLAB_TBB_LIBDIR "")
endif()

if(PARLAB_BUILD_BENCHMARKS AND NOT PARLAB_SANITIZE)
  find_package(benchmark CONFIG REQUIRED)
endif()

include(GoogleTest)
