// Classroom 50's `classroom50/result/v1`: the result.json its autograde
// runner attaches to the submission's Release, which its score collection
// copies into the gradebook. One test per check, as in the Classroom v1
// output, so a student gets partial credit.
//
// Classroom 50 counts whole points (its `score` and `max-score` are
// integers). The kit's checks are worth fractions (2.5 of an exercise's 10),
// so every points figure is multiplied by the smallest factor that makes all
// the maxima whole (classroom50_scale); earned points are rounded down.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

// Who and what was graded: fields the gradebook checks against the student's
// repository (a result for another repository is rejected there).
struct Classroom50Identity {
  std::string classroom;                     // classroom short name
  std::string assignment;                    // assignment slug
  std::string assignment_type = "individual";  // individual, group or team
  std::string owner;                         // the repository owner's login (<username> of the repo name)
  std::string submission;                    // the tag graded: submit/<UTC timestamp>-<short sha>
  std::string commit;                        // link to the graded commit
  std::string release;                       // link to the submission's Release
  std::string review;                        // link to the diff from the starter code ("" = the commit link)
  std::string datetime;                      // the submission instant, YYYY-MM-DDTHH:MM:SSZ
  std::string graded_at;                     // when this grading ran, same format ("" = leave out)
  std::string submitted_by;                  // who pushed ("" = leave out)
  std::optional<long long> submitted_by_id;  // their numeric GitHub id, when known
  std::string missing;  // the environment variables that were not set, for a warning ("" when all were)
};

// Reads the variables Classroom 50's runner gives an autograder (CLASSROOM,
// ASSIGNMENT, ASSIGNMENT_TYPE, OWNER or USERNAME, SUBMISSION_TAG, COMMIT_URL,
// RELEASE_URL, REVIEW_URL, GITHUB_ACTOR, GITHUB_ACTOR_ID), plus the kit's
// SUBMISSION_DATETIME (the graded commit's date; default: now). A missing
// one becomes a placeholder that the gradebook will reject, and is named in
// `missing`. `now` is "YYYY-MM-DDTHH:MM:SSZ".
Classroom50Identity classroom50_identity_from_env(const std::function<const char*(const char*)>& getenv,
                                                  const std::string& now);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now_iso8601();

// The smallest of 1, 2, 4, 5, 10, 20, 25, 50, 100 that makes every check's
// max_score whole; 100 (then rounded) when none does.
int classroom50_scale(const GradeReport& report);

std::string to_classroom50(const GradeReport& report, const Classroom50Identity& identity);

}  // namespace parlab::grader::report
