// The kit's sequential baseline. The grader times your render() against
// THIS function, never against your own code with one thread.

#include "mandelbrot_balance.hpp"

namespace parlab::mandelbrot_balance::baseline {

std::vector<std::uint32_t> render(const View& view, std::size_t width, std::size_t height) {
  if (width == 0 || height == 0) return {};
  std::vector<std::uint32_t> counts(width * height);
  for (std::size_t row = 0; row < height; ++row) {
    escape_row(view, width, height, row, std::span(counts).subspan(row * width, width));
  }
  return counts;
}

}  // namespace parlab::mandelbrot_balance::baseline
