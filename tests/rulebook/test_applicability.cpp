// When a rule or a question applies, declared as data: questions asked only sometimes
// (<asked when>), "N/A" as an answer, a rule's <scope> by funding type and value, and facts a
// source does not publish. Loading (with errors at their line and column) and judging.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "model/value_parse.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_document.hpp"
#include "rulebook/rulebook_loader.hpp"

#include <sstream>

using namespace fairgate;

namespace {

// A rulebook with a gated pair of questions, a funding type and a value, and the rules given.
std::string book(const std::string& rules, const std::string& extra_fields = "", const std::string& q4_asked =
                     R"(<asked when="q.complaints &gt; 0">no complaints were received (Q3 = {q.complaints})</asked>)") {
    return R"(<?xml version="1.0"?>
<rulebook id="t" version="1">
  <sources><source ref="S" document="Doc">Text.</source></sources>
  <fields>
    <field name="contract.funding" type="enum" role="funding-type" unpublished-in="ocds">
      <option code="contract"/><option code="grant"/><option code="service-level-agreement"><alias>SLA</alias></option>
    </field>
    <field name="contract.value" type="money" role="contract-value"/>
    <field name="contract.kpis" type="integer" unpublished-in="ocds"/>
    <field name="q.complaints" type="integer" ref="Q3"/>
    <field name="q.resolved" type="integer" ref="Q4">)" + q4_asked + R"(</field>
    <field name="bid.subcontracts" type="yes-no" ref="C6"/>
    <field name="bid.sub_days" type="days" ref="C5"><asked when="bid.subcontracts = yes"/></field>
    <field name="bid.turnover" type="money" ref="A4"/>
    <field name="bid.statement" type="enum" ref="C1"><option code="yes"/><option code="no"/><option code="not-applicable"><alias>N/A</alias></option></field>
    <field name="bid.policy" type="yes-no" ref="B1"/>
)" + extra_fields + R"(
  </fields>
  <parameters>
    <param name="big" type="money" value="£5m">b</param>
    <param name="huge" type="money" value="£36m">h</param>
    <param name="days" type="integer" value="30">d</param>
  </parameters>
  <rules>
)" + rules + R"(
  </rules>
</rulebook>
)";
}

const char* kRules = R"(
<rule id="RESOLVED" stage="quarterly" severity="major"><title>Resolved</title><cite ref="S"/>
  <fail when="q.resolved &lt; q.complaints">{q.resolved} of {q.complaints}</fail><otherwise outcome="pass"/></rule>
<rule id="SUBDAYS" stage="tender" severity="major"><title>Sub days</title><cite ref="S"/>
  <fail when="bid.sub_days &gt; param.days"/><otherwise outcome="pass"/></rule>
<rule id="SUBDAYS-AT-TENDER" stage="quarterly" severity="major"><title>Sub days promised</title><cite ref="S"/>
  <fail when="tender(bid.sub_days) &gt; param.days"/><otherwise outcome="pass"/></rule>
<rule id="KPIS" stage="contract" severity="major"><title>KPIs</title><cite ref="S"/>
  <scope funding="contract service-level-agreement" value-over="big"/>
  <fail when="contract.kpis &lt; 3"/><otherwise outcome="pass"/></rule>
<rule id="ADVANCE" stage="contract" severity="minor"><title>Advance</title><cite ref="S"/>
  <scope funding="grant"/>
  <fail when="contract.kpis = 0"/><otherwise outcome="pass"/></rule>
<rule id="SLAVERY" stage="tender" severity="major"><title>Statement</title><cite ref="S"/>
  <applies when="bid.turnover &gt;= param.huge"/>
  <fail when="bid.statement != 'yes'"/><otherwise outcome="pass"/></rule>
<rule id="POLICY-BIG" stage="tender" severity="major"><title>Policy when big</title><cite ref="S"/>
  <applies when="bid.turnover &gt;= param.huge"/>
  <fail when="bid.policy = no"/><otherwise outcome="pass"/></rule>
<rule id="POLICY" stage="tender" severity="major"><title>Policy</title><cite ref="S"/>
  <fail when="bid.policy = no"/><otherwise outcome="pass"/></rule>
<rule id="EITHER" stage="tender" severity="major"><title>Either</title><cite ref="S"/>
  <fail when="bid.policy = no or bid.turnover &gt; param.big"/><otherwise outcome="pass"/></rule>)";

const Rulebook& rb() {
    static const Rulebook r = load_rulebook_text(book(kRules), "t.xml");
    return r;
}

std::vector<Diagnostic> errors_of(const std::string& xml) {
    try {
        load_rulebook_text(xml, "broken.xml");
    } catch (const RulebookError& e) {
        return e.diagnostics();
    }
    return {};
}

void set(Record& r, const char* name, const char* raw) {
    const FieldDef* f = rb().fields.find(name);
    BOOST_REQUIRE(f);
    r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"r.xlsx", std::string("Form!") + name}});
}

struct Judged {
    Record record, contract_fields, tender;
    Contract contract;
    bool with_tender = false;
    Finding judge(const char* rule_id) {
        contract.id = "C";
        contract.fields = contract_fields;
        Subject s;
        const Rule* rule = rb().rule(rule_id);
        BOOST_REQUIRE(rule);
        s.record = rule->stage == Stage::Contract ? &contract.fields : &record;
        s.contract = &contract;
        s.tender_return = with_tender ? &tender : (rule->stage == Stage::Tender ? &record : nullptr);
        s.period = Quarter::parse("2026-Q1", QuarterScheme::Financial);
        return fairgate::judge(rb(), *rule, s, SubjectIdentity{"x", "C", "", "", "2026-Q1", rule->stage});
    }
};

}  // namespace

// ---- loading ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(gates_scopes_and_unpublished_fields_load) {
    BOOST_TEST(rb().gates.size() == 2u);
    const FieldDef* q4 = rb().fields.find("q.resolved");
    BOOST_REQUIRE(rb().gates.count(q4->id));
    BOOST_TEST(rb().gates.at(q4->id)->when->text() == "q.complaints > 0");
    BOOST_TEST(rb().fields.find("contract.kpis")->unpublished_by("ocds"));
    BOOST_TEST(!rb().fields.find("q.complaints")->unpublished_by("ocds"));
    const Rule* kpis = rb().rule("KPIS");
    BOOST_REQUIRE(kpis->scope.has_value());
    BOOST_TEST(kpis->scope->describe() == "contracts and service level agreements valued over £5,000,000");
    BOOST_TEST(rb().rule("ADVANCE")->scope->describe() == "grants");
}

BOOST_AUTO_TEST_CASE(an_unknown_field_in_a_gate_is_located) {
    const auto d = errors_of(book(kRules, "", R"(<asked when="q.complaint &gt; 0"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("unknown field 'q.complaint' (did you mean q.complaints?)") != std::string::npos);
    BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), 11) == "q.complaint");
}

BOOST_AUTO_TEST_CASE(a_gate_that_is_not_a_condition_is_an_error) {
    const auto d = errors_of(book(kRules, "", R"(<asked when="q.complaints + 1"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("<asked when> must be a yes/no condition") != std::string::npos);
    const auto types = errors_of(book(kRules, "", R"(<asked when="q.complaints = 'many'"/>)"));
    BOOST_REQUIRE_EQUAL(types.size(), 1u);
    const auto missing = errors_of(book(kRules, "", R"(<asked/>)"));
    BOOST_REQUIRE_EQUAL(missing.size(), 1u);
    BOOST_TEST(missing[0].message.find("<asked> needs a when") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_question_gated_on_itself_or_in_a_circle_is_an_error) {
    const auto self = errors_of(book(kRules, "", R"(<asked when="q.resolved &gt; 0"/>)"));
    BOOST_REQUIRE_EQUAL(self.size(), 1u);
    BOOST_TEST(self[0].message.find("asked when its own answer") != std::string::npos);
    BOOST_TEST(self[0].source_line.find("<asked when=\"q.resolved &gt; 0\"/>") != std::string::npos);

    const std::string circle = R"(
    <field name="x.a" type="integer"><asked when="x.b &gt; 0"/></field>
    <field name="x.b" type="integer"><asked when="x.c &gt; 0"/></field>
    <field name="x.c" type="integer"><asked when="x.a &gt; 0"/></field>)";
    const auto d = errors_of(book(kRules, circle));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("asked in a circle") != std::string::npos);
    BOOST_TEST(d[0].message.find("x.a -> x.b -> x.c -> x.a") != std::string::npos);
    BOOST_TEST(d[0].line > 0);
    BOOST_TEST(d[0].source_line.find("<asked when=") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_gate_may_read_a_gated_field) {
    // x.b is asked when x.a is, and x.a when complaints were received: a chain, not a circle.
    const std::string chain = R"(
    <field name="x.a" type="integer"><asked when="q.complaints &gt; 0"/></field>
    <field name="x.b" type="integer"><asked when="x.a &gt; 0"/></field>)";
    const std::string rule = R"(<rule id="B" stage="quarterly" severity="major"><title>b</title><cite ref="S"/>
      <fail when="x.b &gt; 1"/><otherwise outcome="pass"/></rule>)";
    const Rulebook chained = load_rulebook_text(book(rule, chain), "chain.xml");
    Record r;
    auto put = [&](const char* name, const char* raw) {
        const FieldDef* f = chained.fields.find(name);
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"r", name}});
    };
    put("q.complaints", "0");
    put("x.a", "4");
    put("x.b", "9");
    Subject s;
    s.record = &r;
    const Finding f = judge(chained, chained.rules[0], s, SubjectIdentity{"x", "", "", "", "", Stage::Quarterly});
    // x.a is not asked, so neither is x.b, which is asked only on x.a's answer.
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Not asked: x.b is asked only when x.a > 0");
    // Asked all the way down, x.b is judged.
    put("q.complaints", "1");
    BOOST_TEST(to_string(judge(chained, chained.rules[0], s, SubjectIdentity{"x", "", "", "", "", Stage::Quarterly}).outcome) == "fail");
}

BOOST_AUTO_TEST_CASE(scope_errors_are_located) {
    auto rule = [](const std::string& scope) {
        return R"(<rule id="R" stage="contract" severity="major"><title>t</title><cite ref="S"/>)" + scope +
               R"(<fail when="contract.kpis &lt; 3"/></rule>)";
    };
    auto one = [&](const std::string& scope, const std::string& says, const std::string& at) {
        const auto d = errors_of(book(rule(scope)));
        BOOST_REQUIRE_EQUAL(d.size(), 1u);
        BOOST_TEST(d[0].message.find(says) != std::string::npos, d[0].message);
        BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), at.size()) == at);
    };
    one(R"(<scope funding="grnat"/>)", "funding type 'grnat' is not an option of contract.funding (contract, grant, service-level-agreement)", "grnat");
    one(R"(<scope value-over="bigg"/>)", "unknown parameter 'bigg'", "bigg");
    one(R"(<scope value-over="days"/>)", "parameter days is not money", "days");
    one(R"(<scope value-over="huge" value-up-to="big"/>)", "the value band is empty", "big");
    one(R"(<scope fundng="grant"/>)", "unknown attribute fundng of <scope>", "grant");
    one(R"(<scope/>)", "<scope> says nothing", "<scope");
}

BOOST_AUTO_TEST_CASE(a_scope_needs_the_role_it_reads) {
    const std::string xml = R"(<?xml version="1.0"?>
<rulebook id="t" version="1"><sources><source ref="S" document="D">T.</source></sources>
  <fields><field name="k" type="integer"/></fields>
  <parameters><param name="big" type="money" value="£5m">b</param></parameters>
  <rules><rule id="R" stage="contract" severity="major"><title>t</title><cite ref="S"/>
    <scope funding="grant" value-over="big"/><fail when="k &lt; 3"/></rule></rules></rulebook>)";
    const auto d = errors_of(xml);
    BOOST_REQUIRE_EQUAL(d.size(), 2u);
    BOOST_TEST(d[0].message.find("role=\"funding-type\"") != std::string::npos);
    BOOST_TEST(d[1].message.find("role=\"contract-value\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_source_in_unpublished_in_is_an_error) {
    const auto d = errors_of(book(kRules, R"(<field name="x.y" type="integer" unpublished-in="ocds contractsfinder"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("unknown source 'contractsfinder' in unpublished-in (known: ocds)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_rulebook_page_shows_gates_scopes_and_unpublished_facts) {
    std::ostringstream out;
    write_rulebook_document(out, rb());
    const std::string page = out.str();
    BOOST_TEST(page.find("- **Scope:** contracts and service level agreements valued over £5,000,000 (funding type from "
                         "`contract.funding`; not known: in scope) (value from `contract.value`)") != std::string::npos);
    BOOST_TEST(page.find("| `q.resolved` | Q4 | `q.complaints > 0` | Not asked: no complaints were received (Q3 = "
                         "{q.complaints}) |") != std::string::npos);
    BOOST_TEST(page.find("| `contract.kpis` | ocds |") != std::string::npos);
}

// ---- questions asked only sometimes ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_question_not_asked_is_not_applicable_and_says_why) {
    Judged j;
    set(j.record, "q.complaints", "0");
    const Finding f = j.judge("RESOLVED");
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Not asked: no complaints were received (Q3 = 0)");
}

BOOST_AUTO_TEST_CASE(a_question_not_asked_ignores_an_answer_given_anyway) {
    Judged j;
    set(j.record, "q.complaints", "0");
    set(j.record, "q.resolved", "5");
    BOOST_TEST(to_string(j.judge("RESOLVED").outcome) == "not-applicable");
}

BOOST_AUTO_TEST_CASE(a_question_asked_is_judged_and_missing_when_blank) {
    Judged j;
    set(j.record, "q.complaints", "3");
    set(j.record, "q.resolved", "2");
    BOOST_TEST(to_string(j.judge("RESOLVED").outcome) == "fail");
    Judged blank;
    set(blank.record, "q.complaints", "3");
    const Finding f = blank.judge("RESOLVED");
    BOOST_TEST(to_string(f.outcome) == "missing");
    BOOST_TEST(f.message.find("Q4 (q.resolved)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(when_the_gate_cannot_be_told_the_gate_is_what_is_missing) {
    Judged j;  // Q3 and Q4 both blank: it is Q3 that would tell
    const Finding f = j.judge("RESOLVED");
    BOOST_TEST(to_string(f.outcome) == "missing");
    BOOST_TEST(f.message.find("Q3 (q.complaints)") != std::string::npos, f.message);
}

BOOST_AUTO_TEST_CASE(a_gate_without_a_reason_gives_its_condition) {
    Judged j;
    set(j.record, "bid.subcontracts", "No");
    const Finding f = j.judge("SUBDAYS");
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Not asked: C5 (bid.sub_days) is asked only when bid.subcontracts = yes");
}

BOOST_AUTO_TEST_CASE(a_gate_is_read_in_the_record_its_field_is_read_from) {
    // A quarterly rule reading tender(C5): C6 is read in the tender return, not the quarter.
    Judged j;
    j.with_tender = true;
    set(j.tender, "bid.subcontracts", "No");
    set(j.tender, "bid.sub_days", "60");
    set(j.record, "bid.subcontracts", "Yes");  // a quarterly answer of the same name is not the bid's
    BOOST_TEST(to_string(j.judge("SUBDAYS-AT-TENDER").outcome) == "not-applicable");
    Judged asked;
    asked.with_tender = true;
    set(asked.tender, "bid.subcontracts", "Yes");
    set(asked.tender, "bid.sub_days", "60");
    BOOST_TEST(to_string(asked.judge("SUBDAYS-AT-TENDER").outcome) == "fail");
}

BOOST_AUTO_TEST_CASE(a_question_not_asked_is_not_present) {
    const std::string rule = R"X(<rule id="P" stage="quarterly" severity="major"><title>p</title><cite ref="S"/>
      <fail when="present(q.resolved)"/><otherwise outcome="pass"/></rule>)X";
    const Rulebook with_present = load_rulebook_text(book(rule), "present.xml");
    Record r;
    auto put = [&](const char* name, const char* raw) {
        const FieldDef* f = with_present.fields.find(name);
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"r", name}});
    };
    put("q.resolved", "2");
    Subject s;
    s.record = &r;
    const SubjectIdentity who{"x", "", "", "", "", Stage::Quarterly};
    put("q.complaints", "3");
    BOOST_TEST(to_string(judge(with_present, with_present.rules[0], s, who).outcome) == "fail");
    put("q.complaints", "0");
    BOOST_TEST(to_string(judge(with_present, with_present.rules[0], s, who).outcome) == "pass");
}

// ---- "N/A" as an answer ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_answer_of_na_is_not_applicable_not_missing) {
    Judged j;
    set(j.record, "bid.policy", "n/a");
    const Finding f = j.judge("POLICY");
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Answered not applicable: B1 (bid.policy) is 'n/a' at r.xlsx!Form!bid.policy", f.message);
}

BOOST_AUTO_TEST_CASE(na_when_the_rules_own_condition_holds_fails) {
    Judged j;
    set(j.record, "bid.turnover", "£40m");
    set(j.record, "bid.policy", "N/A");
    const Finding f = j.judge("POLICY-BIG");
    BOOST_TEST(to_string(f.outcome) == "fail");
    BOOST_TEST(f.message.find("B1 (bid.policy) was answered not applicable ('N/A' at ") == 0u, f.message);
    BOOST_TEST(f.message.find("but the rule applies here: bid.turnover >= param.huge") != std::string::npos, f.message);
    Judged small;
    set(small.record, "bid.turnover", "£4m");
    set(small.record, "bid.policy", "N/A");
    BOOST_TEST(to_string(small.judge("POLICY-BIG").outcome) == "not-applicable");
}

BOOST_AUTO_TEST_CASE(a_question_that_refuses_na_is_missing_an_answer) {
    const Rulebook refusing = load_rulebook_text(
        book(R"(<rule id="P" stage="tender" severity="mandatory"><title>p</title><cite ref="S"/>
          <fail when="x.policy = no"/><otherwise outcome="pass"/></rule>)",
             R"(<field name="x.policy" type="yes-no" ref="B9" not-applicable="refused"/>)"),
        "refusing.xml");
    BOOST_TEST(!refusing.fields.find("x.policy")->takes_not_applicable);
    BOOST_TEST(refusing.fields.find("bid.policy")->takes_not_applicable);
    Record r;
    const FieldDef* f = refusing.fields.find("x.policy");
    r.set(f->id, Answer{parse_value(*f, "N/A"), "N/A", Provenance{"b.xlsx", "Q!C9"}});
    Subject s;
    s.record = &r;
    const Finding found = judge(refusing, refusing.rules[0], s, SubjectIdentity{"x", "", "", "", "", Stage::Tender});
    BOOST_TEST(to_string(found.outcome) == "missing");
    BOOST_TEST(found.message.find("not applicable is not one") != std::string::npos, found.message);
    const auto d = errors_of(book(kRules, R"(<field name="x.y" type="integer" not-applicable="never"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message == "not-applicable must be 'accepted' or 'refused'");
}

BOOST_AUTO_TEST_CASE(an_enum_option_for_na_is_still_that_option) {
    Judged j;
    set(j.record, "bid.turnover", "£40m");
    set(j.record, "bid.statement", "N/A");
    BOOST_TEST(j.record.value(rb().fields.find("bid.statement")->id).is_valid());
    const Finding f = j.judge("SLAVERY");
    BOOST_TEST(to_string(f.outcome) == "fail");
}

BOOST_AUTO_TEST_CASE(na_and_missing_follow_three_valued_logic) {
    Judged shortcut;  // true or not-applicable is true
    set(shortcut.record, "bid.policy", "No");
    set(shortcut.record, "bid.turnover", "N/A");
    BOOST_TEST(to_string(shortcut.judge("EITHER").outcome) == "fail");
    Judged both;  // missing wins over not-applicable: the rule still needs an answer
    set(both.record, "bid.policy", "N/A");
    BOOST_TEST(to_string(both.judge("EITHER").outcome) == "missing");
    Judged na;
    set(na.record, "bid.policy", "N/A");
    set(na.record, "bid.turnover", "£1m");
    BOOST_TEST(to_string(na.judge("EITHER").outcome) == "not-applicable");
}

// ---- scope -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_grant_is_outside_a_contracts_scope_and_says_so) {
    Judged j;
    set(j.contract_fields, "contract.funding", "grant");
    set(j.contract_fields, "contract.value", "£48m");
    set(j.contract_fields, "contract.kpis", "0");
    const Finding f = j.judge("KPIS");
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Applies to contracts and service level agreements only; this is a grant.");
    Judged c;
    set(c.contract_fields, "contract.funding", "Contract");
    set(c.contract_fields, "contract.value", "£75,000");
    const Finding small = c.judge("KPIS");
    BOOST_TEST(to_string(small.outcome) == "not-applicable");
    BOOST_TEST(small.message == "Applies to contracts valued over £5,000,000 only; this one is £75,000.");
    Judged grant;
    set(grant.contract_fields, "contract.funding", "contract");
    BOOST_TEST(grant.judge("ADVANCE").message == "Applies to grants only; this is a contract.");
}

BOOST_AUTO_TEST_CASE(in_scope_the_rule_judges_and_its_scope_facts_are_evidence) {
    Judged j;
    set(j.contract_fields, "contract.funding", "SLA");
    set(j.contract_fields, "contract.value", "£48m");
    set(j.contract_fields, "contract.kpis", "2");
    const Finding f = j.judge("KPIS");
    BOOST_TEST(to_string(f.outcome) == "fail");
    bool funding_shown = false;
    for (const auto& e : f.evidence) funding_shown = funding_shown || (e.field == "contract: contract.funding" && e.value == "service-level-agreement");
    BOOST_TEST(funding_shown);
}

BOOST_AUTO_TEST_CASE(an_unknown_funding_type_is_in_scope_and_an_unknown_value_is_missing) {
    Judged j;  // no funding type: applies, as without a scope
    set(j.contract_fields, "contract.value", "£48m");
    set(j.contract_fields, "contract.kpis", "1");
    BOOST_TEST(to_string(j.judge("KPIS").outcome) == "fail");
    BOOST_TEST(to_string(j.judge("ADVANCE").outcome) == "pass");
    Judged v;
    set(v.contract_fields, "contract.funding", "contract");
    set(v.contract_fields, "contract.kpis", "1");
    const Finding f = v.judge("KPIS");
    BOOST_TEST(to_string(f.outcome) == "missing");
    BOOST_TEST(f.message.find("contract.value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(na_inside_a_scope_fails) {
    Judged j;
    set(j.contract_fields, "contract.value", "£48m");
    set(j.contract_fields, "contract.kpis", "N/A");
    const Finding f = j.judge("KPIS");
    BOOST_TEST(to_string(f.outcome) == "fail");
    BOOST_TEST(f.message.find("but the rule applies here: contracts and service level agreements valued over £5,000,000") !=
               std::string::npos, f.message);
}

// ---- not published -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_fact_not_published_is_not_applicable_with_a_pointer_to_the_documents) {
    Judged j;
    set(j.contract_fields, "contract.value", "£48m");
    const FieldDef* kpis = rb().fields.find("contract.kpis");
    j.contract_fields.set(kpis->id, Answer{Value::not_published(kpis->type), "", Provenance{"notice.json", "/releases/0"}});
    const Finding f = j.judge("KPIS");
    BOOST_TEST(to_string(f.outcome) == "not-applicable");
    BOOST_TEST(f.message == "Not published: the source record (notice.json#/releases/0) does not give "
                            "contract.kpis; check the contract documents", f.message);
    // A funding type not published is not known: in scope.
    const FieldDef* funding = rb().fields.find("contract.funding");
    j.contract_fields.set(funding->id, Answer{Value::not_published(funding->type), "", Provenance{"notice.json", "x"}});
    BOOST_TEST(to_string(j.judge("KPIS").outcome) == "not-applicable");
}
