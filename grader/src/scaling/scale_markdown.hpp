// The scaling curve as a Markdown section, to paste or append to the
// Markdown report (`grade --format markdown`): the chart as an image, the
// reading, and the numbers as a table, which render where the image cannot
// (a CI job summary cannot show a local file).
#pragma once

#include <string>

#include "scaling/scale_result.hpp"

namespace parlab::grader::scaling {

// `image` is the SVG's path as the Markdown file should link it (relative to
// the Markdown file's folder).
std::string scale_markdown(const ScaleResult& r, const std::string& image);

}  // namespace parlab::grader::scaling
