#pragma once
// What `fairgate --help` and `fairgate help COMMAND` print.

#include <string>

namespace fairgate::cli {

/// Help for a command ("run", "rules", "inspect", "serve"), or the overview for an empty name
/// (and for a name that is no command: has_help() tells which).
std::string help_text(const std::string& command);
/// Whether `command` has help of its own: an empty name (the overview) or a command.
bool has_help(const std::string& command);

}  // namespace fairgate::cli
