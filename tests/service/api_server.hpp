#pragma once
// A fixture's service with its HTTP server started on a free port of 127.0.0.1, after an
// optional change to its settings (shorter timeouts, a connection cap). Stops the server,
// then the intake, however the test ends.

#include <filesystem>
#include <functional>
#include <string>

#include "service/http_api.hpp"
#include "service/http_client.hpp"
#include "service/service_fixture.hpp"

namespace fairgate::test {

struct ApiServerFixture {
    ServiceFixture f;
    service::ServiceParts parts;
    service::ApiServer api;
    HttpClient http;

    explicit ApiServerFixture(const std::string& name,
                              const std::function<void(service::ServiceConfig&)>& configure = {})
        // The settings are changed before the parts that keep a reference to them are made.
        : f(name),
          parts{(configure ? configure(f.config) : void(), f.config), *f.intake, nullptr, f.metrics,
                service::AccessList(f.config.tokens), service::StorePool(f.config.db)},
          api(parts) {
        api.start();
        http = HttpClient(api.port());
    }
    ~ApiServerFixture() {
        api.stop();
        f.intake->stop();
    }
};

}  // namespace fairgate::test
