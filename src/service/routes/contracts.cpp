#include "service/routes/contracts.hpp"

#include "service/api_json.hpp"
#include "service/pages/portfolio.hpp"
#include "service/routes/answers.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

std::optional<ContractStatus> status_filter(const std::string& status) {
    if (status.empty()) return std::nullopt;
    // The stored spelling only: a filter in a link or a script should be written one way.
    const auto parsed = parse_contract_status(status);
    if (!parsed || to_string(*parsed) != status)
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "status must be red, amber or green, not '" + status + "'"};
    return parsed;
}

ContractList::ContractList(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { list(x); }}}) {}

void ContractList::list(Exchange& x) {
    const pages::PageFilter filter{status_filter(x.target.query.get("status", "")), x.target.query.get("service_area", "")};
    auto store = parts().stores.lease();
    Poco::JSON::Array::Ptr contracts = new Poco::JSON::Array;
    for (const auto& p : store->contract_positions())
        if (pages::matches(p, filter)) contracts->add(position_json(p));
    auto o = json_object();
    o->set("contracts", contracts);
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(o));
}

ContractDetail::ContractDetail(const Service& service, Target target, std::string contract_id)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { show(x); }}}),
      id_(std::move(contract_id)) {}

void ContractDetail::show(Exchange& x) {
    auto store = parts().stores.lease();
    auto p = store->contract_position(id_);
    if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id_ + " has been judged"};
    auto o = position_json(*p);
    Poco::JSON::Array::Ptr findings = new Poco::JSON::Array;
    for (const auto& f : store->load_findings(id_)) findings->add(finding_json(f.finding));
    o->set("findings_detail", findings);
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(o));
}

ContractWorkbook::ContractWorkbook(const Service& service, Target target, std::string contract_id)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { send(x); }}}),
      id_(std::move(contract_id)) {}

void ContractWorkbook::send(Exchange& x) {
    auto store = parts().stores.lease();
    auto p = store->contract_position(id_);
    if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id_ + " has been judged"};
    send_workbook(x.response, x.config.out, p->outcome.workbook, "contract " + id_);
}

}  // namespace fairgate::service::routes
