#include "service/routes/runs.hpp"

#include <algorithm>

#include "service/api_json.hpp"
#include "service/routes/answers.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

RunList::RunList(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { list(x); }},
                {"POST", Access::token(Permission::Administer), [this](Exchange& x) { queue_full_run(x); }}}) {}

void RunList::list(Exchange& x) {
    size_t limit = 50;
    if (x.target.query.has("limit")) {
        try {
            limit = std::stoul(x.target.query.get("limit"));
        } catch (const std::exception&) {
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "limit must be a whole number"};
        }
    }
    auto store = parts().stores.lease();
    Poco::JSON::Array::Ptr runs = new Poco::JSON::Array;
    for (const auto& r : store->list_runs(std::min<size_t>(limit, 1000))) runs->add(run_json(r, false));
    auto o = json_object();
    o->set("runs", runs);
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(o));
}

void RunList::queue_full_run(Exchange& x) {
    parts().intake.submit_full_run();
    auto o = json_object();
    o->set("status", "queued");
    o->set("message", "a run judging every contract and writing the portfolio workbook is queued; "
                      "it appears in GET /api/v1/runs when it starts");
    send_json(x.response, HTTPResponse::HTTP_ACCEPTED, to_json(o));
}

RunDetail::RunDetail(const Service& service, Target target, std::string run_id)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { show(x); }}}),
      id_(std::move(run_id)) {}

void RunDetail::show(Exchange& x) {
    auto store = parts().stores.lease();
    auto r = store->load_run(id_);
    if (!r) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no run " + id_};
    send_json(x.response, HTTPResponse::HTTP_OK, to_json(run_json(*r, true)));
}

}  // namespace fairgate::service::routes
