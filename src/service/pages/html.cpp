#include "service/pages/html.hpp"

namespace fairgate::service::pages {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
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
