// XML returns (docs/xml-returns.md): identity, answers by ref or field, provenance paths,
// notes for what is not understood, and XML that is refused.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/xml_return.hpp"

using namespace fairgate;
using fairgate::test::bexley_fields;
using fairgate::test::import_bytes;
using fairgate::test::import_error;

namespace {

const std::string kQuarterly = R"(<?xml version="1.0" encoding="UTF-8"?>
<return>
  <header>
    <kind>Quarterly</kind><contract>BX-2025-0142</contract><supplier-id>05512345</supplier-id>
    <supplier-name>Bexley Care</supplier-name><period>2026-Q2</period>
  </header>
  <answers>
    <answer ref="Q1">412</answer>
    <answer field="q.recorded.age">97%</answer>
    <answer ref="Q3">two</answer>
    <answer ref="ZZ9">?</answer>
  </answers>
</return>)";

const Answer* answer(const SupplierReturn& r, const char* field) {
    return r.answers.get(bexley_fields().find(field)->id);
}

bool has_note(const importers::ImportResult& r, const std::string& where_part, const std::string& message_part) {
    for (const ImportNote& n : r.notes) {
        if (n.where.find(where_part) != std::string::npos && n.message.find(message_part) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xml_returns)

BOOST_AUTO_TEST_CASE(detects_xml_after_bom_and_white_space) {
    BOOST_TEST(importers::looks_like_xml("\xEF\xBB\xBF  \n<?xml version=\"1.0\"?><return/>"));
    BOOST_TEST(importers::looks_like_xml("<return/>"));
    BOOST_TEST(!importers::looks_like_xml("Ref,Question\n"));
    BOOST_TEST(!importers::looks_like_xml("   "));
}

BOOST_AUTO_TEST_CASE(reads_a_quarterly_return_with_paths) {
    const auto r = import_bytes("q.xml", kQuarterly);
    BOOST_TEST(r.format == "xml returns");
    BOOST_REQUIRE(r.returns.size() == 1u);
    const SupplierReturn& ret = r.returns[0];
    BOOST_TEST((ret.kind == ReturnKind::Quarterly));
    BOOST_TEST(ret.contract_id == "BX-2025-0142");
    BOOST_TEST(ret.period->label() == "2026-Q2");
    BOOST_TEST(answer(ret, "q.service_users")->value.as_integer() == 412);
    BOOST_TEST(answer(ret, "q.service_users")->where.display() == "q.xml /return/answers/answer[1]");
    BOOST_TEST(answer(ret, "q.recorded.age")->value.as_fraction() == 0.97, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(answer(ret, "contract.id")->where.locator() == "/return/header/contract[1]");
    BOOST_TEST(answer(ret, "q.discrimination_complaints")->value.is_invalid());
    BOOST_TEST(has_note(r, "/return/answers/answer[3]", "cannot be read"));
    BOOST_TEST(has_note(r, "/return/answers/answer[4]", "'ZZ9' is not in the rulebook"));
}

BOOST_AUTO_TEST_CASE(several_returns_in_one_file) {
    const std::string xml = R"(<returns><return><header><kind>Tender</kind><tender>T-1</tender><supplier-id>S1</supplier-id></header>
<answers><answer ref="B1">Yes</answer></answers></return>
<return><header><kind>Tender</kind><tender>T-1</tender><supplier-id>S2</supplier-id></header>
<answers><answer ref="B1">No</answer></answers></return><note>x</note></returns>)";
    const auto r = import_bytes("t.xml", xml);
    BOOST_REQUIRE(r.returns.size() == 2u);
    BOOST_TEST(r.returns[1].supplier_id == "S2");
    BOOST_TEST(answer(r.returns[1], "eq.policy")->where.locator() == "/returns/return[2]/answers/answer[1]");
    BOOST_TEST(has_note(r, "/returns/note", "not a <return>"));
}

BOOST_AUTO_TEST_CASE(namespaced_elements_are_read) {
    const std::string xml = R"(<f:return xmlns:f="urn:fairgate:returns:1"><f:header><f:kind>Tender</f:kind><f:tender>T-1</f:tender>
<f:supplier-id>S1</f:supplier-id></f:header><f:answers><f:answer ref="B1">Yes</f:answer></f:answers></f:return>)";
    const auto r = import_bytes("ns.xml", xml);
    BOOST_REQUIRE(r.returns.size() == 1u);
    BOOST_TEST(answer(r.returns[0], "eq.policy")->value.as_bool());
}

BOOST_AUTO_TEST_CASE(a_return_without_identity_is_refused_by_path) {
    const std::string xml = R"(<returns><return><header><kind>Tender</kind><supplier-id>S1</supplier-id></header></return></returns>)";
    const std::string e = import_error("t.xml", xml);
    BOOST_TEST(e.find("t.xml /returns/return[1]") != std::string::npos, e);
    BOOST_TEST(e.find("has no tender reference") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(doctype_is_refused_outright) {
    const std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<return><header><kind>&lol2;</kind></header></return>)";
    std::string e = import_error("bomb.xml", laughs);
    BOOST_TEST(e.find("DOCTYPE") != std::string::npos, e);
    const std::string external = R"(<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><return/>)";
    e = import_error("xxe.xml", external);
    BOOST_TEST(e.find("DOCTYPE") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(malformed_xml_names_line_and_column) {
    const std::string e = import_error("bad.xml", "<return>\n  <header>\n</return>");
    BOOST_TEST(e.find("bad.xml line 3, column") != std::string::npos, e);
    BOOST_TEST(e.find("not well-formed XML") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(another_root_is_not_a_return) {
    const std::string e = import_error("other.xml", "<?xml version=\"1.0\"?><invoice><total>3</total></invoice>");
    BOOST_TEST(e.find("root element is <invoice>") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(personal_data_in_xml_is_refused) {
    const std::string xml = R"(<return><header><kind>Quarterly</kind></header>
<service-users><person><name>A Smith</name><date-of-birth>1950-01-01</date-of-birth><ethnicity>White British</ethnicity></person></service-users></return>)";
    const std::string e = import_error("people.xml", xml);
    BOOST_TEST(e.find("individual-level personal data") != std::string::npos, e);
    BOOST_TEST(e.find("'name'") != std::string::npos, e);
    BOOST_TEST(e.find("'ethnicity'") != std::string::npos, e);
}

BOOST_AUTO_TEST_SUITE_END()
