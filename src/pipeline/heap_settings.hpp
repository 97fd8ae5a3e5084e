#pragma once
// How a fairgate process sets glibc's allocator up for batch work (the CLI and the service at
// start; the benchmarks too, so that they measure what the product does).

#include <malloc.h>

namespace fairgate::pipeline {

/// Keeps freed memory rather than handing it back to the kernel at once. Every workbook's zip
/// compression allocates zlib buffers larger than glibc's default mmap threshold and frees
/// them at once, so by default each workbook maps and unmaps them and the heap is trimmed after
/// every file; and the threads that type a big CSV table allocate in arenas of their own, which
/// the batch thread frees into and glibc then trims. Either way memory goes back to the kernel
/// only to be faulted in again. The ceilings bound what is kept to a few MB per thread.
inline void keep_freed_memory() {
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
}

}  // namespace fairgate::pipeline
