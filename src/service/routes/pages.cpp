#include "service/routes/pages.hpp"

#include <Poco/Net/HTTPServerResponse.h>

#include "service/pages/contract.hpp"
#include "service/pages/portfolio.hpp"
#include "service/pages/run.hpp"
#include "service/pages/tenders.hpp"
#include "service/routes/answers.hpp"
#include "service/routes/contracts.hpp"
#include "service/tender_screening.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

PortfolioPage::PortfolioPage(const Service& service, Target target)
    : Resource(service, std::move(target), {{"GET", Access::page(), [this](Exchange& x) { show(x); }}}) {}

void PortfolioPage::show(Exchange& x) {
    const pages::PageFilter filter{status_filter(x.target.query.get("status", "")), x.target.query.get("area", "")};
    auto store = parts().stores.lease();
    send_html(x.response, HTTPResponse::HTTP_OK, pages::portfolio_page(store->contract_positions(), filter, page_frame(x)));
}

ContractPage::ContractPage(const Service& service, Target target, std::string contract_id)
    : Resource(service, std::move(target), {{"GET", Access::page(), [this](Exchange& x) { show(x); }}}),
      id_(std::move(contract_id)) {}

void ContractPage::show(Exchange& x) {
    pages::FindingFilter filter;
    const std::string outcome = x.target.query.get("outcome", "");
    if (!outcome.empty()) {
        // The stored spelling only, as for the contract list's status.
        filter.outcome = parse_outcome(outcome);
        if (!filter.outcome || to_string(*filter.outcome) != outcome || *filter.outcome == Outcome::NotApplicable)
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                            "outcome must be fail, missing, warn, refer or pass, not '" + outcome + "'"};
    }
    filter.rule = x.target.query.get("rule", "");
    filter.quarter = x.target.query.get("quarter", "");
    auto store = parts().stores.lease();
    const auto p = store->contract_position(id_);
    if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id_ + " has been judged"};
    send_html(x.response, HTTPResponse::HTTP_OK,
              pages::contract_page(*p, store->load_findings(id_), filter, page_frame(x), &parts().intake.rulebook()));
}

TendersPage::TendersPage(const Service& service, Target target)
    : Resource(service, std::move(target), {{"GET", Access::page(), [this](Exchange& x) { show(x); }}}) {}

void TendersPage::show(Exchange& x) {
    auto store = parts().stores.lease();
    send_html(x.response, HTTPResponse::HTTP_OK,
              pages::tenders_page(screen_all_tenders(*store, parts().intake.rulebook()), page_frame(x)));
}

TenderPage::TenderPage(const Service& service, Target target, std::string tender_id)
    : Resource(service, std::move(target), {{"GET", Access::page(), [this](Exchange& x) { show(x); }}}),
      id_(std::move(tender_id)) {}

void TenderPage::show(Exchange& x) {
    auto store = parts().stores.lease();
    const auto t = screen_tender(*store, id_, parts().intake.rulebook());
    if (!t) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no bid for tender " + id_ + " has been stored"};
    send_html(x.response, HTTPResponse::HTTP_OK, pages::tender_page(*t, page_frame(x)));
}

RunPage::RunPage(const Service& service, Target target, std::string run_id)
    : Resource(service, std::move(target), {{"GET", Access::page(), [this](Exchange& x) { show(x); }}}),
      id_(std::move(run_id)) {}

void RunPage::show(Exchange& x) {
    auto store = parts().stores.lease();
    auto r = store->load_run(id_);
    if (!r) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no run " + id_};
    send_html(x.response, HTTPResponse::HTTP_OK, pages::run_page(*r, parts().intake.rulebook(), page_frame(x)));
}

}  // namespace fairgate::service::routes
