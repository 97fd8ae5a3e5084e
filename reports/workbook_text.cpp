#include "reports/workbook_text.hpp"

#include <algorithm>
#include <cmath>

namespace fairgate::reports::detail {

namespace {

/// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 if it is not one
/// (overlong forms, surrogates and code points above U+10FFFF are not well formed).
std::size_t utf8_sequence(std::string_view s) {
    const auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 == 0xE0) { len = 3; lo = 0xA0; }
    else if (b0 == 0xED) { len = 3; hi = 0x9F; }
    else if (b0 >= 0xE1 && b0 <= 0xEF) len = 3;
    else if (b0 == 0xF0) { len = 4; lo = 0x90; }
    else if (b0 == 0xF4) { len = 4; hi = 0x8F; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
    else return 0;
    if (s.size() < len) return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        const unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) return 0;
    }
    return len;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

bool cell_text_unchanged(std::string_view text) {
    if (text.size() > kMaxCellChars) return false;  // bytes bound characters: checked slowly
    std::size_t i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence(text.substr(i));
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string cell_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t chars = 0;
    std::size_t cut_at = std::string::npos;  // byte offset where the kept text would end
    // Room for the note; the note itself is ASCII, so its length in bytes is in characters.
    constexpr std::size_t kNoteRoom = 120;
    while (!text.empty()) {
        const std::size_t n = utf8_sequence(text);
        if (chars == kMaxCellChars - kNoteRoom) cut_at = out.size();
        if (n == 0) {
            out += kReplacement;
            text.remove_prefix(1);
        } else {
            out.append(text.data(), n);
            text.remove_prefix(n);
        }
        ++chars;
    }
    if (chars <= kMaxCellChars) return out;
    out.resize(cut_at);
    out += " ... [truncated by fairgate: the full text is " + std::to_string(chars) +
           " characters; see the source file]";
    return out;
}

std::string safe_file_name(std::string_view text, std::size_t max_bytes) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unsafe = u < 0x20 || u == 0x7F || c == '/' || c == '\\' || c == ':' ||
                            c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
        out += unsafe ? '_' : c;
    }
    // Keep whole UTF-8 characters when shortening: drop continuation bytes at the cut.
    if (out.size() > max_bytes) {
        std::size_t end = max_bytes;
        while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
        out.resize(end);
    }
    if (out.empty()) return "_";
    if (out.front() == '.' || out.front() == ' ') out.front() = '_';
    if (out.back() == '.' || out.back() == ' ') out.back() = '_';
    return out;
}

unsigned wrapped_lines(std::string_view text, double width, bool bold, double font_pt) {
    // Calibri's average prose character is narrower than the '0' an Excel width counts in;
    // bold text is about a tenth wider, and larger type wider in proportion.
    const double per_unit = (bold ? 1.0 : 1.1) * 11.0 / std::max(1.0, font_pt);
    const std::size_t capacity = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(width * per_unit)));
    // Most cells fit on one line: bytes bound code points.
    if (text.size() <= capacity && text.find('\n') == std::string_view::npos) return 1;

    unsigned lines = 1;
    std::size_t used = 0;    // code points on the current line
    std::size_t spaces = 0;  // spaces waiting between the line and the next word
    std::size_t word = 0;    // code points of the word being read
    auto place_word = [&] {
        if (word == 0) return;
        if (used > 0 && used + spaces + word <= capacity) {
            used += spaces + word;
        } else {
            if (used > 0) ++lines;
            // A word longer than a line is broken across lines.
            lines += static_cast<unsigned>((word - 1) / capacity);
            used = word - (word - 1) / capacity * capacity;
        }
        word = 0;
        spaces = 0;
    };
    for (char ch : text) {
        const auto u = static_cast<unsigned char>(ch);
        if (ch == '\n') {
            place_word();
            ++lines;
            used = 0;
            spaces = 0;
        } else if (ch == ' ' || ch == '\t') {
            place_word();
            if (used > 0) ++spaces;
        } else if ((u & 0xC0) != 0x80) {  // not a continuation byte: a new code point
            ++word;
        }
    }
    place_word();
    return lines;
}

double row_height(unsigned lines, double font_pt) {
    return std::min(409.0, std::ceil(15.0 * std::max(1.0, font_pt) / 11.0) * std::max(1u, lines));
}

std::size_t char_count(std::string_view text) {
    std::size_t n = 0;
    for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

std::string header_footer_text(std::string_view text, std::size_t max_chars) {
    std::string out;
    for (char ch : cell_text(text)) {
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) continue;
        if (ch == '&') out += '&';
        out += ch;
    }
    if (char_count(out) <= max_chars) return out;

    constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // one character
    // The byte offset where the first `chars` characters end.
    auto offset_after = [&out](std::size_t chars) {
        std::size_t i = 0;
        for (std::size_t seen = 0; i < out.size(); ++i) {
            if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && seen++ == chars) break;
        }
        return i;
    };
    // At a word's end: the last space within max_chars - 2 characters, so that " " and the
    // ellipsis still fit; the spaces before it go too.
    if (max_chars >= 3) {
        std::size_t space = out.rfind(' ', offset_after(max_chars - 2));
        while (space != std::string::npos && space > 0 && out[space - 1] == ' ') --space;
        if (space != std::string::npos && space > 0) {
            out.resize(space);
            return out + " " + std::string(kEllipsis);
        }
    }
    // One word longer than the room: cut inside it, but never between a doubled '&'.
    std::size_t end = offset_after(max_chars > 0 ? max_chars - 1 : 0);
    std::size_t amps = 0;
    for (std::size_t i = end; i > 0 && out[i - 1] == '&'; --i) ++amps;
    if (amps % 2 == 1) --end;
    out.resize(end);
    return max_chars > 0 ? out + std::string(kEllipsis) : out;
}

}  // namespace fairgate::reports::detail
