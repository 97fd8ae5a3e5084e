#include "service/routes/health.hpp"

#include <Poco/Net/HTTPServerResponse.h>

#include <filesystem>

#include "service/api_json.hpp"
#include "service/routes/answers.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

HealthCheck::HealthCheck(const Service& service, Target target)
    : Resource(service, std::move(target), {{"GET", Access::anyone(), [this](Exchange& x) { report(x); }}}) {}

void HealthCheck::report(Exchange& x) {
    auto o = json_object();
    bool ok = true;
    try {
        auto store = parts().stores.lease();
        store->schema_version();
        o->set("store", "ok");
    } catch (const std::exception& e) {
        ok = false;
        o->set("store", std::string("unreachable: ") + e.what());
    }
    std::error_code ec;
    const bool inbox = fs::is_directory(x.config.inbox, ec) && (!parts().watcher || parts().watcher->readable());
    o->set("inbox", inbox ? "ok" : "unreadable: " + x.config.inbox);
    ok = ok && inbox;
    o->set("queue", static_cast<uint64_t>(parts().intake.queued()));
    // Runs that keep failing leave every new return unjudged: not ok, even when the store
    // answers this request.
    const IntakeHealth runs = parts().intake.health();
    o->set("runs", runs.degraded ? "failing since " + runs.since + ": " + runs.problem : std::string("ok"));
    const char* status = !ok ? "unhealthy" : runs.degraded ? "degraded" : "ok";
    ok = ok && !runs.degraded;
    o->set("status", status);
    send_json(x.response, ok ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE, to_json(o));
}

}  // namespace fairgate::service::routes
