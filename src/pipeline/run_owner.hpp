#pragma once
// Which process a run belongs to, and what becomes of runs whose process died. A run records
// its host and process id when it starts; the next start of fairgate on the same host (a
// batch or the service) marks the runs of a process that no longer exists as interrupted, so
// that the store and the API never show a dead run as running for ever.

#include <string>
#include <vector>

#include "model/run.hpp"
#include "store/store.hpp"

namespace fairgate {

/// This machine's host name, as runs record it.
std::string this_host();

/// Stamps `run` with this process: host and process id.
void claim_run(Run& run);

/// Marks as interrupted every run still Running whose process on this host has ended (runs
/// of other hosts are left alone: this one cannot see their processes). Returns their ids.
/// A process id reused since by an unrelated process keeps its run Running until a later
/// start, which is the one case this cannot tell.
std::vector<std::string> mark_interrupted_runs(Store& store);

}  // namespace fairgate
