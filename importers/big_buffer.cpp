#include "importers/big_buffer.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace fairgate::importers {

namespace {
// Below this a buffer comes from the heap's own pages (the CLI's M_MMAP_THRESHOLD is 4 MiB),
// which other buffers already touched; above it from fresh pages of its own.
constexpr std::size_t kBig = std::size_t{4} << 20;
}  // namespace

void reserve_big(std::string& s, std::size_t capacity) {
    const bool fresh = capacity > s.capacity();
    s.reserve(capacity);
    if (!fresh || capacity < kBig) return;
    // Whole pages inside the buffer: madvise takes page-aligned ranges.
    static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(s.data()) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(s.data()) + s.capacity()) & ~(page - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint: errors ignored
}

}  // namespace fairgate::importers
