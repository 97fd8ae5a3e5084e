#include "service/routes/metrics_text.hpp"

#include <Poco/Net/HTTPServerResponse.h>

namespace fairgate::service::routes {

MetricsText::MetricsText(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::token(Permission::Read), [this](Exchange& x) { send(x); }}}) {}

void MetricsText::send(Exchange& x) {
    x.response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    const std::string body = parts().metrics.prometheus_text();
    x.response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
    x.response.send() << body;
}

}  // namespace fairgate::service::routes
