#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

// The length of the well-formed UTF-8 sequence at text[i] (no overlong forms, no surrogates);
// 0 when there is none.
size_t utf8_length(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    size_t len = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
    if (len == 0 || i + len > text.size()) return 0;
    for (size_t k = 1; k < len; ++k)
        if ((byte(i + k) & 0xc0) != 0x80) return 0;
    if (len == 3 && ((c == 0xe0 && byte(i + 1) < 0xa0) || (c == 0xed && byte(i + 1) >= 0xa0))) return 0;
    if (len == 4 && ((c == 0xf0 && byte(i + 1) < 0x90) || (c == 0xf4 && byte(i + 1) >= 0x90))) return 0;
    return len;
}

}  // namespace

std::string html_escape(std::string_view text) {
    // Text from a file or a request can carry any bytes: a page is UTF-8 with no control
    // characters, so each byte that is not is shown as U+FFFD.
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        const size_t len = utf8_length(text, i);
        const auto u = static_cast<unsigned char>(c);
        if (len == 0 || (len == 1 && ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7f))) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string csrf_input(std::string_view csrf_token) {
    return std::string("<input type=\"hidden\" name=\"") + kCsrfField + "\" value=\"" + html_escape(csrf_token) + "\">";
}

std::string option(std::string_view value, std::string_view label, std::string_view selected) {
    return "<option value=\"" + html_escape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
           html_escape(label) + "</option>";
}

}  // namespace fairgate::service::pages
