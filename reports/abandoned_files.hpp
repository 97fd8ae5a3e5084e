#pragma once
// Temporary workbooks left behind by a writer that was killed. Workbooks are written to a
// hidden temporary file beside their target (".<name>.tmp-<pid>-<n>") and renamed into
// place; SIGKILL or a power cut between the two leaves the temporary file.

#include <cstddef>
#include <string>

namespace fairgate::reports {

/// Removes, under `out_dir`, every temporary workbook whose writing process no longer runs
/// on this machine. Files of live processes (a run in progress) are left alone. Returns how
/// many it removed; folders it cannot read are skipped.
std::size_t remove_abandoned_workbooks(const std::string& out_dir);

}  // namespace fairgate::reports
