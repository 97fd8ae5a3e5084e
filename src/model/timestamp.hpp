#pragma once
// Wall-clock time stamps for runs and the store: UTC, so that logs, databases and machines
// in different zones agree.

#include <cstdint>
#include <string>

namespace fairgate {

/// Now, "2026-11-23T10:15:00Z".
std::string utc_now_iso();
/// `ms` milliseconds after 1970 as "20261123T101500.250Z": sorts as text (to year 9999),
/// safe in file names and ids.
std::string utc_compact_ms(int64_t ms);

}  // namespace fairgate
