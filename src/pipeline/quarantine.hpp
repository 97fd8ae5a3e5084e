#pragma once
// Quarantine: where a refused file waits, beside a reason file saying what is wrong and
// where, for someone to fix it and send it again. Nothing refused is lost, and nothing that
// must not be kept is copied.

#include <string>

#include "model/run.hpp"

namespace fairgate {

/// Puts `file` in `folder`: a copy of it (where FileResult::copy_kept allows; a file of the
/// same name and other content is prefixed with the first 8 hex digits of its hash) and
/// NAME.reason.txt with its path, size, SHA-256 and reason, control characters escaped.
/// Returns the path the copy has, or would have. Never throws for the copy: a copy that
/// cannot be made is logged, and the reason file says why the file is refused all the same.
std::string put_in_quarantine(const std::string& folder, const FileResult& file);

}  // namespace fairgate
