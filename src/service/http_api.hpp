#pragma once
// The HTTP side of `fairgate serve` (Poco Net): the JSON API under /api/v1, /healthz,
// /metrics and the auditors' page. Routes and their roles are listed in docs/service.md.
// ApiServer is the transport (connections, threads, deadlines); which handler answers a
// request is chosen by routes::RouteTable, one handler per resource (service/routes/).
//
// Every request but /healthz and the sign-in page needs a bearer token (or, for the page's
// GET requests only, the session cookie signing in sets): 401 without one, 403 when its role
// does not allow the request. A method a resource does not take is 405 (with Allow), a path
// that names none 404. Errors are JSON: {"error": {"status": N, "message": "..."}}.
// The page's forms (/login, /logout) are refused (403) when posted from another site or
// without their CSRF token.
//
// Clients that misbehave cannot take the service down or slip in part of a file: request
// headers must arrive within fairgate.http.header_timeout_s, a body within
// fairgate.http.body_timeout_s and fairgate.http.max_body_mb; one address may hold at most
// ServiceConfig::connections_per_client() connections (more are answered 503 and closed at
// once); an upload reaches the inbox only once its whole body has arrived.

#include <memory>

#include "service/service_parts.hpp"
#include "service/sign_in_sessions.hpp"

namespace Poco::Net {
class TCPServer;
}

namespace fairgate::service {

/// The HTTP server over `parts`: binds, answers each request with the handler the route
/// table chooses, and stops cleanly. The page's sign-in sessions are its own.
class ApiServer {
public:
    explicit ApiServer(ServiceParts& parts);
    ~ApiServer();
    /// Binds config.http_host:http_port and starts answering. Throws Poco::Exception if the
    /// address cannot be bound.
    void start();
    /// Stops accepting connections and waits for the requests in progress to be answered.
    void stop();
    /// The bound port (useful with http.port = 0).
    unsigned port() const { return port_; }

private:
    struct Transport;  // the handler factory, the thread pool and the per-client tally

    ServiceParts& parts_;
    SignInSessions sessions_;  ///< The page's sessions: they end when the server does.
    std::unique_ptr<Transport> transport_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    unsigned port_ = 0;
};

}  // namespace fairgate::service
