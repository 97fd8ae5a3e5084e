// The expression language: types checked at load, values and "missing" at evaluation.
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

Record answers(std::initializer_list<std::pair<const char*, const char*>> values) {
    Record r;
    for (const auto& [name, raw] : values) {
        const FieldDef* f = rb().fields.find(name);
        BOOST_REQUIRE_MESSAGE(f, name);
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"r.xlsx", std::string("Sheet!C") + name}});
    }
    return r;
}

Evaluated eval(const std::string& expr, const Record& rec) {
    Subject s;
    s.record = &rec;
    return Expression::compile(expr, rb())->evaluate(s);
}

std::string compile_error(const std::string& expr) {
    try {
        Expression::compile(expr, rb());
    } catch (const ExpressionError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(comparisons_follow_the_field_types) {
    const Record r = answers({{"eq.policy", "Yes"}, {"supplier.turnover", "£40m"}, {"q.share", "75%"}});
    BOOST_TEST(eval("eq.policy = yes", r).is_true());
    BOOST_TEST(!eval("eq.policy = no", r).is_true());
    BOOST_TEST(eval("supplier.turnover >= param.threshold", r).is_true());
    BOOST_TEST(eval("supplier.turnover >= £36,000,000", r).is_true());
    BOOST_TEST(!eval("supplier.turnover >= £41m", r).is_true());
    BOOST_TEST(eval("q.share < param.warn", r).is_true());
    BOOST_TEST(eval("q.share < 0.8", r).is_true());  // a plain number compares with a percent
    BOOST_TEST(eval("q.share >= 75%", r).is_true());
}

BOOST_AUTO_TEST_CASE(wrong_types_are_compile_errors) {
    BOOST_TEST(compile_error("supplier.turnover > 80%").find("cannot compare money with percent") != std::string::npos);
    BOOST_TEST(compile_error("eq.policy < yes").find("cannot order") != std::string::npos);
    BOOST_TEST(compile_error("eq.policy and supplier.turnover").find("needs a yes/no") != std::string::npos);
    BOOST_TEST(compile_error("fw.living_wage = 'acredited'").find("not a value of this field") != std::string::npos);
    BOOST_TEST(compile_error("eq.polcy = yes").find("did you mean eq.policy") != std::string::npos);
    BOOST_TEST(compile_error("param.treshold > £1").find("did you mean param.threshold") != std::string::npos);
    BOOST_TEST(compile_error("frobnicate(eq.policy)").find("unknown function") != std::string::npos);
    BOOST_TEST(compile_error("(eq.policy = yes").find("expected ')'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(compile_errors_point_at_the_offending_character) {
    try {
        Expression::compile("eq.policy = yes and eq.polcy = no", rb());
        BOOST_FAIL("expected an error");
    } catch (const ExpressionError& e) {
        BOOST_TEST(e.offset() == 20u);
    }
}

BOOST_AUTO_TEST_CASE(a_blank_answer_is_missing_never_false) {
    const Record r = answers({{"eq.policy", ""}});
    const Evaluated v = eval("eq.policy = no", r);
    BOOST_TEST((v.state == Evaluated::State::Missing));
    BOOST_TEST(v.missing_field == rb().fields.find("eq.policy")->id);
    BOOST_TEST((eval("not (eq.policy = no)", r).state == Evaluated::State::Missing));
}

BOOST_AUTO_TEST_CASE(an_unreadable_answer_is_missing_and_says_so) {
    const Record r = answers({{"supplier.employees", "tbc"}});
    const Evaluated v = eval("supplier.employees >= 250", r);
    BOOST_TEST((v.state == Evaluated::State::Missing));
    BOOST_TEST(v.missing_invalid);
}

BOOST_AUTO_TEST_CASE(and_or_use_three_valued_logic) {
    const Record r = answers({{"eq.policy", "No"}});
    // false and missing = false; true or missing = true; true and missing = missing.
    BOOST_TEST((eval("eq.policy = yes and supplier.turnover > £1", r).state == Evaluated::State::Value));
    BOOST_TEST(!eval("eq.policy = yes and supplier.turnover > £1", r).is_true());
    BOOST_TEST(!eval("supplier.turnover > £1 and eq.policy = yes", r).is_true());
    BOOST_TEST((eval("supplier.turnover > £1 and eq.policy = yes", r).state == Evaluated::State::Value));
    BOOST_TEST(eval("eq.policy = no or supplier.turnover > £1", r).is_true());
    BOOST_TEST((eval("eq.policy = no and supplier.turnover > £1", r).state == Evaluated::State::Missing));
}

BOOST_AUTO_TEST_CASE(present_and_blank_never_give_missing) {
    const Record r = answers({{"eq.remedy", "Retrained staff"}, {"supplier.employees", "tbc"}});
    BOOST_TEST(eval("present(eq.remedy)", r).is_true());
    BOOST_TEST(eval("blank(eq.policy)", r).is_true());
    BOOST_TEST(eval("blank(supplier.employees)", r).is_true());  // unreadable is not a usable answer
}

BOOST_AUTO_TEST_CASE(arithmetic_keeps_units) {
    const Record r = answers({{"supplier.turnover", "£10m"}, {"q.jobs", "3"}});
    BOOST_TEST(eval("supplier.turnover * 50% = £5m", r).is_true());
    BOOST_TEST(eval("q.jobs * 2 - 1 = 5", r).is_true());
    BOOST_TEST(eval("ratio(q.jobs, 4) = 75%", r).is_true());
    BOOST_TEST(eval("q.jobs / 0 = 0", r).is_true());  // never NaN
    BOOST_TEST(eval("min(3, q.jobs, 7) = 3", r).is_true());
    BOOST_TEST(eval("count_at_least(2, q.jobs, 1, 5) = 2", r).is_true());
    BOOST_TEST(eval("q.jobs in (1, 2, 3)", r).is_true());
    BOOST_TEST(eval("q.jobs not in (1, 2)", r).is_true());
}

BOOST_AUTO_TEST_CASE(dates_and_quarters) {
    const Record r = answers({{"return.submitted", "09/08/2026"}});
    Subject s;
    s.record = &r;
    s.period = Quarter{2026, 1};  // financial: April to June 2026
    auto e = Expression::compile("days_between(quarter_end(), return.submitted)", rb())->evaluate(s);
    BOOST_TEST(e.number == 40.0);
    BOOST_TEST(Expression::compile("quarter_end() = date('2026-06-30')", rb())->evaluate(s).is_true());
    BOOST_TEST(Expression::compile("quarter_start() = date('2026-04-01')", rb())->evaluate(s).is_true());
}

BOOST_AUTO_TEST_CASE(scopes_read_the_tender_return_and_earlier_quarters) {
    const Record now = answers({{"q.jobs", "1"}});
    const Record q1 = answers({{"q.jobs", "3"}});
    const Record q2 = answers({{"q.jobs", "2"}});
    const Record tender = answers({{"q.jobs", "10"}, {"fw.living_wage", "committed"}});
    Subject s;
    s.record = &now;
    s.tender_return = &tender;
    s.period = Quarter{2026, 3};
    s.earlier = {{Quarter{2026, 1}, &q1}, {Quarter{2026, 2}, &q2}};
    auto ev = [&](const char* x) { return Expression::compile(x, rb())->evaluate(s); };
    BOOST_TEST(ev("previous(q.jobs) = 2").is_true());
    BOOST_TEST(ev("previous(q.jobs, 2) = 3").is_true());
    BOOST_TEST((ev("previous(q.jobs, 3) = 3").state == Evaluated::State::Missing));
    BOOST_TEST(ev("sum_to_date(q.jobs) = 6").is_true());
    BOOST_TEST(ev("tender(fw.living_wage) = 'committed'").is_true());
    BOOST_TEST(ev("present(previous(q.jobs, 2))").is_true());
    BOOST_TEST(!ev("present(previous(q.jobs, 3))").is_true());

    // A gap in the quarters is a gap, not the quarter before it.
    s.earlier = {{Quarter{2025, 4}, &q1}};
    BOOST_TEST((ev("previous(q.jobs) = 3").state == Evaluated::State::Missing));
}

BOOST_AUTO_TEST_CASE(elapsed_share_is_pro_rata_to_the_quarter_end) {
    const Record now = answers({});
    Contract c;
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2027, 3, 31);
    Subject s;
    s.record = &now;
    s.contract = &c;
    s.period = Quarter{2025, 4};  // ends 31 March 2026: half the term
    const Evaluated e = Expression::compile("elapsed_share()", rb())->evaluate(s);
    BOOST_TEST(e.number == 0.5, boost::test_tools::tolerance(0.001));
}
