// Reference solution, exercise 12: the same TaskPool as the stub, but each
// task carries a whole chunk of items instead of one.
//
// The stub paid the pool's fixed cost (a std::function, three trips through
// one mutex that every task shares, often a wake-up of a sleeping worker:
// 0.3 us to several us) once per 0.1 us item. Here it is paid once per chunk of thousands of items,
// so it falls to a fraction of a percent of the work, and the workers spend
// their time in item_value() instead of in the pool.
//
// How many chunks: kChunksPerWorker per worker rather than exactly one. When
// one core is also busy with something else, its worker falls behind; with
// several chunks each, the others take more of them and nobody waits long for
// the last one. More chunks than that buy no more balance and cost overhead.
// No chunk is smaller than kMinChunkItems (about 0.8 ms of work, over 100x
// even the worst case of a task's cost, a 5 us wake-up round trip), so small
// inputs give few tasks, or none at all.
#include <algorithm>
#include <cstdint>

#include "task_pool.hpp"
#include "tiny_tasks.hpp"

namespace parlab::tiny_tasks {

namespace {

constexpr std::uint64_t kChunksPerWorker = 4;
constexpr std::uint64_t kMinChunkItems = 8192;

}  // namespace

std::vector<std::uint64_t> map_items(std::uint64_t n, std::uint64_t seed, unsigned threads) {
  std::vector<std::uint64_t> out(n);
  if (n == 0) return out;

  const std::uint64_t workers = std::max(1U, threads);
  const std::uint64_t chunk = std::max(kMinChunkItems, (n + kChunksPerWorker * workers - 1) /
                                                           (kChunksPerWorker * workers));
  const std::uint64_t chunks = (n + chunk - 1) / chunk;
  if (chunks == 1) {  // one chunk: no pool, no threads, no overhead at all
    for (std::uint64_t i = 0; i < n; ++i) out[i] = item_value(seed, i);
    return out;
  }

  // Never more workers than chunks: a worker without a chunk would only be
  // started, woken and joined.
  TaskPool pool(static_cast<unsigned>(std::min(workers, chunks)));
  for (std::uint64_t begin = 0; begin < n; begin += chunk) {
    const std::uint64_t end = std::min(n, begin + chunk);
    // Chunks are disjoint ranges of out[], so no two tasks write the same slot.
    pool.submit([&out, seed, begin, end] {
      for (std::uint64_t i = begin; i < end; ++i) out[i] = item_value(seed, i);
    });
  }
  pool.wait();  // every chunk has run; its writes are visible here
  return out;
}

}  // namespace parlab::tiny_tasks
