#include "service/routes/route_table.hpp"

#include <Poco/Net/HTTPServerRequest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "service/routes/answers.hpp"
#include "service/routes/contracts.hpp"
#include "service/routes/health.hpp"
#include "service/routes/metrics_text.hpp"
#include "service/routes/pages.hpp"
#include "service/routes/returns.hpp"
#include "service/routes/runs.hpp"
#include "service/routes/sign_in.hpp"
#include "service/routes/tenders.hpp"
#include "service/routes/upload.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

// Whether `path` is `pattern`, segment by segment; "*" is any one segment (an identifier).
bool is(const std::vector<std::string>& path, std::initializer_list<const char*> pattern) {
    if (path.size() != pattern.size()) return false;
    auto segment = path.begin();
    for (const char* want : pattern) {
        if (std::string_view(want) != "*" && *segment != want) return false;
        ++segment;
    }
    return true;
}

}  // namespace

Poco::Net::HTTPRequestHandler* RouteTable::createRequestHandler(const Poco::Net::HTTPServerRequest& request) {
    const Service& s = service_;
    Target t;
    try {
        t = Target::parse(request.getURI());
    } catch (...) {
        // Said once the shared checks of the request line and headers have passed.
        return new Refusal(s, std::current_exception());
    }
    const std::vector<std::string> p = t.path;  // the ids below are copied from it; `t` moves on

    if (is(p, {"healthz"})) return new HealthCheck(s, std::move(t));
    if (is(p, {"metrics"})) return new MetricsText(s, std::move(t));

    // The auditors' page, and signing in to it.
    if (is(p, {"login"})) return new SignIn(s, std::move(t));
    if (is(p, {"logout"})) return new SignOut(s, std::move(t));
    if (is(p, {})) return new PortfolioPage(s, std::move(t));
    if (is(p, {"contracts", "*"})) return new ContractPage(s, std::move(t), p[1]);
    if (is(p, {"tenders"})) return new TendersPage(s, std::move(t));
    if (is(p, {"tenders", "*"})) return new TenderPage(s, std::move(t), p[1]);
    if (is(p, {"runs", "*"})) return new RunPage(s, std::move(t), p[1]);
    if (is(p, {"upload"})) return new UploadPage(s, std::move(t));

    // The API.
    if (is(p, {"api", "v1", "returns"})) return new ReturnUpload(s, std::move(t));
    if (is(p, {"api", "v1", "contracts"})) return new ContractList(s, std::move(t));
    if (is(p, {"api", "v1", "contracts", "*"})) return new ContractDetail(s, std::move(t), p[3]);
    if (is(p, {"api", "v1", "contracts", "*", "workbook"})) return new ContractWorkbook(s, std::move(t), p[3]);
    if (is(p, {"api", "v1", "tenders"})) return new TenderList(s, std::move(t));
    if (is(p, {"api", "v1", "tenders", "*"})) return new TenderDetail(s, std::move(t), p[3]);
    if (is(p, {"api", "v1", "tenders", "*", "workbook"}) || is(p, {"api", "v1", "tenders", "*", "comparison"}))
        return new TenderWorkbook(s, std::move(t), p[3]);
    if (is(p, {"api", "v1", "runs"})) return new RunList(s, std::move(t));
    if (is(p, {"api", "v1", "runs", "*"})) return new RunDetail(s, std::move(t), p[3]);

    return new Refusal(s, std::make_exception_ptr(HttpError{HTTPResponse::HTTP_NOT_FOUND,
                                                            "no such resource: " + t.shown_path +
                                                                " (see docs/service.md)"}));
}

}  // namespace fairgate::service::routes
