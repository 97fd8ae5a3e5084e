// Policy as data: field roles, <schedule> and <workbook> are the rulebook's to declare, and
// every mistake in them is an error at its place when the rulebook loads.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;

namespace {

// A rulebook whose fields carry names no other rulebook uses, with `fields` and `extra`
// (sections after <parameters>) spliced in.
std::string rulebook(const std::string& fields, const std::string& extra = "") {
    return R"(<?xml version="1.0"?>
<rulebook id="roles" version="1">
  <sources><source ref="S-1" document="Statute">Quoted text.</source></sources>
  <fields>
    <field name="ref.agreement" type="text" role="contract-id"/>
    <field name="when.begins" type="date" role="contract-start"/>
    <field name="when.ends" type="date" role="contract-end"/>
    <field name="worth" type="money" role="contract-value"/>
    <field name="pledge.hours" type="number"/>
    <field name="done.hours" type="number"/>
    <field name="seen.age" type="percent"/>
    <field name="seen.sex" type="percent"/>
    <field name="grievances" type="integer"/>
    <field name="note" type="text"/>
)" + fields + R"(
  </fields>
  <parameters><param name="due" type="integer" value="30" cite="S-1">d</param><param name="rate" type="percent" value="5%">r</param></parameters>
)" + extra + R"(
  <rules>
    <rule id="R1" stage="contract" severity="minor"><title>t</title><cite ref="S-1"/><fail when="worth &gt; £1m"/></rule>
  </rules>
</rulebook>
)";
}

std::vector<Diagnostic> errors_of(const std::string& xml) {
    try {
        load_rulebook_text(xml, "roles.xml");
    } catch (const RulebookError& e) {
        return e.diagnostics();
    }
    return {};
}

bool says(const std::vector<Diagnostic>& d, const std::string& text) {
    return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) { return x.message.find(text) != std::string::npos; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(policy_as_data)

BOOST_AUTO_TEST_CASE(roles_find_fields_whatever_their_names) {
    const Rulebook rb = load_rulebook_text(rulebook(""), "roles.xml");
    BOOST_REQUIRE(rb.fields.find(FieldRole::ContractId));
    BOOST_TEST(rb.fields.find(FieldRole::ContractId)->name == "ref.agreement");
    BOOST_TEST(rb.fields.find(FieldRole::ContractValue)->name == "worth");
    BOOST_TEST(!rb.fields.find(FieldRole::SupplierId));  // no field plays it: not known
    BOOST_TEST(!rb.fields.find(FieldRole::None));
    FieldRole parsed = FieldRole::None;
    BOOST_TEST(parse_field_role("gpg-median-gap", parsed));
    BOOST_TEST((parsed == FieldRole::GpgMedianGap));
    BOOST_TEST(to_string(parsed) == "gpg-median-gap");
    BOOST_TEST(!parse_field_role("contract.value", parsed));
}

BOOST_AUTO_TEST_CASE(a_role_must_suit_its_field_and_be_taken_once) {
    auto d = errors_of(rulebook(R"(<field name="other.value" type="text" role="contract-value"/>)"));
    BOOST_TEST(says(d, "role contract-value needs a money field, not text"));
    d = errors_of(rulebook(R"(<field name="second.start" type="date" role="contract-start"/>)"));
    BOOST_TEST(says(d, "role contract-start of field second.start is already taken by field when.begins"));
    d = errors_of(rulebook(R"(<field name="x" type="text" role="contract-worth"/>)"));
    BOOST_REQUIRE(says(d, "unknown field role 'contract-worth'"));
    // Placed at the attribute, so a rule author's editor jumps to it.
    BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), 14) == "contract-worth");
}

BOOST_AUTO_TEST_CASE(the_workbook_section_declares_what_workbooks_show) {
    const Rulebook rb = load_rulebook_text(rulebook("", R"(
  <schedule due-days="due"/>
  <workbook>
    <fact label="Worth" field="worth"/>
    <completeness fields="seen.*"/>
    <complaints received="grievances"/>
    <measure label="Hours" commitment="pledge.hours" delivered="done.hours"/>
  </workbook>)"), "roles.xml");
    BOOST_TEST(rb.return_due_days().value_or(-1) == 30);
    const WorkbookContent& w = rb.workbook;
    BOOST_REQUIRE(w.facts.size() == 1u);
    BOOST_TEST(w.facts[0].label == "Worth");
    BOOST_TEST(w.facts[0].field == rb.fields.find("worth")->id);
    BOOST_TEST(w.completeness.size() == 2u);  // seen.age and seen.sex, by the prefix
    BOOST_TEST(w.complaints == rb.fields.find("grievances")->id);
    BOOST_TEST(w.complaints_resolved == kNoField);  // optional
    BOOST_REQUIRE(w.measures.size() == 1u);
    BOOST_TEST(w.measures[0].commitment == rb.fields.find("pledge.hours")->id);
    BOOST_TEST(w.measures[0].delivered == rb.fields.find("done.hours")->id);
}

BOOST_AUTO_TEST_CASE(without_the_sections_nothing_is_shown_and_lateness_is_not_judged) {
    const Rulebook rb = load_rulebook_text(rulebook(""), "roles.xml");
    BOOST_TEST(!rb.return_due_days());
    BOOST_TEST(rb.workbook.facts.empty());
    BOOST_TEST(rb.workbook.measures.empty());
    BOOST_TEST(rb.workbook.complaints == kNoField);
}

BOOST_AUTO_TEST_CASE(every_mistake_in_the_sections_is_reported) {
    const auto d = errors_of(rulebook("", R"(
  <schedule due-days="rate"/>
  <workbook>
    <fact label="Worth" field="wroth"/>
    <completeness fields="seen.* note unseen.*"/>
    <complaints received="note"/>
    <measure label="Hours" delivered="done.hours"/>
    <measure label="Hours" commitment="pledge.hours" delivered="done.hours"/>
    <measure label="Nothing delivered"/>
    <chart/>
  </workbook>)"));
    BOOST_TEST(says(d, "due-days parameter rate must be an integer"));
    BOOST_TEST(says(d, "unknown field 'wroth'"));
    BOOST_TEST(says(d, "completeness field note must be a percent, not text"));
    BOOST_TEST(says(d, "'unseen.*' matches no field"));
    BOOST_TEST(says(d, "field note is text, but <complaints> needs a number"));
    BOOST_TEST(says(d, "a measure labelled 'Hours' is already declared"));
    BOOST_TEST(says(d, "<measure> needs the attribute delivered"));
    BOOST_TEST(says(d, "unknown element <chart> in <workbook>"));
    BOOST_TEST(d.size() == 8u);
}

BOOST_AUTO_TEST_CASE(due_days_must_name_a_parameter) {
    const auto d = errors_of(rulebook("", R"(<schedule due-days="return_due"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message == "due-days names no parameter 'return_due'");
}

BOOST_AUTO_TEST_SUITE_END()
