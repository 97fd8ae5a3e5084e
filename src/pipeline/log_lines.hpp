#pragma once
// How the CLI and the service write log lines. Messages name files and quote what suppliers
// sent, so each message is written through `printable`: a file name holding a line break or
// a terminal escape cannot forge a log line or repaint an operator's terminal.

#include <memory>
#include <string>

#include <spdlog/formatter.h>

namespace fairgate {

/// A formatter for `pattern` (spdlog's pattern syntax) in which %v, the message, is written
/// with its control characters escaped, and %@ is a command line's prefix for the level:
/// "fairgate: " for an error, "fairgate: warning: " for a warning, nothing otherwise.
std::unique_ptr<spdlog::formatter> log_line_formatter(const std::string& pattern);

}  // namespace fairgate
