#pragma once
// Text from outside (a file name, a supplier's answer) made safe to show on one line: in a
// log, a reason file, a terminal. A file name holding a line break or a terminal escape must
// not be able to start a log line of its own or repaint the screen.

#include <cstddef>
#include <string>
#include <string_view>

namespace fairgate {

/// The length of the well-formed UTF-8 sequence starting at `text[i]`: 1 for an ASCII byte,
/// 2 to 4 for a valid multi-byte sequence; 0 when the bytes there are not one (a stray
/// continuation byte, a sequence cut short, an overlong form, a surrogate, a code point past
/// U+10FFFF). `i` must be less than text.size(). Every writer of outside text (this one, the
/// service's HTML and JSON) decides with it what is UTF-8.
size_t utf8_sequence_length(std::string_view text, size_t i);

/// `text` with each control character (C0, DEL, and C1 written in UTF-8) as an escape (\n,
/// \t, \x1b, \u0085), each byte that is not part of valid UTF-8 as \xNN, and the backslash
/// as \\, so that different texts stay different. Printable text, UTF-8 included, is kept.
std::string printable(std::string_view text);

}  // namespace fairgate
