#pragma once
// What `fairgate --help` and `fairgate help COMMAND` print.

#include <string>

namespace fairgate::cli {

/// Help for a command ("run", "rules"), or the overview for an empty or unknown name.
std::string help_text(const std::string& command);

}  // namespace fairgate::cli
