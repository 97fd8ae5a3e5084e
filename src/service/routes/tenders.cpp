#include "service/routes/tenders.hpp"

#include "reports/tender_comparison.hpp"
#include "service/api_json.hpp"
#include "service/routes/answers.hpp"
#include "service/tender_screening.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

TenderList::TenderList(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { list(x); }}}) {}

void TenderList::list(Exchange& x) {
    auto store = parts().stores.lease();
    Poco::JSON::Array::Ptr tenders = new Poco::JSON::Array;
    for (const auto& t : screen_all_tenders(*store, parts().intake.rulebook())) tenders->add(tender_json(t, false));
    auto o = json_object();
    o->set("tenders", tenders);
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(o));
}

TenderDetail::TenderDetail(const Service& service, Target target, std::string tender_id)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { show(x); }}}),
      id_(std::move(tender_id)) {}

void TenderDetail::show(Exchange& x) {
    auto store = parts().stores.lease();
    const auto t = screen_tender(*store, id_, parts().intake.rulebook());
    if (!t) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no bid for tender " + id_ + " has been stored"};
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(tender_json(*t, true)));
}

TenderWorkbook::TenderWorkbook(const Service& service, Target target, std::string tender_id)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { send(x); }}}),
      id_(std::move(tender_id)) {}

void TenderWorkbook::send(Exchange& x) {
    // Where the batch writes it (reports::tender_workbook_path).
    reports::TenderReport t;
    t.tender_id = id_;
    send_workbook(x.response, x.config.out, reports::tender_workbook_path(x.config.out, t), "tender " + id_);
}

}  // namespace fairgate::service::routes
