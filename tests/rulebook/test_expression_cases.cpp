// The expression cases in tests/rulebook/expressions/*.test (the format is at the top of each
// file and in docs/testing.md): each is compiled against expressions/rulebook.xml, evaluated on
// the answers it gives, and a failure names its file and line. Also holds every function of the
// language (the table in src/rulebook/expression.cpp) to cases of its own and to its row in
// docs/rulebook.md, so that no function is added untested or undocumented.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/value_parse.hpp"
#include "rulebook/expression.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(FAIRGATE_SOURCE_DIR) / "tests" / "rulebook" / "expressions";

const Rulebook& rb() {
    static const Rulebook book = load_rulebook((kDir / "rulebook.xml").string());
    return book;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

enum class Expect { None, Value, Missing, Unreadable, Error };

struct Case {
    std::string where;  ///< "functions.test:12": the line of its expression.
    std::string expression;
    std::map<std::string, std::vector<std::string>> given;  ///< "return", "contract", "tender", "previous:N" -> "name=raw"
    std::string period;
    std::string type;
    Expect expect = Expect::None;
    std::string expected;
    /// `expect error:` lines, each with the offset its `at:` gives: every error, in order.
    std::vector<std::pair<std::string, std::optional<size_t>>> errors;
    std::vector<std::string> problems;  ///< Mistakes in the case as written.
};

// "key: value", where the key may itself hold a ':' not followed by a space ("previous:2").
size_t key_end(const std::string& line) {
    for (size_t i = 0; i < line.size(); ++i)
        if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) return i;
    return std::string::npos;
}

std::vector<Case> read_cases(const fs::path& file) {
    std::ifstream in(file);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " << file);
    std::vector<Case> cases;
    Case c;
    bool open = false;
    auto finish = [&] {
        if (!open) return;
        if (c.expression.empty()) c.problems.push_back("no 'expression:'");
        if (c.expect == Expect::None) c.problems.push_back("no 'expect...:'");

        cases.push_back(std::move(c));
        c = Case();
        open = false;
    };
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        if (t == "----") { finish(); continue; }
        const std::string where = file.filename().string() + ":" + std::to_string(n);
        if (!open) { c.where = where; open = true; }
        const size_t colon = key_end(t);
        if (colon == std::string::npos) { c.problems.push_back("line " + std::to_string(n) + " is not 'key: value'"); continue; }
        const std::string key = t.substr(0, colon);
        const std::string value = trim(t.substr(colon + 1));
        auto expect = [&](Expect e) {
            // Errors may be several, one line each; anything else is expected once.
            if (c.expect != Expect::None && !(e == Expect::Error && c.expect == Expect::Error))
                c.problems.push_back("line " + std::to_string(n) + ": a second 'expect'");
            if (e == Expect::Error) c.errors.push_back({value, std::nullopt});
            c.expect = e;
            c.expected = value;
        };
        if (key == "expression") {
            if (!c.expression.empty()) c.problems.push_back("line " + std::to_string(n) + ": a second 'expression:' (missing '----'?)");
            c.expression = value;
            c.where = where;
        } else if (key == "values" || key == "contract" || key == "tender" ||
                   (key.rfind("previous:", 0) == 0 && key.size() > 9 &&
                    std::all_of(key.begin() + 9, key.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))) {
            auto& to = c.given[key == "values" ? "return" : key];
            std::stringstream items(value);
            for (std::string item; std::getline(items, item, ';');)
                if (!trim(item).empty()) to.push_back(trim(item));
        } else if (key == "period") c.period = value;
        else if (key == "type") c.type = value;
        else if (key == "expect") expect(Expect::Value);
        else if (key == "expect missing") expect(Expect::Missing);
        else if (key == "expect unreadable") expect(Expect::Unreadable);
        else if (key == "expect error") expect(Expect::Error);
        else if (key == "at" && !value.empty() && std::all_of(value.begin(), value.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
            if (c.errors.empty() || c.errors.back().second) c.problems.push_back("line " + std::to_string(n) + ": 'at:' not after an 'expect error:'");
            else c.errors.back().second = std::stoul(value);
        }
        else c.problems.push_back("line " + std::to_string(n) + ": unknown key '" + key + "'");
    }
    finish();
    return cases;
}

std::vector<fs::path> case_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kDir))
        if (entry.path().extension() == ".test") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (const auto& file : case_files())
        for (auto& c : read_cases(file)) cases.push_back(std::move(c));
    return cases;
}

std::string field_name(FieldId id) { return id == kNoField ? "" : rb().fields.at(id).name; }

std::string describe(const Evaluated& v) {
    if (v.state == Evaluated::State::Value) return "'" + v.display() + "' (" + std::string(to_string(v.type)) + ")";
    return std::string(v.missing_invalid ? "unreadable" : "missing") + " '" + field_name(v.missing_field) + "'";
}

/// Runs one case: empty when it holds, else what went wrong.
std::string run(const Case& c) {
    if (!c.problems.empty()) {
        std::string all = "the case is not well formed:";
        for (const auto& p : c.problems) all += " " + p + ";";
        return all;
    }
    std::map<std::string, Record> records;
    for (const auto& [in, items] : c.given) {
        Record& r = records[in];
        for (const auto& item : items) {
            const size_t eq = item.find('=');
            const std::string name = trim(item.substr(0, eq));
            const FieldDef* f = rb().fields.find(name);
            if (eq == std::string::npos || !f) return "'" + item + "' is not NAME=ANSWER for a field of expressions/rulebook.xml";
            const std::string raw = trim(item.substr(eq + 1));
            r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{c.where, name}});
        }
    }

    std::shared_ptr<const Expression> e;
    try {
        e = Expression::compile(c.expression, rb());
    } catch (const ExpressionError& err) {
        std::string got;
        for (const auto& p : err.problems())
            got += (got.empty() ? "" : "; ") + p.message + " (at " + std::to_string(p.offset) + ")";
        if (c.expect != Expect::Error) return "does not compile: " + got;
        // Every error, and no more: a mistake the parser recovers from must not echo.
        if (err.problems().size() != c.errors.size())
            return "expected " + std::to_string(c.errors.size()) + " error(s), got " +
                   std::to_string(err.problems().size()) + ": " + got;
        for (size_t i = 0; i < c.errors.size(); ++i) {
            const auto& [text, at] = c.errors[i];
            const auto& p = err.problems()[i];
            if (p.message.find(text) == std::string::npos)
                return "expected error " + std::to_string(i + 1) + " to contain '" + text + "', got: " + got;
            if (at && *at != p.offset)
                return "expected error " + std::to_string(i + 1) + " at " + std::to_string(*at) + ", got: " + got;
        }
        return {};
    }
    if (c.expect == Expect::Error) return "compiles (a " + std::string(to_string(e->type())) + "), expected the error '" + c.expected + "'";
    if (!c.type.empty() && c.type != to_string(e->type()))
        return "expected type " + c.type + ", got " + std::string(to_string(e->type()));

    Subject s;
    s.record = &records["return"];
    s.scheme = rb().quarters;
    Contract contract;
    if (c.given.count("contract")) {
        contract.id = "TEST";
        contract.fields = records["contract"];
        for (auto [name, to] : {std::pair{"contract.start", &contract.start}, std::pair{"contract.end", &contract.end}}) {
            const Value& v = contract.fields.value(rb().fields.find(name)->id);
            if (v.is_valid()) *to = v.as_date();
        }
        s.contract = &contract;
    }
    if (c.given.count("tender")) s.tender_return = &records["tender"];
    if (!c.period.empty()) {
        s.period = Quarter::parse(c.period);
        if (!s.period) return "'" + c.period + "' is not a quarter (2026-Q1)";
    }
    for (const auto& [in, record] : records) {  // "previous:N", most quarters back first: oldest first
        if (in.rfind("previous:", 0) != 0) continue;
        if (!s.period) return "'" + in + ":' needs 'period:'";
        Quarter q = *s.period;
        for (int i = std::stoi(in.substr(9)); i > 0; --i) q = q.previous();
        s.earlier.push_back(Subject::Earlier{q, &record});
    }
    std::sort(s.earlier.begin(), s.earlier.end(), [](const auto& a, const auto& b) { return a.period < b.period; });

    const Evaluated v = e->evaluate(s);
    switch (c.expect) {
        case Expect::Value:
            if (v.state == Evaluated::State::Value && v.display() == c.expected) return {};
            return "expected '" + c.expected + "', got " + describe(v);
        case Expect::Missing:
        case Expect::Unreadable:
            if (v.state == Evaluated::State::Missing && v.missing_invalid == (c.expect == Expect::Unreadable) &&
                field_name(v.missing_field) == c.expected)
                return {};
            return std::string("expected ") + (c.expect == Expect::Unreadable ? "unreadable" : "missing") + " '" + c.expected +
                   "', got " + describe(v);
        default: return "nothing expected";
    }
}

// The names called in an expression: each identifier followed by '(' outside a text literal.
std::set<std::string> calls_in(const std::string& x) {
    std::set<std::string> names;
    for (size_t i = 0; i < x.size();) {
        if (x[i] == '\'' || x[i] == '"') {
            const size_t close = x.find(x[i], i + 1);
            i = close == std::string::npos ? x.size() : close + 1;
            continue;
        }
        if (!std::isalpha(static_cast<unsigned char>(x[i])) && x[i] != '_') { ++i; continue; }
        size_t j = i;
        while (j < x.size() && (std::isalnum(static_cast<unsigned char>(x[j])) || x[j] == '_' || x[j] == '.')) ++j;
        size_t k = j;
        while (k < x.size() && x[k] == ' ') ++k;
        if (k < x.size() && x[k] == '(') names.insert(x.substr(i, j - i));
        i = j;
    }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_expression_case_holds) {
    const auto files = case_files();
    BOOST_REQUIRE_MESSAGE(files.size() >= 4u, "expected the *.test files in " << kDir);
    size_t count = 0;
    for (const auto& file : files) {
        for (const Case& c : read_cases(file)) {
            const std::string failure = run(c);
            BOOST_TEST(failure.empty(), c.where << ": " << c.expression << "\n    " << failure);
            ++count;
        }
    }
    BOOST_TEST_MESSAGE(count << " expression cases in " << files.size() << " files");
}

// A function is tested when some case computes with it (a value or a missing answer) and some
// case has it refuse arguments (an error naming it, "days_between()").
BOOST_AUTO_TEST_CASE(every_function_has_a_case_computing_and_a_case_refusing) {
    const auto cases = all_cases();
    for (const auto& fn : expression_functions()) {
        const std::string name(fn.name);
        bool computes = false, refuses = false;
        for (const Case& c : cases) {
            if (c.expect == Expect::Error)
                for (const auto& [text, at] : c.errors) refuses = refuses || text.find(name + "()") != std::string::npos;
            else computes = computes || calls_in(c.expression).count(name) > 0;
        }
        BOOST_TEST(computes, name << "() has no case in tests/rulebook/expressions/*.test that computes with it");
        BOOST_TEST(refuses, name << "() has no 'expect error:' case in tests/rulebook/expressions/*.test naming '" << name << "()'");
    }
}

// docs/rulebook.md's "### Functions" table is the function table's signature, result and summary,
// row for row; on a difference the expected table is printed, ready to paste.
BOOST_AUTO_TEST_CASE(the_documented_functions_are_the_table) {
    std::ifstream in(fs::path(FAIRGATE_SOURCE_DIR) / "docs" / "rulebook.md");
    BOOST_REQUIRE(in);
    std::vector<std::string> documented;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#", 0) == 0) inside = line == "### Functions";
        else if (inside && line.rfind("| `", 0) == 0) documented.push_back(line);
    }
    std::vector<std::string> expected;
    std::string table = "| function | result | meaning |\n|---|---|---|\n";
    for (const auto& fn : expression_functions()) {
        expected.push_back("| `" + std::string(fn.signature) + "` | " + std::string(fn.result) + " | " + std::string(fn.summary) + " |");
        table += expected.back() + "\n";
    }
    BOOST_TEST((documented == expected), "docs/rulebook.md's \"### Functions\" table differs from the function table in "
                                         "src/rulebook/expression.cpp; it should read:\n" << table);
}
