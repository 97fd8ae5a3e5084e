#include "store_fixture.hpp"

#include <stdexcept>

namespace fairgate::test {

const FieldDictionary& dictionary() {
    static const FieldDictionary dict = [] {
        FieldDictionary d;
        auto add = [&](const std::string& n, FieldType t, std::vector<std::string> codes = {},
                       FieldRole role = FieldRole::None) {
            FieldDef f;
            f.name = n;
            f.type = t;
            f.enum_values = std::move(codes);
            f.role = role;
            d.add(std::move(f));
        };
        add("return.type", FieldType::Text);
        add("eq.policy", FieldType::YesNo);
        add("supplier.employees", FieldType::Integer);
        add("supplier.turnover", FieldType::Money);
        add("q.share", FieldType::Percent);
        add("q.jobs", FieldType::Number);
        add("return.submitted", FieldType::Date, {}, FieldRole::ReturnSubmitted);  // where a version's date stands
        add("fw.living_wage", FieldType::Enum, {"accredited", "committed", "no"});
        add("eq.remedy", FieldType::Text);
        add("contract.value", FieldType::Money);
        add("contract.start", FieldType::Date);
        return d;
    }();
    return dict;
}

FieldId fid(const std::string& name) {
    const FieldDef* f = dictionary().find(name);
    // Not BOOST_REQUIRE: test_concurrency builds returns on several threads, and Boost.Test's
    // assertions are not thread-safe (ThreadSanitizer saw two threads write its checkpoint).
    if (!f) throw std::logic_error("the test dictionary has no field " + name);
    return f->id;
}

namespace {

void put(Record& r, const std::string& field, Value v, std::string raw, std::string file, std::string locator) {
    r.set(fid(field), Answer{std::move(v), std::move(raw), Provenance{std::move(file), std::move(locator)}});
}

}  // namespace

Contract make_contract(const std::string& id, const std::string& tender_id, const std::string& sha) {
    Contract c;
    c.id = id;
    c.tender_id = tender_id;
    c.title = "Care at home " + id;
    c.category = "Adult social care";
    c.supplier_id = "SUP-1";
    c.supplier_name = "Kindly Care Ltd";
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2028, 3, 31);
    c.source_sha256 = sha;
    c.source_name = "register.csv";
    put(c.fields, "contract.value", Value::money_pence(125000000), "£1,250,000", "register.csv", "line 2, column 5");
    put(c.fields, "contract.start", Value::date(Date::from_ymd(2025, 4, 1)), "01/04/2025", "register.csv",
        "line 2, column 6");
    return c;
}

SupplierReturn tender_return(const std::string& tender_id, const std::string& supplier, const std::string& sha) {
    SupplierReturn r;
    r.kind = ReturnKind::Tender;
    r.tender_id = tender_id;
    r.supplier_id = supplier;
    r.supplier_name = supplier + " Ltd";
    r.submitted = Date::from_ymd(2025, 1, 15);
    r.source_sha256 = sha;
    r.source_name = supplier + ".xlsx";
    const std::string f = r.source_name;
    // Written out of dictionary order: the file's order must survive.
    put(r.answers, "eq.remedy", Value::text("We will train staff; \"quoted\" and ünïcode ✓"), "We will...", f,
        "Questionnaire!C20");
    put(r.answers, "eq.policy", Value::yes_no(true), "Y", f, "Questionnaire!C14");
    put(r.answers, "supplier.employees", Value::integer(-42), "-42", f, "Questionnaire!C8");
    put(r.answers, "supplier.turnover", Value::money_pence(987654321012), "£9,876,543,210.12", f, "Questionnaire!C9");
    put(r.answers, "q.share", Value::percent(0.1), "10%", f, "Questionnaire!C10");
    put(r.answers, "q.jobs", Value::number(1.0 / 3.0), "0.333333", f, "Questionnaire!C11");
    put(r.answers, "return.submitted", Value::date(Date::from_ymd(2025, 1, 15)), "15/01/2025", f, "Questionnaire!C3");
    put(r.answers, "fw.living_wage", Value::enumeration("committed"), "Committed", f, "Questionnaire!C30");
    put(r.answers, "contract.value", Value::invalid(FieldType::Money, "about a million", "not an amount of money"),
        "about a million", f, "Questionnaire!C12");
    put(r.answers, "contract.start", Value::absent(), "  ", f, "Questionnaire!C13");
    return r;
}

SupplierReturn quarterly_return(const std::string& contract_id, Quarter period, const std::string& sha) {
    SupplierReturn r;
    r.kind = ReturnKind::Quarterly;
    r.contract_id = contract_id;
    r.supplier_id = "SUP-1";
    r.supplier_name = "Kindly Care Ltd";
    r.period = period;
    r.submitted = period.last_day(QuarterScheme::Financial);
    r.source_sha256 = sha;
    r.source_name = "quarterly.csv";
    put(r.answers, "q.jobs", Value::number(period.quarter * 1.5), std::to_string(period.quarter), "quarterly.csv",
        "line " + std::to_string(period.quarter + 1) + ", column 4");
    return r;
}

FileResult file_result(const std::string& name, const std::string& sha) {
    FileResult fr;
    fr.file.name = name;
    fr.file.path = "/inbox/" + name;
    fr.file.sha256 = sha;
    fr.file.size = 12345;
    fr.format = "csv table";
    return fr;
}

Finding make_finding(const std::string& subject, const std::string& rule, const std::string& contract,
                     Outcome outcome) {
    Finding f;
    f.subject_id = subject;
    f.contract_id = contract;
    f.tender_id = "T-1";
    f.supplier_id = "SUP-1";
    f.period = "2026-Q2";
    f.stage = Stage::Quarterly;
    f.rule_id = rule;
    f.rule_title = "Rule " + rule;
    f.rulebook_id = "bexley";
    f.rulebook_version = "2026.1";
    f.outcome = outcome;
    f.severity = Severity::Major;
    f.message = "Found 12% for " + rule;
    f.expected = "at least 15%";
    f.found = "12%";
    f.remedy = "Explain the shortfall";
    f.citations = {"GP-3", "MSA2015-S54"};
    f.evidence = {Evidence{"q.share", "12%", Provenance{"q.xlsx", "Return!C10"}},
                  Evidence{"q.jobs", "(no answer)", Provenance{"", "derived from the term"}}};
    return f;
}

void check_same_record(const Record& a, const Record& b) {
    BOOST_TEST_REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        const auto& [ida, ansa] = a.answers()[i];
        const auto& [idb, ansb] = b.answers()[i];
        BOOST_TEST_CONTEXT("answer " << i << " (" << dictionary().at(ida).name << ")") {
            BOOST_TEST(ida == idb);
            BOOST_TEST((ansa.value == ansb.value));
            BOOST_TEST(ansa.value.display() == ansb.value.display());
            BOOST_TEST(ansa.typed() == ansb.typed());
            BOOST_TEST(ansa.where.file() == ansb.where.file());
            BOOST_TEST(ansa.where.locator() == ansb.where.locator());
        }
    }
}

}  // namespace fairgate::test
