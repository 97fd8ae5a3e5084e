#include "service/http_api.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "reports/contract_workbook.hpp"
#include "reports/tender_comparison.hpp"
#include "service/api_json.hpp"
#include "service/auditors_page.hpp"
#include "service/request_body.hpp"
#include "service/routes/answers.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace fairgate::service {

using routes::HttpError;
using routes::json_safe;
using routes::send_html;
using routes::send_json;
using routes::send_workbook;

namespace {

// The page's session id, sent everywhere; and the sign-in form's CSRF token, sent to /login
// only (a double-submit: a cross-site form cannot read the cookie to copy it into the field).
constexpr const char* kSessionCookie = "fairgate_session";
constexpr const char* kSignInCookie = "fairgate_sign_in";
constexpr int kSignInFormSeconds = 3600;

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

// A name safe to create in the inbox: letters, digits and " ._()-" kept, others '_', no
// leading dot (hidden files are never taken), never empty, at most 150 bytes.
std::string inbox_name(const std::string& given) {
    std::string base = fs::path(given).filename().string();
    std::string out;
    for (unsigned char c : base) {
        const bool ok = std::isalnum(c) || c == ' ' || c == '.' || c == '_' || c == '(' || c == ')' || c == '-';
        out += ok ? static_cast<char>(c) : '_';
    }
    while (!out.empty() && (out[0] == '.' || out[0] == ' ')) out[0] = '_';
    if (out.size() > 150) out = out.substr(out.size() - 150);
    return out.empty() ? "upload" : out;
}

std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

// The filename="..." of a Content-Disposition value.
std::string disposition_filename(const std::string& value) {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(value, disposition, params);
    return params.get("filename", "");
}

HttpError too_large(uint64_t limit) {
    return HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                     "the upload is larger than the limit of " + std::to_string(limit >> 20) +
                         " MB (fairgate.http.max_body_mb); nothing was stored"};
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

class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
    ApiHandler(ServiceParts& parts, SignInSessions& sessions) : parts_(parts), sessions_(sessions) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        const auto started = std::chrono::steady_clock::now();
        ++parts_.metrics.http_requests;
        int status = 200;
        try {
            try {
                route(request, response);
            } catch (const Poco::Net::HTMLFormException& e) {
                // A form (the sign-in page's) or multipart body that cannot be read is the
                // client's doing, whoever it is: 400, before any sign-in.
                if (response.sent()) throw;
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                                "the form in the request cannot be read: " + e.message()};
            } catch (const Poco::Net::MessageException& e) {
                if (response.sent()) throw;
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request body cannot be read: " + e.message()};
            }
            status = response.getStatus();
        } catch (const HttpError& e) {
            status = e.status;
            if (e.status == HTTPResponse::HTTP_UNAUTHORIZED) response.set("WWW-Authenticate", "Bearer");
            if (!e.allow.empty()) response.set("Allow", e.allow);
            settle_body(request, response);
            send_json(response, e.status, error_json(e.status, e.message));
        } catch (const std::exception& e) {
            status = 500;
            spdlog::error("{} {}: {}", request.getMethod(), request.getURI(), e.what());
            if (!response.sent())
                send_json(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                          error_json(500, std::string("internal error: ") + e.what()));
        }
        if (status >= 500) ++parts_.metrics.http_errors;
        spdlog::debug("{} {} {} {}: {} in {:.1f} ms", request.clientAddress().toString(), who_, request.getMethod(),
                      request.getURI(), status,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }

private:
    // A refusal can come before the request body is read (no token, wrong role, too big).
    // Reading what is left of a body within the size limit lets the client, which may still
    // be sending, read the answer and keep its connection; a larger or unsized body is not
    // read, and the connection is closed after the answer instead. So is one whose framing is
    // in doubt, or whose body an upload was reading when it was refused.
    void settle_body(HTTPServerRequest& request, HTTPServerResponse& response) {
        if (body_) {
            if (body_->state() == BodyState::Reading && body_->received() < parts_.config.max_body_bytes)
                body_->drain();
            if (!body_->reusable()) response.setKeepAlive(false);
            return;
        }
        if (!framing_known_) {
            response.setKeepAlive(false);
            return;
        }
        const bool sized = request.hasContentLength() && !request.getChunkedTransferEncoding();
        if (sized && static_cast<uint64_t>(request.getContentLength64()) <= parts_.config.max_body_bytes) {
            request.stream().ignore(std::numeric_limits<std::streamsize>::max());
        } else if (request.getMethod() == "POST" || request.getMethod() == "PUT") {
            response.setKeepAlive(false);
        }
    }

    void route(HTTPServerRequest& request, HTTPServerResponse& response) {
        check_version(request, response);
        length_ = declared_length(request);
        framing_known_ = true;
        const std::string& method = request.getMethod();
        Poco::URI uri;
        std::vector<std::string> path;
        Poco::Net::HTMLForm query;
        try {
            uri = Poco::URI(request.getURI());
            // Split before decoding, so an encoded '/' stays inside its identifier.
            const std::string& raw = request.getURI();
            path = split_path(raw.substr(0, raw.find_first_of("?#")));
            query.read(uri.getRawQuery());
        } catch (const Poco::SyntaxException&) {
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the request's path or query is not valid: each % must be "
                                                            "followed by two hexadecimal digits"};
        } catch (const Poco::Net::HTMLFormException& e) {
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                            "the query cannot be read (" + e.message() + "): at most 100 parameters"};
        }
        const bool get = method == "GET" || method == "HEAD";

        if (path.size() == 1 && path[0] == "healthz" && get) return healthz(response);
        if (path.size() == 1 && path[0] == "login") {
            if (get) return sign_in_form(response);
            if (method == "POST") return login(request, response);
        }
        if (path.size() == 1 && path[0] == "logout" && method == "POST") return logout(request, response);
        if (path.empty() && get) {
            if (!signed_in(request, Permission::Read, true)) return response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
            PageFilter filter{query.get("status", ""), query.get("area", "")};
            check_status(filter.status);
            auto store = parts_.stores.lease();
            return send_html(response, HTTPResponse::HTTP_OK, auditors_page(store->contract_positions(), filter, viewer()));
        }
        if (!path.empty() && path.size() <= 2 && path[0] == "tenders" && get) {
            if (!signed_in(request, Permission::Read, true)) return response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
            auto store = parts_.stores.lease();
            if (path.size() == 1)
                return send_html(response, HTTPResponse::HTTP_OK,
                                 tenders_page(screen_all_tenders(*store, parts_.intake.rulebook()), viewer()));
            const auto t = screen_tender(*store, path[1], parts_.intake.rulebook());
            if (!t) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no bid for tender " + path[1] + " has been stored"};
            return send_html(response, HTTPResponse::HTTP_OK, tender_page(*t, viewer()));
        }
        if (path.size() == 2 && path[0] == "runs" && get) {
            if (!signed_in(request, Permission::Read, true)) return response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
            auto store = parts_.stores.lease();
            auto r = store->load_run(path[1]);
            if (!r) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no run " + path[1]};
            return send_html(response, HTTPResponse::HTTP_OK, run_page(*r, viewer()));
        }
        if (path.size() == 1 && path[0] == "metrics" && get) {
            require(request, Permission::Read);
            response.setContentType("text/plain; version=0.0.4; charset=utf-8");
            const std::string body = parts_.metrics.prometheus_text();
            response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
            response.send() << body;
            return;
        }
        if (path.size() >= 2 && path[0] == "api" && path[1] == "v1") {
            const std::vector<std::string> rest(path.begin() + 2, path.end());
            if (rest.size() == 1 && rest[0] == "returns") {
                if (method != "POST") throw not_allowed("POST");
                require(request, Permission::Upload);
                return upload(request, response, query);
            }
            if (rest.size() == 1 && rest[0] == "runs" && method == "POST") {
                require(request, Permission::Administer);
                parts_.intake.submit_full_run();
                auto o = json_object();
                o->set("status", "queued");
                o->set("message", "a run judging every contract and writing the portfolio workbook is queued; "
                                  "it appears in GET /api/v1/runs when it starts");
                return send_json(response, HTTPResponse::HTTP_ACCEPTED, to_json(o));
            }
            if (!get) throw not_allowed(rest.size() == 1 && rest[0] == "runs" ? "GET, POST" : "GET");
            require(request, Permission::Read);
            if (rest.size() == 1 && rest[0] == "contracts") return contracts(response, query);
            if (rest.size() == 2 && rest[0] == "contracts") return contract(response, rest[1]);
            if (rest.size() == 3 && rest[0] == "contracts" && rest[2] == "workbook")
                return contract_workbook(response, rest[1]);
            if (rest.size() == 1 && rest[0] == "tenders") return tenders(response);
            if (rest.size() == 2 && rest[0] == "tenders") return tender(response, rest[1]);
            // "comparison": the route's first name, kept for clients that use it.
            if (rest.size() == 3 && rest[0] == "tenders" && (rest[2] == "workbook" || rest[2] == "comparison"))
                return tender_comparison(response, rest[1]);
            if (rest.size() == 1 && rest[0] == "runs") return runs(response, query);
            if (rest.size() == 2 && rest[0] == "runs") return run(response, rest[1]);
        }
        throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no such resource: " + uri.getPath() + " (see docs/service.md)"};
    }

    // HTTP/1.0 and 1.1 only: the answer would otherwise claim the client's version, and a
    // version this server does not speak may frame its messages differently.
    static void check_version(const HTTPServerRequest& request, HTTPServerResponse& response) {
        const std::string& version = request.getVersion();
        if (version == Poco::Net::HTTPMessage::HTTP_1_1 || version == Poco::Net::HTTPMessage::HTTP_1_0) return;
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setKeepAlive(false);
        const auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(version[i])) != 0; };
        const bool http =
            version.size() == 8 && version.rfind("HTTP/", 0) == 0 && digit(5) && version[6] == '.' && digit(7);
        if (http)
            throw HttpError{HTTPResponse::HTTP_VERSION_NOT_SUPPORTED,
                            "this service speaks HTTP/1.1 and HTTP/1.0, not " + version};
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                        "the request line does not end in an HTTP version such as HTTP/1.1"};
    }

    static HttpError not_allowed(const char* allowed) {
        return HttpError{HTTPResponse::HTTP_METHOD_NOT_ALLOWED, std::string("use ") + allowed + " here", allowed};
    }

    // --- access ---------------------------------------------------------------------------

    std::optional<Principal> principal(HTTPServerRequest& request, bool allow_cookie) {
        const std::string_view bearer = AccessList::bearer(request.get("Authorization", ""));
        if (!bearer.empty()) return parts_.access.find(bearer);
        if (allow_cookie) {
            session_ = sessions_.find(cookie_value(request, kSessionCookie));
            if (session_) return session_->principal;
        }
        return std::nullopt;
    }

    PageViewer viewer() const { return PageViewer{who_, session_ ? session_->csrf_token : std::string()}; }

    static std::string cookie_value(const HTTPServerRequest& request, const char* name) {
        Poco::Net::NameValueCollection cookies;
        request.getCookies(cookies);
        return cookies.get(name, "");
    }

    bool signed_in(HTTPServerRequest& request, Permission needed, bool allow_cookie) {
        auto p = principal(request, allow_cookie);
        if (!p) return false;
        who_ = p->name + ", role " + std::string(to_string(p->role));
        if (!permits(p->role, needed))
            throw HttpError{HTTPResponse::HTTP_FORBIDDEN,
                            "the token of " + p->name + " has the role " + std::string(to_string(p->role)) +
                                ", which may not do this"};
        return true;
    }

    void require(HTTPServerRequest& request, Permission needed) {
        // The page's cookie is honoured for reading only: a cross-site form cannot upload.
        const bool reading = needed == Permission::Read && (request.getMethod() == "GET" || request.getMethod() == "HEAD");
        if (!signed_in(request, needed, reading)) {
            const bool presented = !AccessList::bearer(request.get("Authorization", "")).empty();
            throw HttpError{HTTPResponse::HTTP_UNAUTHORIZED,
                            presented ? "the bearer token is not one this service knows"
                                      : "send an access token: Authorization: Bearer <token>"};
        }
    }

    // --- signing in and out of the page --------------------------------------------------

    // HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure
    // when the service is reached over https.
    Poco::Net::HTTPCookie page_cookie(const char* name, const std::string& value, const char* path,
                                      int max_age_seconds) const {
        Poco::Net::HTTPCookie cookie(name, value);
        cookie.setPath(path);
        cookie.setHttpOnly(true);
        cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
        cookie.setSecure(parts_.config.secure_cookies);
        cookie.setMaxAge(max_age_seconds);
        return cookie;
    }

    // A browser says which page a form was posted from: Origin, or failing that Referer.
    // Either naming another site refuses the post; with neither (privacy settings, scripts)
    // the CSRF token alone decides.
    static bool from_another_site(const HTTPServerRequest& request) {
        const std::string host = request.getHost();
        if (request.has("Origin")) return !names_this_site(request.get("Origin"), host);
        if (request.has("Referer")) return !names_this_site(request.get("Referer"), host);
        return false;
    }

    static void read_page_form(HTTPServerRequest& request, Poco::Net::HTMLForm& form) {
        form.setFieldLimit(10);
        form.load(request, request.stream());
    }

    static void refuse_form(HTTPServerResponse& response, const std::string& why, const std::string& start_again) {
        spdlog::warn("refused a page form: {}", why);
        send_html(response, HTTPResponse::HTTP_FORBIDDEN, refused_form_page(why, start_again));
    }

    // Each sign-in form comes with a fresh CSRF token, in the form and in a cookie for /login.
    void sign_in_form(HTTPServerResponse& response) {
        const std::string csrf = random_secret_hex(32);
        response.addCookie(page_cookie(kSignInCookie, csrf, "/login", kSignInFormSeconds));
        send_html(response, HTTPResponse::HTTP_OK, sign_in_page("", csrf));
    }

    // A sign-in posted from another site would sign the browser in as someone else (login
    // CSRF), so it needs this site's origin and the form's CSRF token matching its cookie.
    // The session cookie is a new random id, never the token: leaking it does not leak the
    // token, and the server can end it.
    void login(HTTPServerRequest& request, HTTPServerResponse& response) {
        Poco::Net::HTMLForm form;
        read_page_form(request, form);
        const std::string csrf = form.get(kCsrfField, "");
        const std::string expected = cookie_value(request, kSignInCookie);
        if (from_another_site(request))
            return refuse_form(response, "This sign-in was posted from another site.", "/login");
        if (expected.empty() || !same_secret(csrf, expected))
            return refuse_form(response, "This sign-in form has expired or did not come from this site.", "/login");
        const auto who = parts_.access.find(form.get("token", ""));
        if (!who) {
            return send_html(response, HTTPResponse::HTTP_UNAUTHORIZED, sign_in_page("That token is not valid.", csrf));
        }
        const OpenedSession opened = sessions_.open(*who);
        response.addCookie(page_cookie(kSessionCookie, opened.id, "/",
                                       static_cast<int>(sessions_.limits().lifetime.count())));
        spdlog::info("{} (role {}) signed in to the page", who->name, to_string(who->role));
        response.redirect("/", HTTPResponse::HTTP_SEE_OTHER);
    }

    // Ends the session on the server, so its cookie is worthless even if kept. Only the
    // page's own form may: it carries the session's CSRF token.
    void logout(HTTPServerRequest& request, HTTPServerResponse& response) {
        Poco::Net::HTMLForm form;
        read_page_form(request, form);
        const std::string id = cookie_value(request, kSessionCookie);
        if (const auto session = sessions_.find(id)) {
            if (from_another_site(request))
                return refuse_form(response, "This sign-out was posted from another site.", "/");
            if (!same_secret(form.get(kCsrfField, ""), session->csrf_token))
                return refuse_form(response, "This sign-out form has expired or did not come from this site.", "/");
            sessions_.close(id);
            spdlog::info("{} signed out of the page", session->principal.name);
        }
        response.addCookie(page_cookie(kSessionCookie, "", "/", 0));
        response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
    }

    // --- routes ---------------------------------------------------------------------------

    void healthz(HTTPServerResponse& response) {
        auto o = json_object();
        bool ok = true;
        try {
            auto store = parts_.stores.lease();
            store->schema_version();
            o->set("store", "ok");
        } catch (const std::exception& e) {
            ok = false;
            o->set("store", std::string("unreachable: ") + e.what());
        }
        std::error_code ec;
        const bool inbox = fs::is_directory(parts_.config.inbox, ec) && (!parts_.watcher || parts_.watcher->readable());
        o->set("inbox", inbox ? "ok" : "unreadable: " + parts_.config.inbox);
        ok = ok && inbox;
        o->set("queue", static_cast<uint64_t>(parts_.intake.queued()));
        // Runs that keep failing leave every new return unjudged: not ok, even when the store
        // answers this request.
        const IntakeHealth runs = parts_.intake.health();
        o->set("runs", runs.degraded ? "failing since " + runs.since + ": " + runs.problem : std::string("ok"));
        const char* status = !ok ? "unhealthy" : runs.degraded ? "degraded" : "ok";
        ok = ok && !runs.degraded;
        o->set("status", status);
        send_json(response, ok ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE, to_json(o));
    }

    void contracts(HTTPServerResponse& response, const Poco::Net::HTMLForm& query) {
        PageFilter filter{query.get("status", ""), query.get("service_area", "")};
        check_status(filter.status);
        auto store = parts_.stores.lease();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& p : store->contract_positions())
            if (matches(p, filter)) list->add(position_json(p));
        auto o = json_object();
        o->set("contracts", list);
        send_json(response, HTTPResponse::HTTP_OK, to_json(o));
    }

    static void check_status(const std::string& status) {
        if (!status.empty() && status != "red" && status != "amber" && status != "green")
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "status must be red, amber or green, not '" + status + "'"};
    }

    void contract(HTTPServerResponse& response, const std::string& id) {
        auto store = parts_.stores.lease();
        auto p = store->contract_position(id);
        if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id + " has been judged"};
        auto o = position_json(*p);
        Poco::JSON::Array::Ptr findings = new Poco::JSON::Array;
        for (const auto& f : store->load_findings(id)) findings->add(finding_json(f.finding));
        o->set("findings_detail", findings);
        send_json(response, HTTPResponse::HTTP_OK, to_json(o));
    }

    void contract_workbook(HTTPServerResponse& response, const std::string& id) {
        auto store = parts_.stores.lease();
        auto p = store->contract_position(id);
        if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id + " has been judged"};
        send_workbook(response, parts_.config.out, p->outcome.workbook, "contract " + id);
    }

    void tender_comparison(HTTPServerResponse& response, const std::string& id) {
        reports::TenderReport t;
        t.tender_id = id;
        send_workbook(response, parts_.config.out, reports::tender_workbook_path(parts_.config.out, t), "tender " + id);
    }

    void tenders(HTTPServerResponse& response) {
        auto store = parts_.stores.lease();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& t : screen_all_tenders(*store, parts_.intake.rulebook())) list->add(tender_json(t, false));
        auto o = json_object();
        o->set("tenders", list);
        send_json(response, HTTPResponse::HTTP_OK, to_json(o));
    }

    void tender(HTTPServerResponse& response, const std::string& id) {
        auto store = parts_.stores.lease();
        const auto t = screen_tender(*store, id, parts_.intake.rulebook());
        if (!t) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no bid for tender " + id + " has been stored"};
        send_json(response, HTTPResponse::HTTP_OK, to_json(tender_json(*t, true)));
    }

    void runs(HTTPServerResponse& response, const Poco::Net::HTMLForm& query) {
        size_t limit = 50;
        if (query.has("limit")) {
            try {
                limit = std::stoul(query.get("limit"));
            } catch (const std::exception&) {
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "limit must be a whole number"};
            }
        }
        auto store = parts_.stores.lease();
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& r : store->list_runs(std::min<size_t>(limit, 1000))) list->add(run_json(r, false));
        auto o = json_object();
        o->set("runs", list);
        send_json(response, HTTPResponse::HTTP_OK, to_json(o));
    }

    void run(HTTPServerResponse& response, const std::string& id) {
        auto store = parts_.stores.lease();
        auto r = store->load_run(id);
        if (!r) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no run " + id};
        send_json(response, HTTPResponse::HTTP_OK, to_json(run_json(*r, true)));
    }

    void upload(HTTPServerRequest& request, HTTPServerResponse& response, const Poco::Net::HTMLForm& query) {
        const uint64_t limit = parts_.config.max_body_bytes;
        const bool chunked = request.getChunkedTransferEncoding();
        if (!chunked && length_ < 0)
            throw HttpError{HTTPResponse::HTTP_LENGTH_REQUIRED,
                            "send the upload with a Content-Length header or chunked, so its end can be told from a "
                            "connection that broke"};
        if (!chunked && static_cast<uint64_t>(length_) > limit) throw too_large(limit);
        const std::string type = request.getContentType();
        const bool multipart = type.rfind("multipart/form-data", 0) == 0;
        std::string filename;
        if (!multipart) {
            filename = query.get("filename", disposition_filename(request.get("Content-Disposition", "")));
            if (filename.empty())
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                                "name the file: ?filename=Q2-return.xlsx, a Content-Disposition header with "
                                "filename=, or a multipart/form-data upload"};
        }
        // Written under a hidden name first, so the inbox watcher never sees half a file, and
        // renamed into the inbox only once the whole body is in.
        const fs::path part = fs::path(parts_.config.inbox) / (".upload-" + random_suffix() + ".part");
        struct Cleanup {
            fs::path path;
            ~Cleanup() {
                std::error_code ec;
                fs::remove(path, ec);
            }
        } cleanup{part};
        body_.emplace(request, chunked ? -1 : length_, limit,
                      std::chrono::steady_clock::now() + std::chrono::seconds(parts_.config.http_body_timeout_s));
        std::istream in(&*body_);
        if (multipart) {
            filename = read_multipart(in, type, part);
        } else {
            std::ofstream out(part, std::ios::binary);
            copy_stream(in, out);
            if (!out.flush()) throw std::runtime_error("could not write the upload to " + part.string());
            require_whole_body();
        }
        if (!body_->reusable()) response.setKeepAlive(false);
        const fs::path target = place_in_inbox(part, inbox_name(filename));
        cleanup.path.clear();
        spdlog::info("upload by {}: {} ({} bytes)", who_, target.string(), fs::file_size(target));

        const IntakeResult result = parts_.intake.submit(target.string()).get();
        if (!result.error.empty()) throw HttpError{HTTPResponse::HTTP_SERVICE_UNAVAILABLE, result.error};
        HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
        switch (result.file.status) {
            case FileStatus::Imported: status = HTTPResponse::HTTP_CREATED; break;
            case FileStatus::Duplicate: status = HTTPResponse::HTTP_OK; break;
            case FileStatus::Quarantined:
            case FileStatus::Skipped: status = HTTPResponse::HTTP_UNPROCESSABLE_ENTITY; break;
        }
        auto body = intake_json(result);
        if (status == HTTPResponse::HTTP_UNPROCESSABLE_ENTITY) {
            auto inner = json_object();
            inner->set("status", static_cast<int>(status));
            inner->set("message", filename + " was refused and kept in quarantine: " + result.file.reason);
            body->set("error", inner);
        }
        send_json(response, status, to_json(body));
    }

    // Streams the file part of a multipart/form-data body to `path`; other fields and any
    // second file are read and dropped (they count against the body limit all the same).
    // Returns the file's name. The body must end with the closing boundary.
    std::string read_multipart(std::istream& in, const std::string& type, const fs::path& path) {
        std::string media;
        Poco::Net::NameValueCollection params;
        Poco::Net::MessageHeader::splitParameters(type, media, params);
        const std::string boundary = params.get("boundary", "");
        if (boundary.empty())
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload's Content-Type names no boundary "
                                                            "(multipart/form-data; boundary=...)"};
        std::string filename, malformed;
        try {
            Poco::Net::MultipartReader reader(in, boundary);
            for (int parts = 1; reader.hasNextPart(); ++parts) {
                if (parts > kMaxParts)
                    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload has more than " +
                                                                        std::to_string(kMaxParts) + " parts"};
                Poco::Net::MessageHeader header;
                reader.nextPart(header);
                const std::string name = disposition_filename(header.get("Content-Disposition", ""));
                if (name.empty() || !filename.empty()) {
                    reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
                    continue;
                }
                filename = name;
                std::ofstream out(path, std::ios::binary);
                copy_stream(reader.stream(), out);
                if (!out.flush()) throw std::runtime_error("could not write the upload to " + path.string());
            }
        } catch (const Poco::Exception& e) {
            malformed = e.displayText();
        }
        body_->drain();
        require_whole_body();  // a body cut off, late or too large says so, whatever the parts looked like
        std::string tail = body_->tail();
        while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) tail.pop_back();
        const std::string closing = "--" + boundary + "--";
        const bool closed = tail.size() >= closing.size() &&
                            tail.compare(tail.size() - closing.size(), closing.size(), closing) == 0;
        if (malformed.empty() && !closed)
            malformed = "it does not end with its closing boundary (" + closing + ")";
        if (!malformed.empty())
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload is malformed: " + malformed};
        if (filename.empty())
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload has no file part (a part with "
                                                            "Content-Disposition: form-data; filename=\"...\")"};
        return filename;
    }

    static void copy_stream(std::istream& in, std::ostream& out) {
        char buf[65536];
        while (in.read(buf, sizeof buf) || in.gcount() > 0) out.write(buf, in.gcount());
    }

    // Nothing from a body that did not arrive whole may be kept.
    void require_whole_body() {
        switch (body_->drain()) {
            case BodyState::Complete: return;
            case BodyState::TooLarge: throw too_large(parts_.config.max_body_bytes);
            case BodyState::TooLate:
                throw HttpError{HTTPResponse::HTTP_REQUEST_TIMEOUT,
                                "the request body did not arrive whole within " +
                                    std::to_string(parts_.config.http_body_timeout_s) +
                                    " s (fairgate.http.body_timeout_s); nothing was stored"};
            case BodyState::Reading:
            case BodyState::CutShort:
            case BodyState::BadFraming: break;
        }
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, body_->problem() + "; nothing was stored"};
    }

    // Renames the finished upload to a free name in the inbox ("x.xlsx", "x (2).xlsx", ...).
    fs::path place_in_inbox(const fs::path& part, const std::string& name) {
        static std::mutex naming;
        std::lock_guard<std::mutex> lock(naming);
        const fs::path inbox = parts_.config.inbox;
        const fs::path stem = fs::path(name).stem(), ext = fs::path(name).extension();
        fs::path target = inbox / name;
        for (int n = 2; fs::exists(target) || parts_.intake.holds(target.string()); ++n)
            target = inbox / (stem.string() + " (" + std::to_string(n) + ")" + ext.string());
        fs::rename(part, target);
        return target;
    }

    static constexpr int kMaxParts = 20;

    ServiceParts& parts_;
    SignInSessions& sessions_;
    std::optional<SignInSession> session_;  ///< The page session the request came with, if any.
    std::string who_ = "anonymous";
    int64_t length_ = -1;          ///< The request's checked Content-Length; -1 when none.
    bool framing_known_ = false;   ///< Whether that check passed (else the body's end is unknown).
    std::optional<RequestBody> body_;  ///< An upload's body, once it is being read.
};

/// The connections open now: how many each client address holds (for the per-client cap)
/// and, for each waiting for a request's head, by when the whole head must have arrived.
/// Poco's socket timeout bounds each read of a head, not the head: a client sending a byte
/// every few seconds would keep its thread for ever.
class OpenConnections {
public:
    OpenConnections(unsigned cap, std::chrono::seconds head_timeout) : cap_(cap), head_timeout_(head_timeout) {}

    /// Counts a new connection; false (and not counted) when its address has `cap` open.
    bool admit(const Poco::Net::StreamSocket& socket) {
        std::string host;
        try {
            host = socket.peerAddress().host().toString();
        } catch (const Poco::Exception&) {
            return false;  // already gone
        }
        std::lock_guard<std::mutex> lock(mutex_);
        unsigned& open = per_host_[host];
        if (open >= cap_) return false;
        ++open;
        connections_[socket.impl()].host = host;
        return true;
    }
    /// The connection now waits for a request's head: at first, and after each answer.
    void awaiting_head(Poco::Net::SocketImpl* socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket);
        if (at != connections_.end()) at->second.head_due = std::chrono::steady_clock::now() + head_timeout_;
    }
    /// The head has arrived: the body has its own deadline (RequestBody), the answer none.
    void head_arrived(Poco::Net::SocketImpl* socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket);
        if (at != connections_.end()) at->second.head_due.reset();
    }
    void release(const Poco::Net::StreamSocket& socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket.impl());
        if (at == connections_.end()) return;
        if (--per_host_[at->second.host] == 0) per_host_.erase(at->second.host);
        connections_.erase(at);
    }
    /// Shuts down the connections whose head is late (their threads then end them).
    void close_late() {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& [socket, c] : connections_) {
            if (!c.head_due || *c.head_due > now) continue;
            c.head_due.reset();
            try {
                socket->shutdown();
            } catch (const Poco::Exception&) {
            }
        }
    }
    unsigned cap() const { return cap_; }

private:
    struct Connection {
        std::string host;
        std::optional<std::chrono::steady_clock::time_point> head_due;
    };
    const unsigned cap_;
    const std::chrono::seconds head_timeout_;
    std::mutex mutex_;
    std::map<std::string, unsigned> per_host_;
    std::map<Poco::Net::SocketImpl*, Connection> connections_;  ///< By the socket each holds.
};

// The socket a request came on: the key of its connection in OpenConnections.
Poco::Net::SocketImpl* socket_of(const HTTPServerRequest& request) {
    return const_cast<Poco::Net::HTTPServerRequestImpl&>(dynamic_cast<const Poco::Net::HTTPServerRequestImpl&>(request))
        .socket()
        .impl();
}

// An ApiHandler that tells OpenConnections when its connection waits for a head again.
class WatchedHandler : public Poco::Net::HTTPRequestHandler {
public:
    WatchedHandler(ServiceParts& parts, SignInSessions& sessions, OpenConnections& open, Poco::Net::SocketImpl* socket)
        : handler_(parts, sessions), open_(open), socket_(socket) {}
    ~WatchedHandler() override { open_.awaiting_head(socket_); }
    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        handler_.handleRequest(request, response);
    }

private:
    ApiHandler handler_;
    OpenConnections& open_;
    Poco::Net::SocketImpl* socket_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(ServiceParts& parts, SignInSessions& sessions, std::shared_ptr<OpenConnections> open)
        : parts_(parts), sessions_(sessions), open_(std::move(open)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
        Poco::Net::SocketImpl* socket = socket_of(request);
        open_->head_arrived(socket);
        return new WatchedHandler(parts_, sessions_, *open_, socket);
    }
    /// Tells every open connection the server stops: with `abort`, at once; else each after
    /// the request it is answering (this waits for them).
    void stop_connections(bool abort) { serverStopped(this, abort); }

private:
    ServiceParts& parts_;
    SignInSessions& sessions_;
    std::shared_ptr<OpenConnections> open_;
};

// An answer written straight to a connection that no handler will serve: refused, or whose
// request Poco could not even parse. Best effort: the client may be gone.
void answer_and_close(Poco::Net::StreamSocket socket, HTTPResponse::HTTPStatus status, const std::string& message) {
    try {
        HTTPResponse response(HTTPResponse::HTTP_1_1, status);
        response.setContentType("application/json; charset=utf-8");
        response.setKeepAlive(false);
        const std::string body = json_safe(error_json(status, message));
        response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        std::ostringstream text;
        response.write(text);
        text << body;
        const std::string bytes = text.str();
        socket.setBlocking(false);
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        // Read what the client already sent, so closing does not reset the connection (and
        // with it the answer) for that.
        char drop[8192];
        socket.receiveBytes(drop, sizeof drop);
    } catch (const Poco::Exception&) {
    }
}

// Refuses, in the accepting thread and without taking a worker, a connection from an address
// that already has its share open, or one that would find the waiting queue full.
class ClientCap : public Poco::Net::TCPServerConnectionFilter {
public:
    ClientCap(std::shared_ptr<OpenConnections> open, const Poco::Net::TCPServer& server, int max_queued)
        : open_(std::move(open)), server_(server), max_queued_(max_queued) {}
    bool accept(const Poco::Net::StreamSocket& socket) override {
        if (server_.queuedConnections() >= max_queued_) {
            answer_and_close(socket, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                             "the service is busy: every connection is taken; try again shortly");
            return false;
        }
        if (open_->admit(socket)) return true;
        answer_and_close(socket, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                         "this address already has " + std::to_string(open_->cap()) +
                             " connections open (fairgate.http.connections_per_client); close one and try again");
        return false;
    }

private:
    std::shared_ptr<OpenConnections> open_;
    const Poco::Net::TCPServer& server_;
    const int max_queued_;
};

// Poco's HTTP connection, known to OpenConnections from its first wait for a head until it
// is destroyed. A request whose Content-Length Poco cannot parse throws out of Poco's request
// parsing, past every handler; it gets its 400 here rather than a silent close.
class WatchedConnection : public Poco::Net::HTTPServerConnection {
public:
    WatchedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr factory, std::shared_ptr<OpenConnections> open)
        : HTTPServerConnection(socket, std::move(params), std::move(factory)), open_(std::move(open)) {}
    ~WatchedConnection() override { open_->release(socket()); }
    void run() override {
        open_->awaiting_head(socket().impl());
        // Poco closes the connection as its request parsing throws; a second descriptor of
        // it keeps it open long enough to say why.
        Poco::Net::StreamSocket spare(new Poco::Net::StreamSocketImpl(::dup(socket().impl()->sockfd())));
        try {
            HTTPServerConnection::run();
        } catch (const Poco::SyntaxException&) {
            answer_and_close(spare, HTTPResponse::HTTP_BAD_REQUEST,
                             "the Content-Length header must be a whole number of bytes");
        } catch (const Poco::Exception& e) {
            spdlog::debug("a connection ended: {}", e.displayText());
        }
    }

private:
    std::shared_ptr<OpenConnections> open_;
};

class WatchedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    WatchedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                             std::shared_ptr<OpenConnections> open)
        : params_(std::move(params)), factory_(std::move(factory)), open_(std::move(open)) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new WatchedConnection(socket, params_, factory_, open_);
    }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    std::shared_ptr<OpenConnections> open_;
};

}  // namespace

struct ApiServer::Transport {
    std::shared_ptr<OpenConnections> open;
    Poco::SharedPtr<HandlerFactory> handlers;
    std::unique_ptr<Poco::ThreadPool> threads;
    // Closes connections whose request head is late, a few times a second.
    std::thread watchdog;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
};

ApiServer::ApiServer(ServiceParts& parts)
    : parts_(parts),
      sessions_(SessionLimits{std::chrono::seconds(parts.config.session_lifetime_s),
                              std::chrono::seconds(parts.config.session_idle_s), parts.config.max_sessions}) {}
ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
    const auto& c = parts_.config;
    constexpr int kMaxQueued = 256;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(c.http_host, static_cast<Poco::UInt16>(c.http_port)));
    port_ = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(static_cast<int>(c.http_threads));
    params->setMaxQueued(kMaxQueued);
    params->setKeepAlive(true);
    // Each read of a request's head, and the wait between kept-alive requests; the head as a
    // whole has OpenConnections' deadline, a body its own (RequestBody).
    params->setTimeout(Poco::Timespan(static_cast<long>(c.http_header_timeout_s), 0));
    params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(c.http_header_timeout_s), 0));
    transport_ = std::make_unique<Transport>();
    transport_->open =
        std::make_shared<OpenConnections>(c.connections_per_client(), std::chrono::seconds(c.http_header_timeout_s));
    transport_->handlers = new HandlerFactory(parts_, sessions_, transport_->open);
    // A pool of the server's own: Poco's default one stops at 16 threads, whatever maxThreads says.
    transport_->threads = std::make_unique<Poco::ThreadPool>(2, static_cast<int>(c.http_threads));
    server_ = std::make_unique<Poco::Net::TCPServer>(
        new WatchedConnectionFactory(params, transport_->handlers, transport_->open), *transport_->threads, socket,
        params);
    server_->setConnectionFilter(new ClientCap(transport_->open, *server_, kMaxQueued));
    transport_->watchdog = std::thread([t = transport_.get()] {
        std::unique_lock<std::mutex> lock(t->mutex);
        while (!t->wake.wait_for(lock, std::chrono::milliseconds(250), [t] { return t->stopping; }))
            t->open->close_late();
    });
    server_->start();
    spdlog::info("listening on http://{}:{}/", c.http_host, port_);
}

void ApiServer::stop() {
    if (!server_) return;
    // Refuses new connections, then answers what is in progress (uploads wait for their run).
    server_->stop();
    transport_->handlers->stop_connections(false);
    server_.reset();
    transport_->threads->joinAll();
    {
        std::lock_guard<std::mutex> lock(transport_->mutex);
        transport_->stopping = true;
    }
    transport_->wake.notify_all();
    transport_->watchdog.join();
    transport_.reset();
}

}  // namespace fairgate::service
