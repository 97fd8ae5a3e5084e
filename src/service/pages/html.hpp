#pragma once
// The few pieces of HTML every page writes the same way: escaped text, a form's hidden CSRF
// field, a select's option. Pages build their HTML as strings; everything that came from a
// file, a request or the store passes through html_escape on its way in.

#include <string>
#include <string_view>

namespace fairgate::service::pages {

/// The name of the hidden field that carries the CSRF token in every form the pages post.
inline constexpr const char* kCsrfField = "csrf";

/// `text` made safe in HTML text and in a quoted attribute value: & < > " ' escaped, and every
/// byte that is not well-formed UTF-8, or is a control character other than tab and newline,
/// made U+FFFD.
std::string html_escape(std::string_view text);

/// <input type="hidden" name="csrf" value="..."> for a form posted back to this service.
std::string csrf_input(std::string_view csrf_token);

/// <option value="value">label</option>, marked selected when `value` is `selected`.
std::string option(std::string_view value, std::string_view label, std::string_view selected);

}  // namespace fairgate::service::pages
