#pragma once
// Which handler answers a request, chosen from its path alone, as in Poco's samples: one
// Handler per resource. The table is RouteTable::createRequestHandler; each resource's own
// header says which methods it takes and who may use them.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// The service's routes. Thread-safe: it keeps nothing of a request.
class RouteTable : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit RouteTable(const Service& service) : service_(service) {}

    /// A new handler for `request`, which the caller owns: the resource its path names, or a
    /// Refusal (400 when the target cannot be read, 404 when its path names nothing). Never
    /// null; throws nothing but std::bad_alloc.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    Service service_;
};

}  // namespace fairgate::service::routes
