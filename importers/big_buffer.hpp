#pragma once
// Memory for a whole input file or an inflated part of one.

#include <cstddef>
#include <string>

namespace fairgate::importers {

/// Makes room in `s` for `capacity` bytes (as reserve does) and, for a buffer of megabytes,
/// asks the kernel to back it with transparent huge pages. Filling a fresh buffer costs a page
/// fault per 4 KiB page touched, and on a virtual machine a fault is dear (about 16 µs on the
/// 2-vCPU VM of docs/performance.md: reading a 135 MB file into a string took 0.5 s, 0.04 s
/// on huge pages). Only a hint: where the kernel offers none (transparent_hugepage "never")
/// the buffer is an ordinary one.
void reserve_big(std::string& s, std::size_t capacity);

}  // namespace fairgate::importers
