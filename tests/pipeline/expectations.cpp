#include "pipeline/expectations.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fairgate::test {
namespace {

bool matches(const std::string& pattern, const std::string& text) {
    if (!pattern.empty() && pattern.back() == '*')
        return text.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return pattern == text;
}

std::string join(const std::vector<Outcome>& outcomes) {
    std::string s;
    for (auto o : outcomes) s += (s.empty() ? "" : "|") + std::string(to_string(o));
    return s;
}

}  // namespace

std::vector<Expectation> load_expectations(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<Expectation> out;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        Expectation e;
        std::string outcomes, extra;
        if (!(words >> e.subject)) continue;
        if (!(words >> e.rule >> outcomes) || (words >> extra))
            throw std::runtime_error(path + " line " + std::to_string(n) + ": expected SUBJECT RULE OUTCOME");
        std::istringstream parts(outcomes);
        for (std::string o; std::getline(parts, o, '|');) {
            auto parsed = parse_outcome(o);
            if (!parsed) throw std::runtime_error(path + " line " + std::to_string(n) + ": unknown outcome " + o);
            e.outcomes.push_back(*parsed);
        }
        e.line = n;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<std::string> unmet(const std::vector<Expectation>& expectations, const std::vector<Finding>& findings) {
    std::vector<std::string> problems;
    for (const auto& e : expectations) {
        const std::string what = "line " + std::to_string(e.line) + ": " + e.subject + " " + e.rule;
        size_t seen = 0;
        for (const auto& f : findings) {
            if (!matches(e.subject, f.subject_id) || !matches(e.rule, f.rule_id)) continue;
            ++seen;
            bool ok = false;
            for (auto o : e.outcomes) ok = ok || o == f.outcome;
            if (!ok)
                problems.push_back(what + ": expected " + join(e.outcomes) + ", found " +
                                   std::string(to_string(f.outcome)) + " for " + f.subject_id + " " + f.rule_id +
                                   " (" + f.message + ")");
        }
        if (seen == 0) problems.push_back(what + ": no such finding");
    }
    return problems;
}

}  // namespace fairgate::test
