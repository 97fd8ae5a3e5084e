#pragma once
// `fairgate inspect FILE... [--json] [--cells]`: what fairgate reads from a file, before any
// rule sees it.

#include <ostream>
#include <string>
#include <vector>

#include "importers/reading_plan.hpp"

namespace fairgate::cli {

/// Reads each file in `paths` as a run would (importers::import_file with the dictionary
/// `reading` gives the file: the rulebook's, with its template mapping's headings if one
/// applies) and writes to `out`:
///  - text (default): per file, the detected format; each contract and return with its
///    identity; every field with its typed value (as an officer reads it, "invalid" with the
///    reason where it could not be read) and provenance; then the notes (unrecognised columns
///    and questions, quirks).
///  - `json`: one JSON object per file, one per line: {"file", "format", "contracts":
///    [{"id", ..., "fields": [{"field", "state", "value", "display", "raw", "where"}]}],
///    "returns": [...], "notes": [{"where", "message"}]}; a file that cannot be imported
///    gives {"file", "error"}.
///  - `cells` (XLSX and CSV): every non-empty cell as a JSON line {"file", "sheet", "cell",
///    "type", "value"} (importers::read_cells), exactly as the reader saw it; `json` is then
///    implied.
/// A file that cannot be read is reported (text: to `err` as "FILE: reason"; JSON: an
/// "error" member on `out`) and the others are still inspected.
/// Returns 0 when every file was read, 65 (EX_DATAERR) when at least one was refused, 66
/// (EX_NOINPUT) when a path does not exist or is not a regular file, 64 (EX_USAGE) when
/// `paths` is empty. Nothing is written to any store or folder.
int inspect_command(const std::vector<std::string>& paths, bool json, bool cells,
                    const importers::ReadingPlan& reading, std::ostream& out, std::ostream& err);

}  // namespace fairgate::cli
