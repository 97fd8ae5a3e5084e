#pragma once
// Text from outside (a file name, a supplier's answer) made safe to show on one line: in a
// log, a reason file, a terminal. A file name holding a line break or a terminal escape must
// not be able to start a log line of its own or repaint the screen.

#include <string>
#include <string_view>

namespace fairgate {

/// `text` with each control character (C0, DEL, and C1 written in UTF-8) as an escape (\n,
/// \t, \x1b, \u0085), each byte that is not part of valid UTF-8 as \xNN, and the backslash
/// as \\, so that different texts stay different. Printable text, UTF-8 included, is kept.
std::string printable(std::string_view text);

}  // namespace fairgate
