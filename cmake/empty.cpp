// The one source of a program linked from kit objects (cmake/ParlabExercise.cmake):
// CMake needs a source file for every executable.
