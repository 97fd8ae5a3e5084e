#pragma once
// What every HTTP request goes through, whatever it asks for, kept in one place so that no
// route can leave a step out: the checks of its request line and headers, its method and its
// access (token, role, the page's session), the JSON answer to a refusal, and what becomes of
// a body left unread. Poco makes one Handler per request, through the RouteTable; each
// resource is a Resource that lists its methods, and only says what it answers.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/access.hpp"
#include "service/pages/layout.hpp"
#include "service/request_body.hpp"
#include "service/service_parts.hpp"
#include "service/sign_in_sessions.hpp"

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace fairgate::service::routes {

/// The page's session cookie: its value is the id of a SignInSessions session.
inline constexpr const char* kSessionCookie = "fairgate_session";

/// The value of the request's cookie `name`; empty when it has none.
std::string cookie_value(const Poco::Net::HTTPServerRequest& request, const char* name);

/// What every handler is made with. Both outlive every request (ApiServer owns them).
struct Service {
    ServiceParts& parts;
    SignInSessions& sessions;
};

/// A request's target as the route table reads it, once.
struct Target {
    /// The path's segments, split before decoding (so an encoded '/' stays inside its
    /// identifier), then percent-decoded; empty segments are dropped ("//healthz" is /healthz).
    std::vector<std::string> path;
    std::string shown_path;               ///< The decoded path, for messages.
    Poco::Net::NameValueCollection query;  ///< The query's parameters (names case-insensitive).

    /// Throws HttpError 400 when a '%' is not followed by two hexadecimal digits, or when the
    /// query has more than 100 parameters.
    static Target parse(const std::string& uri);
};

/// Who may use one method of a resource. There is no default: every method names its kind.
class Access {
public:
    /// No sign-in at all: /healthz and the page's sign-in and sign-out forms (which guard
    /// themselves with their CSRF tokens).
    static Access anyone() { return Access(Kind::Anyone, Permission::Read); }
    /// The auditors' page: a bearer token or the page's session cookie, whose role may read.
    /// Without either the browser is sent (303) to /login, not refused.
    static Access page() { return Access(Kind::Page, Permission::Read); }
    /// The API and /metrics: a bearer token whose role permits `needed`; 401 without a known
    /// one, 403 when its role may not. The page's cookie serves too, but only to read with GET
    /// or HEAD: a form posted from another site carries the cookie, and must not upload.
    static Access token(Permission needed) { return Access(Kind::Token, needed); }

private:
    enum class Kind { Anyone, Page, Token };
    Access(Kind kind, Permission needed) : kind_(kind), needed_(needed) {}
    Kind kind_;
    Permission needed_;
    friend class Resource;
};

/// One request being answered, as its resource sees it once the shared checks have passed.
struct Exchange {
    Exchange(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, const Target& t,
             const ServiceConfig& c)
        : request(req), response(resp), target(t), config(c) {}

    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    const Target& target;
    const ServiceConfig& config;
    int64_t content_length = -1;           ///< The checked Content-Length; -1 when there is none.
    std::string who = "anonymous";         ///< For the log: "name, role r" once signed in.
    bool signed_in = false;                ///< Whether a token or session signed the request in.
    std::optional<Principal> principal;    ///< Who signed the request in, with their role.
    std::optional<SignInSession> session;  ///< The page session that signed the request in, if any.
    std::optional<RequestBody> body;       ///< An upload's body, once open_body() began reading it.

    /// The pages' "Signed in as" line (empty when not signed in) and, for a session, its
    /// sign-out form's CSRF token.
    pages::PageViewer viewer() const;

    /// Refuses, before any of it is read, a body whose end could not be told from a broken
    /// connection (no Content-Length and not chunked: 411) or that is announced larger than
    /// fairgate.http.max_body_mb (413).
    void require_sized_body() const;
    /// Starts reading the body straight from the connection, bounded by max_body_mb and
    /// body_timeout_s (RequestBody); once it is open, a refusal settles it (Handler).
    RequestBody& open_body();
    /// Reads what is left of the open body; throws HttpError unless the whole body arrived
    /// (413 too large, 408 too late, 400 cut short or badly framed): nothing from a body that
    /// did not arrive whole may be kept.
    void require_whole_body();
};

/// A request's handler. handleRequest is the same for every route: the request is counted;
/// HTTP/1.0 and 1.1 only (505, or 400 for no version at all); at most one plain Content-Length
/// (400); then answer(). Whatever that throws is answered, under /api/, /metrics and /healthz,
/// as JSON, {"error": {"status": N, "message": "..."}}, and anywhere else (a browser's page)
/// as an HTML page in the pages' frame saying the same (pages::error_page): an HttpError with its status (and its Allow header, and
/// WWW-Authenticate for 401), a form or body that cannot be read 400, anything else 500
/// (logged). A refused request's unread body is read within the size limit, so the client
/// can read the answer and keep its connection; a larger, unsized or half-read one closes the
/// connection after the answer instead.
class Handler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    Handler(const Service& service, Target target) : service_(service), target_(std::move(target)) {}
    ServiceParts& parts() const { return service_.parts; }
    SignInSessions& sessions() const { return service_.sessions; }
    /// The frame of a page answering `x`: the council and rulebook of the intake's rulebook,
    /// and who is looking; the page adds its title and navigation entry.
    pages::PageFrame page_frame(const Exchange& x) const;

private:
    /// The request's own answer, once its request line and headers passed the checks above.
    virtual void answer(Exchange& x) = 0;
    /// Answers a refusal: JSON for the API, a page for a browser (see above).
    void refuse(Exchange& x, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message) const;
    void settle_body(Exchange& x, bool framing_known) const;

    Service service_;
    Target target_;
};

/// A resource: the methods it takes, each with who may use it and the function that serves
/// it. Its answer() is final, so no resource can skip a step: the method is looked up (HEAD
/// as GET; none: 405 with an Allow header naming the methods, before any token is looked
/// at), then the request is signed in as the method's Access says, then the method is served.
class Resource : public Handler {
protected:
    struct Method {
        std::string name;  ///< "GET" (which serves HEAD too) or "POST".
        Access access;
        std::function<void(Exchange&)> serve;
    };
    Resource(const Service& service, Target target, std::vector<Method> methods)
        : Handler(service, std::move(target)), methods_(std::move(methods)) {}

private:
    void answer(Exchange& x) final;
    /// Signs the request in as `access` asks, or throws 401/403; false when a page request was
    /// sent to sign in instead.
    bool admit(Exchange& x, const Access& access);
    /// Whether the request is signed in (throws 403 when it is, but its role may not do this).
    bool signed_in(Exchange& x, Permission needed, bool allow_cookie);

    std::vector<Method> methods_;
};

/// The answer to a request no resource takes: its target cannot be read (400) or names no
/// resource (404). The error is thrown only after the shared checks, so that a request whose
/// request line or headers are wrong is told that first, as on every route.
class Refusal final : public Handler {
public:
    Refusal(const Service& service, std::exception_ptr why) : Handler(service, Target{}), why_(std::move(why)) {}

private:
    void answer(Exchange& x) override;
    std::exception_ptr why_;
};

}  // namespace fairgate::service::routes
