#pragma once
// The words and bar of `fairgate run`'s progress, as pure functions of a snapshot (tested
// without a terminal or a clock).

#include <optional>
#include <string>

#include "pipeline/batch_progress.hpp"

namespace fairgate::cli {

/// "1,200": a count as people write it.
std::string format_count(size_t n);

/// Seconds left in the stage at its pace so far: elapsed × left ÷ done. Nullopt while the pace
/// is not known yet (nothing done, or under a second gone).
std::optional<double> seconds_left(size_t done, size_t total, double elapsed_seconds);

/// "about 30 s left", rounded as a person would say it: "a few seconds left" under 10 s, to
/// 5 s under a minute, to the minute ("about 4 min left") under an hour, then hours and
/// minutes ("about 1 h 5 min left").
std::string format_time_left(double seconds);

/// The line written now and then when stderr is not a terminal, without the "fairgate: "
/// prefix: "read 1,200 of 3,000 files (40%), about 30 s left" or "judged 1,200 of 3,000
/// contracts (40%), about 30 s left" ("... contracts and 3 of 40 tenders (...)" when the run
/// screens tenders too). The time left is of the stage, and left out while not known.
std::string progress_line(const BatchProgress& p);

/// The one-line bar redrawn in place on a terminal, `width` characters of bar:
/// "[#########-----------] files 3,000/3,000 | contracts 1,200/3,000 | about 30 s left".
std::string progress_bar(const BatchProgress& p, size_t width = 24);

}  // namespace fairgate::cli
