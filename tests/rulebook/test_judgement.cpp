// Judging: outcomes, messages with values, evidence with provenance.
#include <boost/test/unit_test.hpp>

#include "model/value_parse.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook_fixture.hpp"

using namespace fairgate;

namespace {

const char* kRules = R"XML(
<rule id="POLICY" stage="tender" severity="mandatory">
  <title>Written policy</title><cite ref="GP-1"/>
  <fail when="eq.policy = no">{supplier.employees} staff and no policy</fail>
  <pass when="eq.policy = yes"/>
  <expected>B1 = Yes</expected>
  <remedy>Ask for it.</remedy>
</rule>
<rule id="BIG" stage="tender" severity="major">
  <title>Large supplier</title><cite ref="GP-1"/>
  <applies when="supplier.turnover &gt;= param.threshold"/>
  <warn when="eq.policy = no"/>
</rule>
<rule id="LLW" stage="quarterly" severity="major">
  <title>Living wage as promised</title><cite ref="GP-1"/>
  <applies when="tender(fw.living_wage) in ('accredited', 'committed')"/>
  <fail when="q.share &lt; param.warn">Share {q.share} is under {param.warn}</fail>
  <otherwise outcome="pass"/>
</rule>
<rule id="SITE" stage="contract" severity="minor">
  <title>Services to residents recorded</title><cite ref="GP-1"/>
  <pass when="contract.service_to_residents = yes"/>
  <otherwise outcome="warn"/>
</rule>)XML";

const Rulebook& rb() {
    static const Rulebook book = test::load(kRules);
    return book;
}

void set(Record& r, const char* name, const char* raw, const char* cell) {
    const FieldDef* f = rb().fields.find(name);
    r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"bid.xlsx", std::string("Questionnaire!") + cell}});
}

Subject subject_of(const Record& r) {
    Subject s;
    s.record = &r;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failing_rule_says_what_where_and_why) {
    Record r;
    set(r, "eq.policy", "No", "C12");
    set(r, "supplier.employees", "40", "C9");
    const Finding f = judge(rb(), *rb().rule("POLICY"), subject_of(r), SubjectIdentity{"tender:T1:S1", "C1", "T1", "S1", "", Stage::Tender});
    BOOST_TEST(to_string(f.outcome) == "fail");
    BOOST_TEST(f.message == "40 staff and no policy");
    BOOST_TEST(f.expected == "B1 = Yes");
    BOOST_TEST(f.remedy == "Ask for it.");
    BOOST_TEST(f.rulebook_id == "test");
    BOOST_REQUIRE(!f.evidence.empty());
    BOOST_TEST(f.evidence[0].field == "eq.policy");
    BOOST_TEST(f.evidence[0].where.display() == "bid.xlsx!Questionnaire!C12");
    BOOST_TEST(f.found.find("eq.policy = No") != std::string::npos);
    BOOST_TEST(f.citations.at(0) == "GP-1");
}

// A remedy and a title are templates too: no workbook shows "{param.x}" as written.
BOOST_AUTO_TEST_CASE(a_remedy_and_a_title_show_their_values) {
    const Rulebook book = test::load(
        R"(<rule id="R" stage="tender" severity="major"><title>Policy where turnover is {param.threshold} or more</title>
             <cite ref="GP-1"/><fail when="eq.policy = no"/>
             <remedy>Ask the bidder, with {supplier.employees} staff, for its policy: above {param.threshold} it is required.</remedy></rule>)");
    Record r;
    for (const auto& [name, raw] : {std::pair<const char*, const char*>{"eq.policy", "No"}, {"supplier.employees", "40"}}) {
        const FieldDef* f = book.fields.find(name);
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"bid.xlsx", "Questionnaire!C9"}});
    }
    const Finding f = judge(book, book.rules.at(0), subject_of(r), SubjectIdentity{});
    BOOST_TEST(to_string(f.outcome) == "fail");
    BOOST_TEST(f.rule_title == "Policy where turnover is £36,000,000 or more");
    BOOST_TEST(f.message == "Policy where turnover is £36,000,000 or more: fail");
    BOOST_TEST(f.remedy == "Ask the bidder, with 40 staff, for its policy: above £36,000,000 it is required.");
}

BOOST_AUTO_TEST_CASE(bexley_social_value_weighting_remedy_names_ten_percent) {
    const Rulebook bexley = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    Contract c;
    c.id = "BX-1";
    for (const auto& [name, raw] :
         {std::pair<const char*, const char*>{"tender.id", "BX-T-1"}, {"tender.social_value_weighting", "5%"}}) {
        const FieldDef* f = bexley.fields.find(name);
        c.fields.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"register.csv", "row 2"}});
    }
    Subject s;
    s.record = &c.fields;
    s.contract = &c;
    const Finding f = judge(bexley, *bexley.rule("CON-SOCIAL-VALUE-WEIGHTING"), s,
                            SubjectIdentity{"contract:BX-1", "BX-1", "BX-T-1", "", "", Stage::Contract});
    BOOST_TEST(to_string(f.outcome) == "fail");
    BOOST_TEST(f.remedy == "Record why the weighting was lower; set at least 10% at re-procurement.");
    BOOST_TEST(f.message == "Social value was weighted at 5%, below 10%.");
}

BOOST_AUTO_TEST_CASE(a_blank_answer_gives_missing_with_the_field_and_place) {
    Record r;
    set(r, "eq.policy", "  ", "C12");
    const Finding f = judge(rb(), *rb().rule("POLICY"), subject_of(r), SubjectIdentity{});
    BOOST_TEST(to_string(f.outcome) == "missing");
    BOOST_TEST(f.message.find("B1 (eq.policy)") != std::string::npos);
    BOOST_TEST(f.message.find("bid.xlsx!Questionnaire!C12") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unreadable_answer_gives_missing_quoting_it) {
    Record r;
    set(r, "eq.policy", "maybe", "C12");
    const Finding f = judge(rb(), *rb().rule("POLICY"), subject_of(r), SubjectIdentity{});
    BOOST_TEST(to_string(f.outcome) == "missing");
    BOOST_TEST(f.message.find("'maybe'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(applies_gates_the_rule) {
    Record small;
    set(small, "supplier.turnover", "£2m", "C10");
    set(small, "eq.policy", "No", "C12");
    BOOST_TEST(to_string(judge(rb(), *rb().rule("BIG"), subject_of(small), {}).outcome) == "not-applicable");
    Record big;
    set(big, "supplier.turnover", "£50m", "C10");
    set(big, "eq.policy", "No", "C12");
    BOOST_TEST(to_string(judge(rb(), *rb().rule("BIG"), subject_of(big), {}).outcome) == "warn");
}

BOOST_AUTO_TEST_CASE(judge_contract_covers_every_subject_in_a_stable_order) {
    Contract c;
    c.id = "BX-1";
    c.tender_id = "T1";
    c.supplier_id = "S2";
    set(c.fields, "contract.service_to_residents", "Yes", "A1");
    SupplierReturn t1, t2, q1, q2;
    t1.kind = t2.kind = ReturnKind::Tender;
    t1.tender_id = t2.tender_id = "T1";
    t1.supplier_id = "S1";
    t2.supplier_id = "S2";  // the awarded bidder
    set(t1.answers, "eq.policy", "No", "C12");
    set(t2.answers, "eq.policy", "Yes", "C12");
    set(t2.answers, "fw.living_wage", "committed", "C30");
    q1.kind = q2.kind = ReturnKind::Quarterly;
    q1.contract_id = q2.contract_id = "BX-1";
    q1.period = Quarter{2026, 2};
    q2.period = Quarter{2026, 1};
    set(q1.answers, "q.share", "95%", "C5");
    set(q2.answers, "q.share", "50%", "C5");
    ContractPortfolio p{&c, {&t2, &t1}, {&q1, &q2}, std::nullopt, {}};
    const auto findings = judge_contract(rb(), p);
    // contract: 1 rule; the awarded bid x 2 tender rules (the losing bid is the tender's);
    // two quarters x 1 quarterly rule.
    BOOST_REQUIRE_EQUAL(findings.size(), 1u + 2u + 2u);
    BOOST_TEST(findings[0].subject_id == "contract:BX-1");
    BOOST_TEST(findings[1].subject_id == "tender:T1:S2");
    BOOST_TEST(findings[2].subject_id == "tender:T1:S2");
    for (const auto& f : findings) BOOST_TEST(f.subject_id != "tender:T1:S1", "a losing bid never counts");
    BOOST_TEST(findings[3].period == "2026-Q1");  // quarters in time order
    BOOST_TEST(to_string(findings[3].outcome) == "fail");
    BOOST_TEST(findings[3].message == "Share 50% is under 80%");
    BOOST_TEST(to_string(findings[4].outcome) == "pass");
}

BOOST_AUTO_TEST_CASE(judge_tender_screens_every_bid_with_or_without_a_contract) {
    SupplierReturn t1, t2;
    t1.kind = t2.kind = ReturnKind::Tender;
    t1.tender_id = t2.tender_id = "T1";
    t1.supplier_id = "S1";
    t2.supplier_id = "S2";
    set(t1.answers, "eq.policy", "No", "C12");
    set(t2.answers, "eq.policy", "Yes", "C12");

    // Before award: every bid judged, none belongs to a contract.
    TenderPortfolio before{"T1", nullptr, {&t2, &t1}};
    const auto screened = judge_tender(rb(), before);
    BOOST_REQUIRE_EQUAL(screened.size(), 2u * 2u);
    BOOST_TEST(screened[0].subject_id == "tender:T1:S1");  // bids by supplier id
    BOOST_TEST(to_string(screened[0].outcome) == "fail");
    for (const auto& f : screened) {
        BOOST_TEST(f.contract_id.empty());
        BOOST_TEST(f.tender_id == "T1");
        BOOST_TEST((f.stage == Stage::Tender));
    }

    // After award: the awarded bid's findings carry the contract's id, the losing bid's none.
    Contract c;
    c.id = "BX-1";
    c.tender_id = "T1";
    c.supplier_id = "S2";
    TenderPortfolio after{"T1", &c, {&t1, &t2}};
    for (const auto& f : judge_tender(rb(), after))
        BOOST_TEST(f.contract_id == (f.supplier_id == "S2" ? "BX-1" : ""), f.subject_id);
}

BOOST_AUTO_TEST_CASE(a_trace_shows_each_sub_expression_with_its_value_and_place) {
    Record big;
    set(big, "supplier.turnover", "£50m", "C10");
    set(big, "eq.policy", "No", "C12");
    std::vector<ConditionTrace> trace;
    const Verdict v = evaluate_rule(*rb().rule("BIG"), subject_of(big), &trace);
    BOOST_TEST(to_string(v.outcome) == "warn");
    BOOST_REQUIRE(trace.size() == 2u);
    BOOST_TEST(trace[0].role == "applies when");
    BOOST_TEST(trace[1].role == "warn when");

    const auto& applies = trace[0].steps;
    BOOST_REQUIRE(applies.size() == 3u);  // the comparison, then its two operands
    BOOST_TEST(applies[0].expression == "supplier.turnover >= param.threshold");
    BOOST_TEST(applies[0].depth == 0);
    BOOST_TEST(applies[0].result.display() == "Yes");
    BOOST_TEST(applies[1].expression == "supplier.turnover");
    BOOST_TEST(applies[1].depth == 1);
    BOOST_TEST(applies[1].result.display() == "£50,000,000");
    BOOST_TEST(applies[1].where == "bid.xlsx!Questionnaire!C10");
    BOOST_TEST(applies[2].expression == "param.threshold");
    BOOST_TEST(applies[2].result.display() == "£36,000,000");
    BOOST_TEST(applies[2].where.empty());

    // Tracing changes nothing about the verdict.
    BOOST_TEST((evaluate_rule(*rb().rule("BIG"), subject_of(big)).outcome == v.outcome));
}

BOOST_AUTO_TEST_CASE(a_trace_spans_function_calls_and_marks_what_is_missing) {
    Record q;
    set(q, "q.share", "70%", "C20");
    Record tender;  // no living wage answer: the rule cannot tell whether it applies
    Subject s = subject_of(q);
    s.tender_return = &tender;
    std::vector<ConditionTrace> trace;
    const Verdict v = evaluate_rule(*rb().rule("LLW"), s, &trace);
    BOOST_TEST(to_string(v.outcome) == "missing");
    BOOST_REQUIRE(trace.size() == 1u);
    BOOST_REQUIRE(trace[0].steps.size() >= 2u);
    BOOST_TEST(trace[0].steps[0].expression == "tender(fw.living_wage) in ('accredited', 'committed')");
    BOOST_TEST(trace[0].steps[1].expression == "tender(fw.living_wage)");
    BOOST_TEST((trace[0].steps[1].result.state == Evaluated::State::Missing));
}

BOOST_AUTO_TEST_CASE(a_number_of_days_compares_with_integer_and_days_parameters_whatever_its_unit) {
    // fw.payment_days is a `days` field: "1 month", "30 days" and "30" are all 30 days, and
    // compare with an integer parameter as a number does.
    const Rulebook book = test::load(R"(<rule id="PAY" stage="tender" severity="major"><title>Pays within 30 days</title><cite ref="GP-1"/>
          <fail when="fw.payment_days &gt; param.payment_days">Pays in {fw.payment_days} days; at most {param.payment_days}.</fail>
          <warn when="fw.payment_days + 60 &gt; param.notice">Within {param.notice} of the notice.</warn>
          <test name="a month passes" expect="pass"><given field="fw.payment_days">1 month</given></test>
          <test name="six weeks fails" expect="fail"><given field="fw.payment_days">6 weeks</given></test>
          <test name="working days are missing" expect="missing"><given field="fw.payment_days">20 working days</given></test>
        </rule>)",
        R"(<param name="payment_days" type="integer" value="30">Thirty days.</param>
           <param name="notice" type="days" value="3 months">Three months' notice.</param>)");
    BOOST_TEST(book.parameters.at("notice").value.display() == "91 days");
    for (const RuleTestResult& t : run_rule_tests(book)) {
        BOOST_TEST_CONTEXT(t.test->name) { BOOST_TEST(t.passed(), t.message); }
    }
    const FieldDef* f = book.fields.find("fw.payment_days");
    for (const char* typed : {"30", "30 days", "1 month", "one month"}) {
        Record r;
        r.set(f->id, Answer{parse_value(*f, typed), typed, Provenance{"bid.xlsx", "Questionnaire!C5"}});
        const Finding pass = judge(book, *book.rule("PAY"), subject_of(r), {});
        BOOST_TEST_CONTEXT(typed) {
            BOOST_TEST(to_string(pass.outcome) == "pass");
            BOOST_TEST_REQUIRE(pass.evidence.size() == 1u);
            BOOST_TEST(pass.evidence[0].value == "30 days");
        }
    }
    Record late;
    late.set(f->id, Answer{parse_value(*f, "6 weeks"), "6 weeks", Provenance{"bid.xlsx", "Questionnaire!C5"}});
    const Finding fail = judge(book, *book.rule("PAY"), subject_of(late), {});
    BOOST_TEST(to_string(fail.outcome) == "fail");
    BOOST_TEST(fail.message == "Pays in 42 days; at most 30.");
}
