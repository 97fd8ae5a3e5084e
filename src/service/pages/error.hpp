#pragma once
// The page a browser is shown when a page route refuses or fails (404, 400, 403, 405, 500...):
// what happened, in words, and what to do next, with a way home. The API answers the same
// refusals as JSON (routes::Handler decides which).

#include <string>

#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// The page for HTTP `status` with the refusal's `message` (HttpError::message, for a person
/// to act on), in `frame` (whose title it sets).
std::string error_page(int status, const std::string& message, PageFrame frame);

}  // namespace fairgate::service::pages
