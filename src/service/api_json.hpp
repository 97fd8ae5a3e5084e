#pragma once
// The JSON the HTTP API answers with. Keys keep the order written here, so responses read
// well and diff cleanly.

#include <Poco/JSON/Object.h>

#include <string>

#include "model/finding.hpp"
#include "model/run.hpp"
#include "service/intake.hpp"
#include "service/tender_screening.hpp"
#include "store/store.hpp"

namespace fairgate::service {

Poco::JSON::Object::Ptr json_object();
std::string to_json(const Poco::Dynamic::Var& value);

Poco::JSON::Object::Ptr outcome_counts_json(const OutcomeCounts& counts);
Poco::JSON::Object::Ptr finding_json(const Finding& f);
Poco::JSON::Object::Ptr file_result_json(const FileResult& f);
Poco::JSON::Object::Ptr contract_outcome_json(const ContractOutcome& c);
/// A contract as listed: id, title, service area, supplier, status, counts, run, links.
Poco::JSON::Object::Ptr position_json(const ContractPosition& p);
/// A run: `with_details` adds its files (with notes), contracts and findings by rule.
Poco::JSON::Object::Ptr run_json(const Run& run, bool with_details);
/// A tender: id, the contract awarded from it (or null), its workbook link, the number of
/// bidders (bidder_count: all of the tender's) and each bidder in `bids` (supplier id and name, standing code, rank, findings counted by
/// outcome); `with_findings` adds each bid's latest findings (finding_json) as "findings_detail".
Poco::JSON::Object::Ptr tender_json(const ScreenedTender& t, bool with_findings);
/// The answer to an upload.
Poco::JSON::Object::Ptr intake_json(const IntakeResult& r);
/// {"error": {"status": 404, "message": "..."}}
std::string error_json(int status, const std::string& message);

/// An identifier percent-encoded as one path segment (a '/' in it does not split it).
std::string path_segment(const std::string& id);
/// "/api/v1/contracts/<id>/workbook" with the id percent-encoded.
std::string workbook_link(const std::string& contract_id);
/// "/api/v1/tenders/<id>/workbook" with the id percent-encoded: the comparison workbook.
std::string tender_workbook_link(const std::string& tender_id);

}  // namespace fairgate::service
