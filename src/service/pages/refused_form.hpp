#pragma once
// The page that refuses a form posted from another site (or without its CSRF token).

#include <string>

#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// Says `why` the form was refused, with a link to `start_again` (where a fresh form can be
/// had), in `frame` (whose title it sets).
std::string refused_form_page(const std::string& why, const std::string& start_again, PageFrame frame);

}  // namespace fairgate::service::pages
