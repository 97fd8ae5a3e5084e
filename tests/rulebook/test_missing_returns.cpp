// A quarter whose return is due and has not arrived is a finding, for every quarter of the
// term up to the date the position is stated at (issue 15: status that means what it says).
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;

namespace {

Rulebook schedule_rulebook(const std::string& schedule) {
    return load_rulebook_text(R"(<?xml version="1.0"?>
<rulebook id="schedule" version="1" quarters="financial">
  <sources><source ref="S-1" document="Policy">Returns within 28 days.</source></sources>
  <fields>
    <field name="ref" type="text" role="contract-id"/>
    <field name="sent" type="date" role="return-submitted"/>
  </fields>
  <parameters><param name="due" type="integer" value="28" cite="S-1">d</param></parameters>
  )" + schedule + R"(
  <rules>
    <rule id="ON-TIME" stage="quarterly" severity="major"><title>Return on time</title><cite ref="S-1"/>
      <fail when="days_between(quarter_end(), sent) &gt; param.due"/>
      <expected>Received within {param.due} days of {quarter_end()}</expected>
      <remedy>Chase the supplier.</remedy>
    </rule>
  </rules>
</rulebook>)", "schedule.xml");
}

SupplierReturn quarterly(const Rulebook& rb, const char* period, Date sent) {
    SupplierReturn r;
    r.kind = ReturnKind::Quarterly;
    r.contract_id = "C-1";
    r.supplier_id = "01234567";
    r.period = Quarter::parse(period);
    r.submitted = sent;
    r.answers.set(rb.fields.find("sent")->id, Answer{Value::date(sent), sent.iso(), {"q.csv", "row 2"}});
    return r;
}

std::vector<const Finding*> missing(const std::vector<Finding>& findings) {
    std::vector<const Finding*> out;
    for (const Finding& f : findings)
        if (f.outcome == Outcome::Missing) out.push_back(&f);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(missing_returns)

BOOST_AUTO_TEST_CASE(a_contract_with_no_returns_has_every_due_quarter_missing) {
    const Rulebook rb = schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)");
    Contract c;
    c.id = "C-1";
    c.supplier_id = "01234567";
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2028, 3, 31);
    ContractPortfolio p;
    p.contract = &c;
    // 2025-Q1 (Apr-Jun 2025) was due 28 Jul 2025 ... 2025-Q4 (Jan-Mar 2026) due 28 Apr 2026;
    // 2026-Q1 ends 30 Jun 2026, due 28 Jul 2026: not yet due on 28 Jul 2026 itself.
    p.as_of = Date::from_ymd(2026, 7, 28);
    const std::vector<Finding> findings = judge_contract(rb, p);
    const auto gaps = missing(findings);
    BOOST_REQUIRE_EQUAL(gaps.size(), 4u);
    BOOST_TEST(gaps[0]->period == "2025-Q1");
    BOOST_TEST(gaps[3]->period == "2025-Q4");
    BOOST_TEST(gaps[0]->rule_id == "ON-TIME");
    BOOST_TEST((gaps[0]->severity == Severity::Major));
    BOOST_TEST(gaps[0]->contract_id == "C-1");
    BOOST_TEST(gaps[0]->message == "No return received for 2025-Q1; it was due 28 Jul 2025.");
    BOOST_TEST(gaps[0]->remedy == "Chase the supplier.");
    BOOST_TEST(gaps[0]->expected.find("28 days") != std::string::npos);
    // A day later the first quarter of 2026 is due too.
    p.as_of = Date::from_ymd(2026, 7, 29);
    BOOST_TEST(missing(judge_contract(rb, p)).size() == 5u);
}

BOOST_AUTO_TEST_CASE(quarters_with_a_return_and_quarters_outside_the_term_are_not_missing) {
    const Rulebook rb = schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)");
    Contract c;
    c.id = "C-1";
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2025, 12, 31);  // three quarters
    const SupplierReturn q2 = quarterly(rb, "2025-Q2", Date::from_ymd(2025, 10, 20));
    ContractPortfolio p;
    p.contract = &c;
    p.quarterly_returns = {&q2};
    p.as_of = Date::from_ymd(2027, 1, 1);
    const std::vector<Finding> findings = judge_contract(rb, p);  // gaps point into it
    const auto gaps = missing(findings);
    BOOST_REQUIRE_EQUAL(gaps.size(), 2u);
    BOOST_TEST(gaps[0]->period == "2025-Q1");
    BOOST_TEST(gaps[1]->period == "2025-Q3");
}

BOOST_AUTO_TEST_CASE(without_a_missing_rule_or_a_date_nothing_is_looked_for) {
    Contract c;
    c.id = "C-1";
    c.start = Date::from_ymd(2025, 4, 1);
    ContractPortfolio p;
    p.contract = &c;
    p.as_of = Date::from_ymd(2027, 1, 1);
    BOOST_TEST(missing(judge_contract(schedule_rulebook(R"(<schedule due-days="due"/>)"), p)).empty());
    p.as_of.reset();
    BOOST_TEST(missing(judge_contract(schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)"), p)).empty());
}

BOOST_AUTO_TEST_CASE(the_missing_rule_must_be_a_quarterly_rule_of_the_rulebook) {
    try {
        schedule_rulebook(R"(<schedule due-days="due" missing-rule="NO-SUCH"/>)");
        BOOST_FAIL("an unknown missing-rule was accepted");
    } catch (const RulebookError& e) {
        BOOST_TEST(e.diagnostics().at(0).message == "missing-rule names no rule 'NO-SUCH'");
    }
}

BOOST_AUTO_TEST_CASE(a_due_date_between_two_days_is_found) {
    const Rulebook rb = schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)");
    // Financial quarters, due 28 days after they end: 28 Jul, 28 Oct, 28 Jan, 28 Apr.
    BOOST_TEST((rb.return_due(Quarter{2025, 1}).value() == Date::from_ymd(2025, 7, 28)));
    BOOST_TEST((rb.return_due(Quarter{2025, 4}).value() == Date::from_ymd(2026, 4, 28)));
    auto between = [&](Date a, Date b) { return rb.return_falls_due_between(a, b); };
    BOOST_TEST(between(Date::from_ymd(2025, 7, 27), Date::from_ymd(2025, 7, 28)), "the due day itself is passed");
    BOOST_TEST(!between(Date::from_ymd(2025, 7, 28), Date::from_ymd(2025, 10, 27)), "after one due day, before the next");
    BOOST_TEST(between(Date::from_ymd(2025, 7, 28), Date::from_ymd(2025, 10, 28)));
    BOOST_TEST(between(Date::from_ymd(2020, 1, 1), Date::from_ymd(2026, 1, 1)), "years apart");
    BOOST_TEST(!between(Date::from_ymd(2026, 2, 1), Date::from_ymd(2026, 2, 1)), "no time passed");
    BOOST_TEST(!between(Date::from_ymd(2026, 3, 1), Date::from_ymd(2026, 2, 1)), "backwards");
    const Rulebook undated = schedule_rulebook("");
    BOOST_TEST(!undated.return_due(Quarter{2025, 1}).has_value());
    BOOST_TEST(!undated.return_falls_due_between(Date::from_ymd(2020, 1, 1), Date::from_ymd(2026, 1, 1)));
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 15: a quarter whose return arrived but was refused is reported as received and
// refused (due or not yet), never as "no return received"; a corrected return is judged on
// its first receipt and says so.
BOOST_AUTO_TEST_SUITE(received_and_refused)

namespace {

Contract contract_c1() {
    Contract c;
    c.id = "C-1";
    c.supplier_id = "01234567";
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2028, 3, 31);
    return c;
}

RefusedReturn refused(const char* period, std::optional<Date> submitted, const char* file) {
    RefusedReturn r;
    r.identity = RefusedIdentity{"C-1", *Quarter::parse(period), "01234567", submitted};
    r.source_sha256 = std::string(file) + "-sha";
    r.source_name = file;
    r.reason = std::string(file) + ": row 2 has no supplier registration number";
    r.first_seen = Date::from_ymd(2026, 7, 1);
    return r;
}

const Finding* of_subject(const std::vector<Finding>& findings, const std::string& subject) {
    for (const Finding& f : findings)
        if (f.subject_id == subject) return &f;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_refused_quarter_reads_received_and_refused_with_its_reason_and_file) {
    const Rulebook rb = schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)");
    const Contract c = contract_c1();
    const SupplierReturn q1 = quarterly(rb, "2025-Q1", Date::from_ymd(2025, 7, 10));
    const RefusedReturn q2 = refused("2025-Q2", Date::from_ymd(2025, 10, 20), "q2.xlsx");
    const RefusedReturn q2_again = refused("2025-Q2", std::nullopt, "q2-again.xlsx");
    const RefusedReturn q1_refused = refused("2025-Q1", Date::from_ymd(2025, 7, 1), "q1-bad.xlsx");
    const RefusedReturn q4 = refused("2025-Q4", Date::from_ymd(2026, 4, 2), "q4.xlsx");
    ContractPortfolio p;
    p.contract = &c;
    p.quarterly_returns = {&q1};
    p.refused_returns = {&q2, &q2_again, &q1_refused, &q4};
    p.as_of = Date::from_ymd(2026, 2, 1);  // 2025-Q2 and Q3 due; Q4 not yet
    const std::vector<Finding> findings = judge_contract(rb, p);

    // A quarter with an accepted return is not touched by a refused copy of it.
    BOOST_TEST(!of_subject(findings, "missing:C-1:2025-Q1"));
    const Finding* q2f = of_subject(findings, "missing:C-1:2025-Q2");
    BOOST_TEST_REQUIRE(q2f);
    BOOST_TEST((q2f->outcome == Outcome::Fail), "due, and no usable return: not a blank answer");
    BOOST_TEST(q2f->message ==
               "The 2025-Q2 return was received and refused 2 times: on 20 Oct 2025, file q2.xlsx: q2.xlsx: row 2 "
               "has no supplier registration number; on 1 Jul 2026, file q2-again.xlsx: q2-again.xlsx: row 2 has no "
               "supplier registration number. The council has no usable return for 2025-Q2; it was due 28 Oct 2025.");
    BOOST_TEST(q2f->found == "Received 20 Oct 2025 and refused (q2.xlsx); Received 1 Jul 2026 and refused (q2-again.xlsx)");
    BOOST_TEST(q2f->remedy.find("corrected resubmission of the 2025-Q2 return") != std::string::npos);
    BOOST_TEST_REQUIRE(q2f->evidence.size() == 2u);
    BOOST_TEST(q2f->evidence[0].where.file() == "q2.xlsx");
    // A quarter with nothing received is missing as before.
    const Finding* q3f = of_subject(findings, "missing:C-1:2025-Q3");
    BOOST_TEST_REQUIRE(q3f);
    BOOST_TEST(q3f->message == "No return received for 2025-Q3; it was due 28 Jan 2026.");
    BOOST_TEST(q3f->remedy == "Chase the supplier.");
    // Refused before it was even due: reported all the same, with when it is due.
    const Finding* q4f = of_subject(findings, "missing:C-1:2025-Q4");
    BOOST_TEST_REQUIRE(q4f);
    BOOST_TEST(q4f->message.find("received on 2 Apr 2026 and refused") != std::string::npos, q4f->message);
    BOOST_TEST(q4f->message.find("it is due 28 Apr 2026.") != std::string::npos, q4f->message);
    BOOST_TEST((q4f->outcome == Outcome::Refer), "not yet due: for an officer to look at, not yet a failure");
    BOOST_TEST((q3f->outcome == Outcome::Missing));
}

BOOST_AUTO_TEST_CASE(a_corrected_return_is_judged_on_its_first_receipt_and_says_so) {
    const Rulebook rb = schedule_rulebook(R"(<schedule due-days="due" missing-rule="ON-TIME"/>)");
    const Contract c = contract_c1();
    // Corrected 60 days after the quarter ended; first received after 10.
    SupplierReturn q1 = quarterly(rb, "2025-Q1", Date::from_ymd(2025, 8, 29));
    q1.source_name = "q1-correction.csv";
    q1.superseded = {ReturnVersion{"sha-1", "q1.csv", Date::from_ymd(2025, 7, 10), "row 2, column 6"}};
    ContractPortfolio p;
    p.contract = &c;
    p.quarterly_returns = {&q1};
    const std::vector<Finding> findings = judge_contract(rb, p);
    const Finding* f = of_subject(findings, q1.id());
    BOOST_TEST_REQUIRE(f);
    BOOST_TEST((f->outcome == Outcome::Pass));
    BOOST_TEST(f->message.find("This quarter's return is a corrected version (first received 10 Jul 2025, corrected "
                               "29 Aug 2025, superseding q1.csv); it is judged on the first receipt.") !=
                   std::string::npos,
               f->message);
    BOOST_TEST_REQUIRE(f->evidence.size() == 1u);
    BOOST_TEST(f->evidence[0].value == "10 Jul 2025");
    BOOST_TEST(f->evidence[0].where.display() == "q1.csv, row 2, column 6");
    // Without the earlier version the same return fails: the correction's own date is late.
    q1.superseded.clear();
    const std::vector<Finding> again = judge_contract(rb, p);
    const Finding* late = of_subject(again, q1.id());
    BOOST_TEST_REQUIRE(late);
    BOOST_TEST((late->outcome == Outcome::Fail));
}

BOOST_AUTO_TEST_SUITE_END()
