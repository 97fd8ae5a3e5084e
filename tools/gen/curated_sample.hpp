#pragma once
// The bundled sample portfolio (samples/inbox): fourteen Bexley contracts, two competitive
// tenders with losing bidders, four quarters of monitoring returns, and scenarios chosen so
// that the default rulebook gives every outcome (pass, warn, fail, refer, missing,
// not-applicable) somewhere, each for a reason an officer would recognise.

#include <filesystem>
#include <string>

#include "portfolio.hpp"

namespace fairgate::gen {

Portfolio curated_sample();

/// Markdown table of the sample's scenarios: file, contract, situation, expected outcome.
std::string scenario_table(const Portfolio& portfolio);

/// Markdown table of the sample's contracts, as in the register.
std::string contract_table(const Portfolio& portfolio);

/// Replaces the text between "<!-- contracts:begin -->" and "<!-- contracts:end -->", and
/// between "<!-- scenarios:begin -->" and "<!-- scenarios:end -->", in the README at `path`
/// with the two tables, keeping the hand-written prose around them. Throws
/// std::runtime_error if the file or the markers are missing.
void update_readme(const std::filesystem::path& path, const Portfolio& portfolio);

}  // namespace fairgate::gen
