#pragma once
// GET /healthz: whether the service can do its work, for a load balancer or monitoring.

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// GET /healthz, no sign-in: 200 {"status": "ok", "store", "inbox", "queue", "runs"} when
/// the store answers, the inbox is readable and runs work; else 503 with "status":
/// "unhealthy" (the store or the inbox, saying which) or "degraded" (runs keep failing).
class HealthCheck final : public Resource {
public:
    HealthCheck(const Service& service, Target target);

private:
    void report(Exchange& x);
};

}  // namespace fairgate::service::routes
