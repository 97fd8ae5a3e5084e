#pragma once
// The summary `fairgate run` prints when it finishes.

#include <ostream>
#include <string>

#include "pipeline/batch_run.hpp"

namespace fairgate::cli {

/// Files read and refused (with reasons), contracts, returns, findings by outcome, and
/// where the workbooks are.
void print_run_summary(std::ostream& out, const BatchResult& result, const std::string& db);

}  // namespace fairgate::cli
