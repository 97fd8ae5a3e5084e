#pragma once
// GET /runs/<id>: one run as a page: when, which rulebook, what became of each file it read
// (with the reason for every file refused), the contracts it judged with their workbooks, and
// the rules that found most. The same run as JSON is linked from it.

#include <string>

#include "model/run.hpp"
#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// The page of `run` in `frame` (whose title it sets).
std::string run_page(const Run& run, PageFrame frame);

}  // namespace fairgate::service::pages
