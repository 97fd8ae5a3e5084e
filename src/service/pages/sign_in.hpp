#pragma once
// GET /login: the sign-in page. Browsers cannot send bearer tokens, so the officer pastes
// the token into a form posted to /login, which opens a session instead.

#include <string>

#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// The sign-in form, with `csrf_token` (the one in the browser's sign-in cookie) in a hidden
/// field; `problem` is said above it when not empty. `frame` names the council; nobody is
/// signed in yet.
std::string sign_in_page(const std::string& problem, const std::string& csrf_token, PageFrame frame);

}  // namespace fairgate::service::pages
