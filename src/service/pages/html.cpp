#include "service/pages/html.hpp"

#include "model/printable.hpp"

namespace fairgate::service::pages {

std::string html_escape(std::string_view text) {
    // Text from a file or a request can carry any bytes: a page is UTF-8 with no control
    // characters, so each byte that is not is shown as U+FFFD.
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        const size_t len = utf8_sequence_length(text, i);
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
