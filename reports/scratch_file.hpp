#pragma once
// A read-write scratch stream held in memory, for libxlsxwriter's workbook parts (see
// xlsx_packaging.hpp). Private to reports/.

#include <cstddef>
#include <cstdio>

namespace fairgate::reports::detail {

/// A new stream open for reading and writing (as tmpfile() gives), kept in memory until it
/// holds more than `spill_bytes`; then its contents move to a temporary file in `spill_dir`
/// (null, or a folder that cannot take it: the system's temporary folder, as libxlsxwriter
/// does), deleted when the stream is closed, and it goes on there. Writing, rewinding, seeking and reading behave as on a file. If the spill cannot be
/// made the write fails (ferror) with errno set. fclose frees it. Null if no stream could be
/// made, with errno set.
std::FILE* open_scratch_file(const char* spill_dir, std::size_t spill_bytes);

}  // namespace fairgate::reports::detail
