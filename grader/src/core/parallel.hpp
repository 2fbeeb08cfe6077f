// Independent jobs on a few threads: the lanes of a grade, the judge's cases,
// the commands of one build stage.
#pragma once

#include <cstddef>
#include <functional>

namespace parlab::grader {

// Runs body(i) for every i in [0, n) on up to `workers` threads (the calling
// thread among them), each taking the next index not yet taken. When body
// returns false, no further index is handed out (those already taken
// finish, so the indices that ran are always a prefix 0..k); the first
// exception does the same, and is rethrown here once every thread is done.
void for_each_index(std::size_t n, std::size_t workers, const std::function<bool(std::size_t)>& body);

}  // namespace parlab::grader
