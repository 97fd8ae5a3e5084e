#include "service/routes/handler.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <limits>
#include <string_view>

#include "service/api_json.hpp"
#include "service/pages/error.hpp"
#include "service/routes/answers.hpp"

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace fairgate::service::routes {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) {
            std::string decoded;
            Poco::URI::decode(path.substr(start, slash - start), decoded);
            parts.push_back(decoded);
        }
        start = slash + 1;
    }
    return parts;
}

// HTTP/1.0 and 1.1 only: the answer would otherwise claim the client's version, and a
// version this server does not speak may frame its messages differently.
void check_version(const HTTPServerRequest& request, HTTPServerResponse& response) {
    const std::string& version = request.getVersion();
    if (version == Poco::Net::HTTPMessage::HTTP_1_1 || version == Poco::Net::HTTPMessage::HTTP_1_0) return;
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setKeepAlive(false);
    const auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(version[i])) != 0; };
    const bool http = version.size() == 8 && version.rfind("HTTP/", 0) == 0 && digit(5) && version[6] == '.' && digit(7);
    if (http)
        throw HttpError{HTTPResponse::HTTP_VERSION_NOT_SUPPORTED,
                        "this service speaks HTTP/1.1 and HTTP/1.0, not " + version};
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request line does not end in an HTTP version such as HTTP/1.1"};
}

// The one length a request declares for its body: -1 when it has no Content-Length. Two
// different values, or one that is not a plain number, leave where the body ends (and the
// next request starts) open to guesswork, so such a request is refused.
int64_t declared_length(const HTTPServerRequest& request) {
    std::optional<std::string> value;
    for (const auto& [name, v] : request) {
        if (Poco::icompare(name, "Content-Length") != 0) continue;
        const std::string trimmed = Poco::trim(v);
        const bool digits = !trimmed.empty() && trimmed.size() <= 18 &&
                            std::all_of(trimmed.begin(), trimmed.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
        if (!digits)
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                            "the Content-Length header must be a whole number of bytes, not '" + v + "'"};
        if (value && *value != trimmed)
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request has two different Content-Length headers (" +
                                                                *value + " and " + trimmed + ")"};
        value = trimmed;
    }
    return value ? std::stoll(*value) : -1;
}

// Whether a refusal of `uri` is answered as a page: everything but the API, /metrics and
// /healthz is asked for by a browser, which should be told in words, in the pages' frame.
bool answered_as_page(const std::string& uri) {
    const std::string path = uri.substr(0, uri.find_first_of("?#"));
    const size_t start = path.find_first_not_of('/');  // "//api" is /api, as the route table reads it
    const std::string_view first = start == std::string::npos ? std::string_view() : std::string_view(path).substr(start);
    for (std::string_view machine : {"api", "metrics", "healthz"})
        if (first.substr(0, machine.size()) == machine &&
            (first.size() == machine.size() || first[machine.size()] == '/' || first[machine.size()] == '?'))
            return false;
    return true;
}

HttpError too_large(uint64_t limit) {
    return HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                     "the upload is larger than the limit of " + std::to_string(limit >> 20) +
                         " MB (fairgate.http.max_body_mb); nothing was stored"};
}

}  // namespace

std::string cookie_value(const HTTPServerRequest& request, const char* name) {
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    return cookies.get(name, "");
}

// --- the target ------------------------------------------------------------------------

Target Target::parse(const std::string& uri) {
    Target t;
    try {
        const Poco::URI parsed(uri);
        t.shown_path = parsed.getPath();
        t.path = split_path(uri.substr(0, uri.find_first_of("?#")));
        Poco::Net::HTMLForm query;
        query.read(parsed.getRawQuery());
        t.query = query;
    } catch (const Poco::SyntaxException&) {
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request's path or query is not valid: each % must be "
                                                        "followed by two hexadecimal digits"};
    } catch (const Poco::Net::HTMLFormException& e) {
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                        "the query cannot be read (" + e.message() + "): at most 100 parameters"};
    }
    return t;
}

// --- the exchange ----------------------------------------------------------------------

pages::PageViewer Exchange::viewer() const {
    if (!signed_in) return {};
    return pages::PageViewer{who, session ? session->csrf_token : std::string()};
}

void Exchange::require_sized_body() const {
    if (!request.getChunkedTransferEncoding() && content_length < 0)
        throw HttpError{HTTPResponse::HTTP_LENGTH_REQUIRED,
                        "send the upload with a Content-Length header or chunked, so its end can be told from a "
                        "connection that broke"};
    if (!request.getChunkedTransferEncoding() && static_cast<uint64_t>(content_length) > config.max_body_bytes)
        throw too_large(config.max_body_bytes);
}

RequestBody& Exchange::open_body() {
    return body.emplace(request, request.getChunkedTransferEncoding() ? -1 : content_length, config.max_body_bytes,
                        std::chrono::steady_clock::now() + std::chrono::seconds(config.http_body_timeout_s));
}

void Exchange::require_whole_body() {
    switch (body->drain()) {
        case BodyState::Complete: return;
        case BodyState::TooLarge: throw too_large(config.max_body_bytes);
        case BodyState::TooLate:
            throw HttpError{HTTPResponse::HTTP_REQUEST_TIMEOUT,
                            "the request body did not arrive whole within " +
                                std::to_string(config.http_body_timeout_s) +
                                " s (fairgate.http.body_timeout_s); nothing was stored"};
        case BodyState::Reading:
        case BodyState::CutShort:
        case BodyState::BadFraming: break;
    }
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, body->problem() + "; nothing was stored"};
}

// --- the handler -----------------------------------------------------------------------

pages::PageFrame Handler::page_frame(const Exchange& x) const {
    const Rulebook& rulebook = parts().intake.rulebook();
    pages::PageFrame frame;
    frame.council = rulebook.owner;
    frame.rulebook_id = rulebook.id;
    frame.rulebook_version = rulebook.version;
    frame.viewer = x.viewer();
    return frame;
}


void Handler::handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) {
    const auto started = std::chrono::steady_clock::now();
    ++parts().metrics.http_requests;
    Exchange x(request, response, target_, parts().config);
    bool framing_known = false;  // whether the Content-Length check passed (else the body's end is unknown)
    int status = 200;
    try {
        try {
            check_version(request, response);
            x.content_length = declared_length(request);
            framing_known = true;
            answer(x);
        } catch (const Poco::Net::HTMLFormException& e) {
            // A form (the sign-in page's) or multipart body that cannot be read is the
            // client's doing, whoever it is: 400, before any sign-in.
            if (response.sent()) throw;
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the form in the request cannot be read: " + e.message()};
        } catch (const Poco::Net::MessageException& e) {
            if (response.sent()) throw;
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request body cannot be read: " + e.message()};
        }
        status = response.getStatus();
    } catch (const HttpError& e) {
        status = e.status;
        if (e.status == HTTPResponse::HTTP_UNAUTHORIZED) response.set("WWW-Authenticate", "Bearer");
        if (!e.allow.empty()) response.set("Allow", e.allow);
        settle_body(x, framing_known);
        refuse(x, e.status, e.message);
    } catch (const std::exception& e) {
        status = 500;
        spdlog::error("{} {}: {}", request.getMethod(), request.getURI(), e.what());
        if (!response.sent()) refuse(x, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, std::string("internal error: ") + e.what());
    }
    if (status >= 500) ++parts().metrics.http_errors;
    spdlog::debug("{} {} {} {}: {} in {:.1f} ms", request.clientAddress().toString(), x.who, request.getMethod(),
                  request.getURI(), status,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}

void Handler::refuse(Exchange& x, HTTPResponse::HTTPStatus status, const std::string& message) const {
    if (answered_as_page(x.request.getURI()))
        send_html(x.response, status, pages::error_page(status, message, page_frame(x)));
    else
        send_json(x.response, status, error_json(status, message));
}

// A refusal can come before the request body is read (no token, wrong role, too big).
// Reading what is left of a body within the size limit lets the client, which may still be
// sending, read the answer and keep its connection; a larger or unsized body is not read, and
// the connection is closed after the answer instead. So is one whose framing is in doubt, or
// whose body an upload was reading when it was refused.
void Handler::settle_body(Exchange& x, bool framing_known) const {
    const uint64_t limit = parts().config.max_body_bytes;
    if (x.body) {
        if (x.body->state() == BodyState::Reading && x.body->received() < limit) x.body->drain();
        if (!x.body->reusable()) x.response.setKeepAlive(false);
        return;
    }
    if (!framing_known) {
        x.response.setKeepAlive(false);
        return;
    }
    const bool sized = x.request.hasContentLength() && !x.request.getChunkedTransferEncoding();
    if (sized && static_cast<uint64_t>(x.request.getContentLength64()) <= limit) {
        x.request.stream().ignore(std::numeric_limits<std::streamsize>::max());
    } else if (x.request.getMethod() == "POST" || x.request.getMethod() == "PUT") {
        x.response.setKeepAlive(false);
    }
}

// --- resources -------------------------------------------------------------------------

void Resource::answer(Exchange& x) {
    const std::string& asked = x.request.getMethod();
    const std::string method = asked == "HEAD" ? "GET" : asked;
    const auto m =
        std::find_if(methods_.begin(), methods_.end(), [&](const Method& each) { return each.name == method; });
    if (m == methods_.end()) {
        std::string allowed;
        for (const Method& each : methods_) allowed += (allowed.empty() ? "" : ", ") + each.name;
        throw HttpError{HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "use " + allowed + " here", allowed};
    }
    if (!admit(x, m->access)) return;
    m->serve(x);
}

bool Resource::admit(Exchange& x, const Access& access) {
    switch (access.kind_) {
        case Access::Kind::Anyone: return true;
        case Access::Kind::Page:
            if (signed_in(x, access.needed_, true)) return true;
            // A form posted after its session ended leaves its body unread: the connection
            // cannot carry another request.
            if (x.request.getMethod() == "POST") x.response.setKeepAlive(false);
            x.response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
            return false;
        case Access::Kind::Token: break;
    }
    // The page's cookie is honoured for reading only: a cross-site form cannot upload.
    const std::string& method = x.request.getMethod();
    const bool reading = access.needed_ == Permission::Read && (method == "GET" || method == "HEAD");
    if (signed_in(x, access.needed_, reading)) return true;
    const bool presented = !AccessList::bearer(x.request.get("Authorization", "")).empty();
    throw HttpError{HTTPResponse::HTTP_UNAUTHORIZED, presented ? "the bearer token is not one this service knows"
                                                               : "send an access token: Authorization: Bearer <token>"};
}

bool Resource::signed_in(Exchange& x, Permission needed, bool allow_cookie) {
    std::optional<Principal> p;
    // A bearer token decides alone, known or not; only without one is the cookie looked at.
    const std::string_view bearer = AccessList::bearer(x.request.get("Authorization", ""));
    if (!bearer.empty()) {
        p = parts().access.find(bearer);
    } else if (allow_cookie) {
        x.session = sessions().find(cookie_value(x.request, kSessionCookie));
        if (x.session) p = x.session->principal;
    }
    if (!p) return false;
    x.who = p->name + ", role " + std::string(to_string(p->role));
    x.signed_in = true;
    x.principal = p;
    if (!permits(p->role, needed))
        throw HttpError{HTTPResponse::HTTP_FORBIDDEN, "the token of " + p->name + " has the role " +
                                                          std::string(to_string(p->role)) + ", which may not do this"};
    return true;
}

void Refusal::answer(Exchange&) { std::rethrow_exception(why_); }

}  // namespace fairgate::service::routes
