#pragma once
// GET /metrics: the service's counters for Prometheus.

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// GET /metrics, any role: ServiceMetrics in Prometheus' text format (version 0.0.4).
class MetricsText final : public Resource {
public:
    MetricsText(const Service& service, Target target);

private:
    void send(Exchange& x);
};

}  // namespace fairgate::service::routes
