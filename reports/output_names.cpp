#include "reports/output_names.hpp"

#include <cctype>
#include <cstdio>

#include "model/content_hash.hpp"

namespace fairgate::reports {

namespace {

constexpr std::size_t kMaxName = 120;
constexpr std::size_t kCutAt = 100;

bool unsafe(unsigned char c) {
    return c < 0x20 || c == 0x7F || c == '%' || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
           c == '"' || c == '<' || c == '>' || c == '|';
}

void escape(std::string& out, unsigned char c) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    out += buf;
}

bool equals_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
}

// Names fairgate writes in OUT itself, compared without case (a case-insensitive file system
// would otherwise merge them).
bool reserved(std::string_view id) {
    for (std::string_view name : {"quarantine", "processed", "tenders"})
        if (equals_folded(id, name)) return true;
    constexpr std::string_view portfolio = "portfolio ";
    return id.size() >= portfolio.size() && equals_folded(id.substr(0, portfolio.size()), portfolio);
}

}  // namespace

std::string output_folder_name(std::string_view id) {
    if (id.empty()) return "%";
    std::string out;
    out.reserve(id.size() + 8);
    const bool escape_first = reserved(id) || id.front() == '.' || id.front() == ' ';
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        const bool last = i + 1 == id.size();
        if (unsafe(c) || (i == 0 && escape_first) || (last && i > 0 && (c == '.' || c == ' '))) escape(out, c);
        else out += static_cast<char>(c);
    }
    if (out.size() <= kMaxName) return out;
    // Cut where neither an escape nor a UTF-8 character is split.
    std::size_t end = kCutAt;
    if (out[end - 1] == '%') end -= 1;
    else if (out[end - 2] == '%') end -= 2;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
    return out + "~" + sha256_hex(id).substr(0, 16);
}

}  // namespace fairgate::reports
