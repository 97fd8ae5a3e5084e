#pragma once
// What the HTTP side of `fairgate serve` shares across requests: settings, the intake, the
// inbox watcher, counters, the tokens and the store connections. Kept apart from ApiServer so
// that the request handlers (service/routes/) need not know the transport.

#include "service/access.hpp"
#include "service/inbox_watcher.hpp"
#include "service/intake.hpp"
#include "service/metrics.hpp"
#include "service/service_config.hpp"
#include "service/store_pool.hpp"

namespace fairgate::service {

/// What the request handlers share. Lives as long as the server.
struct ServiceParts {
    const ServiceConfig& config;
    Intake& intake;
    const InboxWatcher* watcher = nullptr;  ///< For /healthz; null when not watching.
    ServiceMetrics& metrics;
    AccessList access;
    StorePool stores;
};

}  // namespace fairgate::service
