// OCDS JSON: packages, records, JSON Lines, merging releases of one ocid, quirks as notes,
// and text that is not JSON. Also the real Contracts Finder data in ../shared/data.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/ocds_json.hpp"
#include "support/requirements.hpp"

using namespace fairgate;
using fairgate::test::bexley_fields;
using fairgate::test::import_bytes;
using fairgate::test::import_error;
namespace fs = std::filesystem;

namespace {

const Answer* field(const Contract& c, const char* name) { return c.fields.get(bexley_fields().find(name)->id); }

bool has_note(const importers::ImportResult& r, const std::string& where_part, const std::string& message_part) {
    for (const ImportNote& n : r.notes) {
        if (n.where.find(where_part) != std::string::npos && n.message.find(message_part) != std::string::npos) return true;
    }
    return false;
}

const Contract* contract(const importers::ImportResult& r, const std::string& id) {
    for (const Contract& c : r.contracts) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ocds)

BOOST_AUTO_TEST_CASE(json_and_xml_files_are_candidate_inputs) {
    BOOST_TEST(importers::is_candidate_input("releases.json"));
    BOOST_TEST(importers::is_candidate_input("feed.JSONL"));
    BOOST_TEST(importers::is_candidate_input("feed.ndjson"));
    BOOST_TEST(importers::is_candidate_input("return.xml"));
    BOOST_TEST(!importers::is_candidate_input("return.xml.reason.txt"));
    BOOST_TEST(!importers::is_candidate_input(".releases.json"));
}

BOOST_AUTO_TEST_CASE(detects_json) {
    BOOST_TEST(importers::looks_like_json("\xEF\xBB\xBF \n{\"releases\": []}"));
    BOOST_TEST(importers::looks_like_json("[{}]"));
    BOOST_TEST(!importers::looks_like_json("<return/>"));
    BOOST_TEST(!importers::looks_like_json("ocid,title"));
}

BOOST_AUTO_TEST_CASE(later_release_wins_field_by_field) {
    const std::string json = R"({"releases": [
 {"ocid": "o-1", "date": "2025-06-01T00:00:00Z", "awards": [{"id": "C-1", "value": {"amount": 900, "currency": "GBP"}}]},
 {"ocid": "o-1", "date": "2025-01-01T00:00:00+01:00", "tender": {"id": "T-1", "title": "Old", "value": {"amount": 1000, "currency": "GBP"}}},
 {"ocid": "o-1", "date": "2025-03-01T00:00:00Z", "tender": {"title": "New"}}]})";
    const auto r = import_bytes("p.json", json);
    BOOST_TEST(r.format == "ocds json");
    BOOST_REQUIRE(r.contracts.size() == 1u);
    const Contract& c = r.contracts[0];
    BOOST_TEST(c.id == "C-1");
    BOOST_TEST(c.tender_id == "T-1");
    BOOST_TEST(c.title == "New");
    BOOST_TEST(field(c, "contract.value")->value.as_pence() == 90000);
    BOOST_TEST(field(c, "contract.value")->where.display() == "p.json#/releases/0/awards/0/value/amount");
    BOOST_TEST(field(c, "contract.title")->where.locator() == "/releases/2/tender/title");
}

BOOST_AUTO_TEST_CASE(facts_the_rulebook_says_a_notice_may_not_publish_are_not_published_not_blank) {
    // rules/bexley.xml marks contract.payment_terms_days, contract.kpi_count ... unpublished-in="ocds".
    const std::string json = R"({"releases": [
 {"ocid": "o-1", "date": "2025-06-01T00:00:00Z", "tender": {"id": "T-1", "title": "Care"},
  "awards": [{"id": "C-1", "value": {"amount": 900, "currency": "GBP"}}]},
 {"ocid": "o-2", "date": "2025-06-01T00:00:00Z", "tender": {"id": "T-2", "title": "Not yet awarded"}}]})";
    const auto r = import_bytes("p.json", json);
    const Contract* c = contract(r, "C-1");
    BOOST_TEST_REQUIRE(c != nullptr);
    for (const char* name : {"contract.payment_terms_days", "contract.kpi_count", "contract.notice_period_days",
                             "contract.full_cost_recovery", "tender.social_value_weighting", "supplier.vcse"}) {
        BOOST_TEST_CONTEXT(name) {
            const Answer* a = field(*c, name);
            BOOST_TEST_REQUIRE(a != nullptr);
            BOOST_TEST((a->value.state() == Value::State::NotPublished));
            BOOST_TEST(a->where.display() == "p.json#/releases/0");
        }
    }
    // What the notice does give is read as usual; a field the rulebook does not mark stays unanswered.
    BOOST_TEST(field(*c, "contract.value")->value.is_valid());
    BOOST_TEST(field(*c, "eq.policy") == nullptr);
    // A tender before award has its facts marked the same way.
    BOOST_TEST_REQUIRE(r.tenders.size() == 1u);
    const Answer* kpis = r.tenders[0].fields.get(bexley_fields().find("contract.kpi_count")->id);
    BOOST_TEST_REQUIRE(kpis != nullptr);
    BOOST_TEST((kpis->value.state() == Value::State::NotPublished));
}

BOOST_AUTO_TEST_CASE(supplier_details_come_from_the_party) {
    const std::string json = R"({"releases": [{"ocid": "o-2", "date": "2025-01-01T00:00:00Z",
 "parties": [{"id": "B", "roles": ["buyer"]}, {"id": "S", "details": {"scale": "sme", "vcse": true}}],
 "awards": [{"id": "C-2", "suppliers": [{"id": "S", "name": "Supplier Ltd"}]}],
 "tender": {"awardCriteriaDetails": "Price 40%; Quality 45%; Social Value 15 %"}}]})";
    const auto r = import_bytes("p.json", json);
    const Contract& c = r.contracts.at(0);
    // The feed says only "sme": small or medium, not known to be small.
    BOOST_TEST(field(c, "supplier.scale")->value.as_text() == "sme");
    BOOST_TEST(field(c, "supplier.scale")->where.locator() == "/releases/0/parties/1/details/scale");
    BOOST_TEST(field(c, "supplier.vcse")->value.as_bool());
    BOOST_TEST(field(c, "tender.social_value_weighting")->value.as_fraction() == 0.15, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(has_note(r, "p.json#/releases/0", "no contract period"));
}

BOOST_AUTO_TEST_CASE(a_planning_notice_is_a_tender_not_a_contract) {
    // Find a Tender's preliminary market engagement and pipeline notices carry `planning` and
    // no `tender` yet: nothing has been let, so there is no contract to monitor.
    const std::string json = R"({"releases": [
 {"ocid": "ocds-h6vhtk-05a1b2", "date": "2026-02-01T00:00:00Z", "tag": ["planning"], "title": "Day opportunities",
  "planning": {"budget": {"amount": {"amount": 900000, "currency": "GBP"}}}}]})";
    const auto r = import_bytes("pipeline.json", json);
    BOOST_TEST(r.contracts.empty());
    BOOST_REQUIRE(r.tenders.size() == 1u);
    BOOST_TEST(r.tenders[0].id == "ocds-h6vhtk-05a1b2");
    BOOST_TEST(r.tenders[0].title == "Day opportunities");
}

BOOST_AUTO_TEST_CASE(a_tender_notice_without_an_award_is_a_tender_and_an_awarded_process_a_contract) {
    const std::string json = R"({"releases": [
 {"ocid": "o-t", "date": "2026-01-10T00:00:00Z", "tag": ["tender"],
  "tender": {"id": "BX-T-2026-031", "title": "Community meals", "classification": {"id": "85320000"},
   "value": {"amount": 1200000, "currency": "GBP"}, "tenderPeriod": {"endDate": "2026-03-06T12:00:00Z"},
   "procurementMethod": "open", "procurementMethodDetails": "Open procedure",
   "lots": [{"id": "1"}, {"id": "2"}], "awardCriteriaDetails": "Price 60%; Quality 30%; Social value 10%"}},
 {"ocid": "o-a", "date": "2026-01-10T00:00:00Z", "tender": {"id": "BX-T-2025-014", "title": "Home care"}},
 {"ocid": "o-a", "date": "2026-02-10T00:00:00Z", "awards": [{"id": "C-14", "suppliers": [{"id": "S", "name": "Care Ltd"}]}]}]})";
    const auto r = import_bytes("notices.json", json);
    BOOST_TEST(r.format == "ocds json");
    BOOST_REQUIRE(r.contracts.size() == 1u);
    BOOST_TEST(r.contracts[0].id == "C-14");
    BOOST_TEST(r.contracts[0].tender_id == "BX-T-2025-014");
    BOOST_REQUIRE(r.tenders.size() == 1u);
    const Tender& t = r.tenders[0];
    BOOST_TEST(t.id == "BX-T-2026-031");
    BOOST_TEST(t.title == "Community meals");
    BOOST_TEST(t.category == "Health and social work services", "the CPV division's name, not the code");
    BOOST_TEST(t.source_name == "notices.json");
    auto fact = [&](const char* name) { return t.fields.get(bexley_fields().find(name)->id); };
    BOOST_TEST(fact("contract.category")->value.as_text() == "85320000", "the field keeps the code as published");
    BOOST_TEST(!fact("contract.id"), "a tender has no contract reference yet");
    BOOST_TEST(fact("contract.value")->value.as_pence() == 120000000);
    BOOST_TEST(fact("contract.value")->where.display() == "notices.json#/releases/0/tender/value/amount");
    BOOST_TEST(fact("tender.closing_date")->value.as_date().iso() == "2026-03-06");
    BOOST_TEST(fact("tender.procedure")->value.as_text() == "Open procedure");
    BOOST_TEST(fact("tender.lots")->value.as_integer() == 2);
    BOOST_TEST(fact("tender.social_value_weighting")->value.as_fraction() == 0.10, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(!has_note(r, "/releases/0", "no contract period"), "a tender's period is not a contract's to miss");
}

BOOST_AUTO_TEST_CASE(quirks_are_notes_not_errors) {
    const std::string json = R"({"releases": [{"ocid": "o-3", "date": "yesterday",
 "awards": [{"id": "C-3", "value": {"amount": "£12,000"}, "contractPeriod": {"startDate": "2025-04-01T00:00:00", "endDate": "1 April 2027"}}]},
 {"id": "lost"}, 42]})";
    const auto r = import_bytes("q.json", json);
    const Contract& c = r.contracts.at(0);
    BOOST_TEST(field(c, "contract.value")->value.as_pence() == 1200000);
    BOOST_TEST(c.start->iso() == "2025-04-01");
    BOOST_TEST(c.end->iso() == "2027-04-01");
    BOOST_TEST(has_note(r, "/releases/0/date", "not an ISO 8601 date-time"));
    BOOST_TEST(has_note(r, "/releases/0/awards/0/value/amount", "written as text"));
    BOOST_TEST(has_note(r, "/releases/0/awards/0/value", "no currency"));
    BOOST_TEST(has_note(r, "contractPeriod/startDate", "no time zone"));
    BOOST_TEST(has_note(r, "contractPeriod/endDate", "not ISO 8601"));
    BOOST_TEST(has_note(r, "/releases/1/ocid", "no ocid"));
    BOOST_TEST(has_note(r, "/releases/2", "not an object"));
}

BOOST_AUTO_TEST_CASE(json_lines_mix_releases_and_packages) {
    const std::string lines = "{\"ocid\": \"o-4\", \"date\": \"2025-01-01T00:00:00Z\", \"tender\": {\"id\": \"T-4\"}}\n"
                              "\n"
                              "{\"releases\": [{\"ocid\": \"o-4\", \"date\": \"2025-02-01T00:00:00Z\", \"awards\": [{\"id\": \"C-4\"}]}]}\n";
    const auto r = import_bytes("l.jsonl", lines);
    BOOST_TEST(r.format == "ocds json lines");
    BOOST_REQUIRE(r.contracts.size() == 1u);
    BOOST_TEST(r.contracts[0].id == "C-4");
    BOOST_TEST(field(r.contracts[0], "tender.id")->where.display() == "l.jsonl line 1#/tender/id");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_names_line_and_column) {
    std::string e = import_error("bad.json", "{\"releases\": [\n  {\"ocid\": \"o\",\n   \"date\": x}\n]}");
    BOOST_TEST(e.find("bad.json line 3, column 12") != std::string::npos, e);
    BOOST_TEST(e.find("not valid JSON") != std::string::npos, e);
    e = import_error("cut.json", "{\"releases\": [{\"ocid\": \"o\"");
    BOOST_TEST(e.find("ends inside an object") != std::string::npos, e);
    e = import_error("bad.jsonl", "{\"ocid\": \"a\"}\n{\"ocid\": \"b\",}\n");
    BOOST_TEST(e.find("bad.jsonl line 2, column") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(json_that_is_not_ocds_is_refused) {
    BOOST_TEST(import_error("x.json", "{\"name\": \"not ocds\"}").find("not OCDS") != std::string::npos);
    BOOST_TEST(import_error("e.json", "{\"releases\": []}").find("holds no OCDS release") != std::string::npos);
}

#define CONTRACTS_FINDER_PACKAGE FAIRGATE_SHARED_DIR "/data/contracts-finder-2022-10.release-package.json"
BOOST_AUTO_TEST_CASE(reads_the_real_contracts_finder_package, FAIRGATE_NEEDS_SHARED_FILE(CONTRACTS_FINDER_PACKAGE)) {
    const fs::path path = CONTRACTS_FINDER_PACKAGE;
    const SourceFile file{path.filename().string(), path.string(), sha256_of_file(path.string()), fs::file_size(path)};
    const auto r = importers::import_file(file, bexley_fields());
    BOOST_TEST(r.format == "ocds json");
    // 106 releases of 92 processes: releases of one ocid become one contract, or one tender
    // for the 41 processes with a tender notice and no award yet.
    BOOST_TEST(r.contracts.size() == 51u);
    BOOST_TEST(r.tenders.size() == 41u);
    size_t tender_value = 0, tender_closing = 0;
    for (const Tender& t : r.tenders) {
        BOOST_TEST(!t.id.empty());
        BOOST_TEST(!t.title.empty());
        BOOST_TEST(!t.fields.get(bexley_fields().find("contract.id")->id), t.id);
        tender_value += t.fields.get(bexley_fields().find("contract.value")->id) != nullptr;
        tender_closing += t.fields.get(bexley_fields().find("tender.closing_date")->id) != nullptr;
    }
    // As the package says: 24 notices give an estimated value, 38 a closing date.
    BOOST_TEST(tender_value == 24u);
    BOOST_TEST(tender_closing == 38u);
    size_t with_scale = 0, with_vcse = 0, with_value = 0, with_period = 0;
    for (const Contract& c : r.contracts) {
        BOOST_TEST(!c.id.empty());
        BOOST_TEST(!c.title.empty());
        if (field(c, "supplier.scale")) ++with_scale;
        if (field(c, "supplier.vcse")) ++with_vcse;
        if (field(c, "contract.value")) ++with_value;
        if (c.start && c.end) ++with_period;
        for (const auto& [id, a] : c.fields.answers()) {
            BOOST_TEST(a.where.locator().rfind("/releases/", 0) == 0u, a.where.locator());
        }
    }
    BOOST_TEST_MESSAGE("real OCDS: " << r.contracts.size() << " contracts, " << with_scale << " with supplier scale, "
                                     << with_vcse << " with VCSE flag, " << with_value << " with value, " << with_period
                                     << " with a period, " << r.notes.size() << " notes");
    BOOST_TEST(with_scale >= 40u);
    BOOST_TEST(with_vcse >= 40u);
    BOOST_TEST(with_value >= 50u);   // of 51: an awarded process states its value
    BOOST_TEST(with_period >= 50u);
    const Contract* peakon = contract(r, "ocds-b5fd17-7d067852-1260-448e-b84a-186d028f9991-1");
    BOOST_REQUIRE(peakon);
    BOOST_TEST(peakon->supplier_name == "Peakon ApS");
    BOOST_TEST(field(*peakon, "supplier.scale")->value.as_text() == "large");
    BOOST_TEST(field(*peakon, "contract.value")->value.as_pence() == 7250880);
    BOOST_TEST(peakon->end->iso() == "2022-10-21");
}

BOOST_AUTO_TEST_SUITE_END()
