#pragma once
// Wall-clock time stamps for runs and the store: UTC, so that logs, databases and machines
// in different zones agree.

#include <string>

namespace fairgate {

/// Now, "2026-11-23T10:15:00Z".
std::string utc_now_iso();
/// Now, "20261123T101500Z": sorts as text, safe in file names and ids.
std::string utc_now_compact();

}  // namespace fairgate
