// The expression API beyond a value: which answers an evaluation read (for evidence and
// provenance) and the steps a trace records. What expressions compute and the errors they give
// are the cases in expressions/*.test, run by test_expression_cases.cpp.
#include <boost/test/unit_test.hpp>

#include "model/contract.hpp"
#include "model/value_parse.hpp"
#include "rulebook/expression.hpp"
#include "rulebook_fixture.hpp"

using namespace fairgate;

namespace {

const Rulebook& rb() {
    static const Rulebook book = test::load(
        R"(<rule id="R" stage="tender" severity="minor"><title>t</title><cite ref="GP-1"/><fail when="eq.policy = no"/></rule>)");
    return book;
}

FieldId id(const char* name) { return rb().fields.find(name)->id; }

Record answers(const char* file, std::initializer_list<std::pair<const char*, const char*>> values) {
    Record r;
    for (const auto& [name, raw] : values) {
        const FieldDef* f = rb().fields.find(name);
        BOOST_REQUIRE_MESSAGE(f, name);
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{file, std::string("C_") + name}});
    }
    return r;
}

bool has_read(const std::vector<FieldRead>& reads, const char* field, Scope scope, int back, const Record* where) {
    for (const auto& r : reads)
        if (r.field == id(field) && r.scope == scope && r.back == back && r.record == where) return true;
    return false;
}

}  // namespace

// Each field is noted once per scope and quarter, with the record it came from: the evidence a
// finding cites. sum_to_date() notes every earlier quarter it added; present() notes what it
// looked at though it is never missing.
BOOST_AUTO_TEST_CASE(reads_note_each_field_once_with_its_scope_and_record) {
    const Record now = answers("q3.xlsx", {{"q.jobs", "1"}});
    const Record q1 = answers("q1.xlsx", {{"q.jobs", "3"}});
    const Record q2 = answers("q2.xlsx", {{"q.jobs", "2"}});
    const Record tender = answers("bid.xlsx", {{"q.jobs", "10"}});
    Subject s;
    s.record = &now;
    s.tender_return = &tender;
    s.period = Quarter{2026, 3};
    s.earlier = {{Quarter{2026, 1}, &q1}, {Quarter{2026, 2}, &q2}};

    std::vector<FieldRead> reads;
    const auto e = Expression::compile(
        "sum_to_date(q.jobs) + tender(q.jobs) + previous(q.jobs, 2) > 0 and present(tender(fw.living_wage))", rb());
    BOOST_TEST(!e->evaluate(s, &reads).is_true());  // fw.living_wage is blank in the tender
    BOOST_TEST(reads.size() == 5u);
    BOOST_TEST(has_read(reads, "q.jobs", Scope::Subject, 0, &now));
    BOOST_TEST(has_read(reads, "q.jobs", Scope::Previous, 2, &q1));
    BOOST_TEST(has_read(reads, "q.jobs", Scope::Previous, 1, &q2));
    BOOST_TEST(has_read(reads, "q.jobs", Scope::Tender, 1, &tender));
    BOOST_TEST(has_read(reads, "fw.living_wage", Scope::Tender, 1, &tender));
}

BOOST_AUTO_TEST_CASE(reads_note_where_nothing_was_found_and_stop_where_evaluation_stops) {
    const Record now = answers("bid.xlsx", {{"eq.policy", "No"}});
    Subject s;
    s.record = &now;
    std::vector<FieldRead> reads;
    Expression::compile("eq.policy = yes and supplier.turnover > £1", rb())->evaluate(s, &reads);
    BOOST_TEST(reads.size() == 1u);  // false and ...: the turnover is never needed
    BOOST_TEST(has_read(reads, "eq.policy", Scope::Subject, 1, &now));

    reads.clear();
    const Evaluated v = Expression::compile("contract(q.jobs) > 1", rb())->evaluate(s, &reads);
    BOOST_TEST((v.state == Evaluated::State::Missing));
    BOOST_TEST(v.missing_record == nullptr);
    BOOST_TEST(has_read(reads, "q.jobs", Scope::Contract, 1, nullptr));  // no contract to read
}

// A trace shows each call as written, function name and all, with the cell a field in another
// scope came from; literals (date('...') among them) are left out.
BOOST_AUTO_TEST_CASE(a_trace_shows_calls_as_written) {
    const Record now = answers("q3.xlsx", {{"return.submitted", "2026-10-20"}});
    const Record q1 = answers("q1.xlsx", {{"q.jobs", "3"}});
    Subject s;
    s.record = &now;
    s.period = Quarter{2026, 3};
    s.earlier = {{Quarter{2026, 1}, &q1}};
    std::vector<TraceStep> trace;
    const auto e = Expression::compile(
        "min(previous(q.jobs, 2), 5) < days_between(date('2026-10-01'), return.submitted)", rb());
    BOOST_TEST(e->evaluate(s, nullptr, &trace).is_true());
    BOOST_REQUIRE(trace.size() == 5u);
    BOOST_TEST(trace[0].expression == e->text());
    BOOST_TEST(trace[1].expression == "min(previous(q.jobs, 2), 5)");
    BOOST_TEST(trace[1].depth == 1);
    BOOST_TEST(trace[1].result.display() == "3");
    BOOST_TEST(trace[2].expression == "previous(q.jobs, 2)");
    BOOST_TEST(trace[2].depth == 2);
    BOOST_TEST(trace[2].where.find("q1.xlsx") != std::string::npos);
    BOOST_TEST(trace[3].expression == "days_between(date('2026-10-01'), return.submitted)");
    BOOST_TEST(trace[3].result.display() == "19");
    BOOST_TEST(trace[4].expression == "return.submitted");
    BOOST_TEST(trace[4].where.find("q3.xlsx") != std::string::npos);
}
