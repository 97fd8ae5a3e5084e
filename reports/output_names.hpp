#pragma once
// Where a contract's or a tender's workbooks go under OUT. Ids come from suppliers' files
// and the council's register, so they are text from outside: any id must give a folder of
// its own, inside OUT, never one that fairgate itself uses.

#include <string>
#include <string_view>

namespace fairgate::reports {

/// The folder name for a contract or tender id. Distinct ids always give distinct names:
/// '%' and each character a file name cannot hold safely ('/', '\', ':', '*', '?', '"', '<',
/// '>', '|', control characters) are written %XX, as are a leading dot or space and a
/// trailing one (so "." and ".." name nothing above). An id that would take a name fairgate
/// uses in OUT ("quarantine", "processed", "tenders" in any case, or one starting
/// "portfolio ", the portfolio workbooks) has its first character written %XX. An id whose
/// name would pass 120 bytes is cut at 100 and ends "~" and 16 hex digits of its SHA-256.
/// The empty id is "%".
std::string output_folder_name(std::string_view id);

}  // namespace fairgate::reports
