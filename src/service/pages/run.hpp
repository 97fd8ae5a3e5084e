#pragma once
// GET /runs/<id>: one run as a page: when (in words), which rulebook, the files it refused
// first with their reasons, then what became of every other file it read, the contracts it
// judged (each linking to its page) with their workbooks, and the rules that found most, by
// id and title. The same run as JSON is linked from it.

#include <string>

#include "model/run.hpp"
#include "rulebook/rulebook.hpp"
#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// The page of `run` in `frame` (whose title it sets). Rule ids are given the titles they have
/// in `rulebook` (the service's); a rule it does not have is shown by its id alone.
std::string run_page(const Run& run, const Rulebook& rulebook, PageFrame frame);

}  // namespace fairgate::service::pages
