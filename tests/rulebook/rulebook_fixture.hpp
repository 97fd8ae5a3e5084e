#pragma once
// A small rulebook written in the test, so each case shows the rule it exercises.

#include <string>

#include "rulebook/rulebook_loader.hpp"

namespace fairgate::test {

/// Wraps rules (and extra parameters) in a rulebook with a handful of fields of every type.
inline std::string rulebook_xml(const std::string& rules, const std::string& params = "") {
    return R"(<?xml version="1.0"?>
<rulebook id="test" version="1" quarters="financial">
  <sources><source ref="GP-1" document="Policy">Quoted text.</source></sources>
  <fields>
    <field name="eq.policy" type="yes-no" ref="B1"><question>Written policy?</question></field>
    <field name="eq.remedy" type="text" ref="B2a"/>
    <field name="supplier.turnover" type="money" ref="A4"/>
    <field name="supplier.employees" type="integer" ref="A3"/>
    <field name="q.share" type="percent" ref="Q2"/>
    <field name="q.jobs" type="number" ref="Q12"/>
    <field name="return.submitted" type="date"/>
    <field name="contract.start" type="date"/>
    <field name="contract.end" type="date"/>
    <field name="contract.service_to_residents" type="yes-no"/>
    <field name="fw.living_wage" type="enum" ref="C4"><option code="accredited"/><option code="committed"/><option code="no"/></field>
    <field name="fw.payment_days" type="days" ref="C5"><question>Payment terms you give subcontractors</question></field>
  </fields>
  <parameters>
    <param name="threshold" type="money" value="£36m" cite="GP-1">t</param>
    <param name="warn" type="percent" value="80%">w</param>
)" + params + R"(
  </parameters>
  <rules>
)" + rules + R"(
  </rules>
</rulebook>
)";
}

inline Rulebook load(const std::string& rules, const std::string& params = "") {
    return load_rulebook_text(rulebook_xml(rules, params), "test.xml");
}

}  // namespace fairgate::test
