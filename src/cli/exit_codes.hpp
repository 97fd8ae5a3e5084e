#pragma once
// Exit codes. A run that worked exits 0 whatever it found; sysexits.h codes say why a run
// could not work; 1 is kept for --fail-on, a compliance result a script asked to see.

#include <sysexits.h>

namespace fairgate::cli {

inline constexpr int kOk = EX_OK;
inline constexpr int kFindingsAtThreshold = 1;  ///< --fail-on matched a finding.
inline constexpr int kUsage = EX_USAGE;         ///< 64: bad command line.
inline constexpr int kDataError = EX_DATAERR;   ///< 65: the rulebook is invalid; rule tests failed.
inline constexpr int kNoInput = EX_NOINPUT;     ///< 66: rulebook or inbox missing.
inline constexpr int kSoftware = EX_SOFTWARE;   ///< 70: an internal error.
inline constexpr int kCantCreate = EX_CANTCREAT;///< 73: output folder not writable.
inline constexpr int kIoError = EX_IOERR;       ///< 74: the store failed.

}  // namespace fairgate::cli
