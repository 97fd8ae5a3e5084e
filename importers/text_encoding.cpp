#include "importers/text_encoding.hpp"

#include <algorithm>

#include <cstdint>
#include <cstring>

namespace fairgate::importers {
void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

namespace {

// Windows-1252 0x80..0x9F; the five undefined bytes map to themselves as C1 controls, as
// Windows' own conversion does. 0xA0..0xFF are ISO-8859-1 (same code points).
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

bool looks_like_text(std::string_view bytes) {
    size_t controls = 0;
    const size_t n = bytes.size();
    size_t i = 0;
    while (i < n) {
        // Eight bytes at a time while none is below 0x20 (text between line breaks): a byte b
        // has b - 0x20 borrow into its top bit only when b < 0x20, and ~word masks out bytes
        // of 0x80 and above.
        for (uint64_t word; i + 8 <= n; i += 8) {
            std::memcpy(&word, bytes.data() + i, 8);
            if ((word - 0x2020202020202020ull) & ~word & 0x8080808080808080ull) break;
        }
        const size_t stop = std::min(n, i + 8);
        for (; i < stop; ++i) {
            const auto c = static_cast<unsigned char>(bytes[i]);
            if (c == 0) return false;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
        }
    }
    // A stray control character happens in real exports; a binary file has many.
    return controls * 100 <= bytes.size();
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        // ASCII, the bulk of any export, eight bytes at a time.
        while (i + 8 <= s.size()) {
            uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > s.size()) return false;
        for (size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

std::string decode_text(std::string_view bytes) {
    std::string storage;
    const std::string_view text = utf8_text(bytes, storage);
    if (text.data() == storage.data()) return storage;
    return std::string(text);
}

uint64_t windows1252_utf8_size(std::string_view bytes) {
    uint64_t size = 0;
    for (const unsigned char c : bytes) {
        const uint32_t cp = c < 0x80 ? c : c < 0xA0 ? kCp1252High[c - 0x80] : c;
        size += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    }
    return size;
}

std::string_view utf8_text(std::string_view bytes, std::string& storage) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (is_valid_utf8(bytes)) return bytes;
    std::string& out = storage;
    out.clear();
    // Exactly: grown by doubling, a big file's text was held two and a half times over.
    out.reserve(static_cast<size_t>(windows1252_utf8_size(bytes)));
    for (unsigned char c : bytes) {
        if (c < 0x80) out.push_back(static_cast<char>(c));
        else if (c < 0xA0) append_utf8(out, kCp1252High[c - 0x80]);
        else append_utf8(out, c);
    }
    return out;
}

}  // namespace fairgate::importers
