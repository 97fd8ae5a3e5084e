#pragma once
// Declarative expectations about a batch's findings (see sample_expectations.txt).

#include <string>
#include <vector>

#include "model/finding.hpp"

namespace fairgate::test {

struct Expectation {
    int line = 0;
    std::string subject;   ///< May end in '*'.
    std::string rule;      ///< May end in '*'.
    std::vector<Outcome> outcomes;
};

/// Reads the file; throws std::runtime_error naming file and line on a malformed line.
std::vector<Expectation> load_expectations(const std::string& path);

/// Every unmet expectation, one message each ("line 12: contract:X CON-KPIS: expected fail,
/// found pass"). Empty when all hold.
std::vector<std::string> unmet(const std::vector<Expectation>& expectations, const std::vector<Finding>& findings);

}  // namespace fairgate::test
