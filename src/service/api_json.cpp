#include "service/api_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>

#include <sstream>

namespace fairgate::service {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr json_object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string to_json(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out, 0, -1, Poco::JSON_PRESERVE_KEY_ORDER);
    return out.str();
}

std::string path_segment(const std::string& id) {
    std::string encoded;
    Poco::URI::encode(id, "/?#[]@!$&'()*+,;=%", encoded);
    return encoded;
}

std::string workbook_link(const std::string& contract_id) {
    return "/api/v1/contracts/" + path_segment(contract_id) + "/workbook";
}

std::string tender_workbook_link(const std::string& tender_id) {
    return "/api/v1/tenders/" + path_segment(tender_id) + "/workbook";
}

Object::Ptr outcome_counts_json(const OutcomeCounts& counts) {
    auto o = json_object();
    for (Outcome outcome : kAllOutcomes) o->set(std::string(to_string(outcome)), counts[static_cast<size_t>(outcome)]);
    return o;
}

Object::Ptr finding_json(const Finding& f) {
    auto o = json_object();
    o->set("rule", f.rule_id);
    o->set("title", f.rule_title);
    o->set("outcome", std::string(to_string(f.outcome)));
    o->set("severity", std::string(to_string(f.severity)));
    o->set("subject", f.subject_id);
    o->set("stage", std::string(to_string(f.stage)));
    if (!f.tender_id.empty()) o->set("tender", f.tender_id);
    if (!f.supplier_id.empty()) o->set("supplier", f.supplier_id);
    if (!f.period.empty()) o->set("period", f.period);
    o->set("message", f.message);
    o->set("expected", f.expected);
    o->set("found", f.found);
    o->set("remedy", f.remedy);
    Array::Ptr citations = new Array;
    for (const auto& c : f.citations) citations->add(c);
    o->set("citations", citations);
    Array::Ptr evidence = new Array;
    for (const auto& e : f.evidence) {
        auto item = json_object();
        item->set("field", e.field);
        item->set("value", e.value);
        item->set("where", e.where.display());
        evidence->add(item);
    }
    o->set("evidence", evidence);
    return o;
}

Object::Ptr file_result_json(const FileResult& f) {
    auto o = json_object();
    o->set("name", f.file.name);
    o->set("sha256", f.file.sha256);
    o->set("size", f.file.size);
    o->set("status", std::string(to_string(f.status)));
    if (!f.format.empty()) o->set("format", f.format);
    if (!f.reason.empty()) o->set("reason", f.reason);
    o->set("returns", f.returns);
    o->set("contracts", f.contracts);
    o->set("tenders", f.tenders);
    Array::Ptr notes = new Array;
    for (const auto& n : f.notes) {
        auto item = json_object();
        item->set("where", n.where);
        item->set("message", n.message);
        notes->add(item);
    }
    o->set("notes", notes);
    return o;
}

Object::Ptr contract_outcome_json(const ContractOutcome& c) {
    auto o = json_object();
    o->set("id", c.contract_id);
    o->set("status", std::string(to_string(c.status)));
    o->set("findings", outcome_counts_json(c.outcomes));
    o->set("workbook", workbook_link(c.contract_id));
    return o;
}

Object::Ptr position_json(const ContractPosition& p) {
    auto o = json_object();
    o->set("id", p.outcome.contract_id);
    o->set("title", p.title);
    o->set("service_area", p.category);
    o->set("supplier", p.supplier_name);
    o->set("status", std::string(to_string(p.outcome.status)));
    o->set("findings", outcome_counts_json(p.outcome.outcomes));
    o->set("run", p.run_id);
    o->set("workbook", workbook_link(p.outcome.contract_id));
    return o;
}

Object::Ptr run_json(const Run& run, bool with_details) {
    auto o = json_object();
    o->set("id", run.id);
    o->set("status", std::string(to_string(run.status)));
    o->set("started_at", run.started_at);
    o->set("finished_at", run.finished_at);
    auto rulebook = json_object();
    rulebook->set("id", run.rulebook_id);
    rulebook->set("version", run.rulebook_version);
    rulebook->set("sha256", run.rulebook_sha256);
    o->set("rulebook", rulebook);
    o->set("file_count", static_cast<uint64_t>(run.files.size()));
    o->set("contracts_judged", run.contracts_reported);
    o->set("returns_evaluated", run.returns_evaluated);
    o->set("findings", outcome_counts_json(run.outcomes));
    if (!run.error.empty()) o->set("error", run.error);
    if (!with_details) return o;
    Array::Ptr files = new Array;
    for (const auto& f : run.files) files->add(file_result_json(f));
    o->set("files", files);
    Array::Ptr contracts = new Array;
    for (const auto& c : run.contracts) contracts->add(contract_outcome_json(c));
    o->set("contracts", contracts);
    auto rules = json_object();
    for (const auto& [rule, counts] : run.rule_outcomes) rules->set(rule, outcome_counts_json(counts));
    o->set("findings_by_rule", rules);
    return o;
}

Object::Ptr tender_json(const ScreenedTender& t, bool with_findings) {
    auto o = json_object();
    o->set("id", t.tender_id);
    if (t.contract_id) o->set("contract", *t.contract_id);
    else o->set("contract", Poco::Dynamic::Var());  // null: not awarded yet
    o->set("workbook", tender_workbook_link(t.tender_id));
    o->set("bidder_count", static_cast<uint64_t>(t.bidder_count));
    Array::Ptr bids = new Array;
    for (const TenderBid& b : t.bids) {
        auto item = json_object();
        item->set("supplier_id", b.supplier_id);
        item->set("supplier_name", b.supplier_name);
        item->set("standing", std::string(reports::to_string(b.standing)));
        item->set("rank", static_cast<uint64_t>(b.rank));
        item->set("findings", outcome_counts_json(b.outcomes));
        if (with_findings) {
            Array::Ptr detail = new Array;
            for (const Finding& f : b.findings) detail->add(finding_json(f));
            item->set("findings_detail", detail);
        }
        bids->add(item);
    }
    o->set("bidders", bids);
    return o;
}

Object::Ptr intake_json(const IntakeResult& r) {
    auto o = json_object();
    o->set("file", file_result_json(r.file));
    o->set("run", r.run_id);
    Array::Ptr contracts = new Array;
    for (const auto& c : r.contracts) contracts->add(contract_outcome_json(c));
    o->set("contracts", contracts);
    Array::Ptr findings = new Array;
    for (const auto& f : r.findings) findings->add(finding_json(f));
    o->set("findings", findings);
    Array::Ptr tenders = new Array;
    for (const auto& t : r.tenders) tenders->add(tender_json(t, true));
    o->set("tenders", tenders);
    return o;
}

std::string error_json(int status, const std::string& message) {
    auto inner = json_object();
    inner->set("status", status);
    inner->set("message", message);
    auto o = json_object();
    o->set("error", inner);
    return to_json(o);
}

}  // namespace fairgate::service
