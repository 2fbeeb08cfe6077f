// The scaling curve as a standalone SVG: measured speedups against the ideal
// and against the Amdahl fit, with axes, ticks, a legend and a title that
// gives p.
//
// The markup is meant to be read back by tools and tests, not only seen:
//   <svg class="parlab-scaling" data-exercise data-p data-p-error ...>
//   <g class="tick x-tick" data-value="2"><line x1 .../><text>2</text></g>   (and y-tick)
//   <polyline class="series ideal" data-series="ideal" points="x,y ..."/>
//   <polyline class="series amdahl" data-series="amdahl" .../>   (only with a fit)
//   <g class="series measured" data-series="measured">
//     <circle class="point" data-threads data-speedup cx cy r/>  ("point oversubscribed": beyond the fit)
//   <g class="legend"><g class="legend-item" data-series="..."><text>...</text></g></g>
// A tick's line sits at its value's coordinate, so two ticks give the axis scale.
#pragma once

#include <string>

#include "scaling/scale_result.hpp"

namespace parlab::grader::scaling {

std::string svg_chart(const ScaleResult& r);

}  // namespace parlab::grader::scaling
