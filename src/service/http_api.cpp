#include "service/http_api.hpp"

#include <Poco/CountingStream.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <limits>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

#include "reports/contract_workbook.hpp"
#include "reports/tender_comparison.hpp"
#include "service/api_json.hpp"
#include "service/auditors_page.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace fairgate::service {

namespace {

// The page's session id, sent everywhere; and the sign-in form's CSRF token, sent to /login
// only (a double-submit: a cross-site form cannot read the cookie to copy it into the field).
constexpr const char* kSessionCookie = "fairgate_session";
constexpr const char* kSignInCookie = "fairgate_sign_in";
constexpr int kSignInFormSeconds = 3600;
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An answer that is not a success: status and a message a person can act on.
struct HttpError {
    HttpError(HTTPResponse::HTTPStatus s, std::string m, std::string a = {})
        : status(s), message(std::move(m)), allow(std::move(a)) {}
    HTTPResponse::HTTPStatus status;
    std::string message;
    std::string allow;  ///< For 405: the methods the resource takes.
};

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

/// Streams a multipart upload's file part to disk, refusing more than `limit` bytes.
class UploadPart : public Poco::Net::PartHandler {
public:
    UploadPart(std::string path, uint64_t limit) : path_(std::move(path)), limit_(limit) {}
    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        const std::string name = disposition_filename(header.get("Content-Disposition", ""));
        if (name.empty() || received_) {
            // Other fields, or a second file: read and ignore.
            stream.ignore(std::numeric_limits<std::streamsize>::max());
            return;
        }
        filename = name;
        received_ = true;
        std::ofstream out(path_, std::ios::binary);
        bytes = copy_limited(stream, out, limit_);
        if (!out.flush()) throw HttpError{HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "could not write the upload"};
    }
    static uint64_t copy_limited(std::istream& in, std::ostream& out, uint64_t limit) {
        char buf[65536];
        uint64_t total = 0;
        while (in.read(buf, sizeof buf) || in.gcount() > 0) {
            total += static_cast<uint64_t>(in.gcount());
            if (total > limit)
                throw HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                                "the upload is larger than the limit of " + std::to_string(limit >> 20) +
                                    " MB (fairgate.http.max_body_mb)"};
            out.write(buf, in.gcount());
        }
        return total;
    }
    std::string filename;
    uint64_t bytes = 0;

private:
    std::string path_;
    uint64_t limit_;
    bool received_ = false;
};

class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
    ApiHandler(ServiceParts& parts, SignInSessions& sessions) : parts_(parts), sessions_(sessions) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        const auto started = std::chrono::steady_clock::now();
        ++parts_.metrics.http_requests;
        int status = 200;
        try {
            route(request, response);
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
    // read, and the connection is closed after the answer instead.
    void settle_body(HTTPServerRequest& request, HTTPServerResponse& response) {
        const bool sized = request.hasContentLength() && !request.getChunkedTransferEncoding();
        if (sized && static_cast<uint64_t>(request.getContentLength64()) <= parts_.config.max_body_bytes) {
            request.stream().ignore(std::numeric_limits<std::streamsize>::max());
        } else if (request.getMethod() == "POST" || request.getMethod() == "PUT") {
            response.setKeepAlive(false);
        }
    }

    void route(HTTPServerRequest& request, HTTPServerResponse& response) {
        const Poco::URI uri(request.getURI());
        const std::string& method = request.getMethod();
        // Split before decoding, so an encoded '/' stays inside its identifier.
        const std::string& raw = request.getURI();
        const auto path = split_path(raw.substr(0, raw.find_first_of("?#")));
        Poco::Net::HTMLForm query;
        query.read(uri.getRawQuery());
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
            if (rest.size() == 3 && rest[0] == "tenders" && rest[2] == "comparison")
                return tender_comparison(response, rest[1]);
            if (rest.size() == 1 && rest[0] == "runs") return runs(response, query);
            if (rest.size() == 2 && rest[0] == "runs") return run(response, rest[1]);
        }
        throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no such resource: " + uri.getPath() + " (see docs/service.md)"};
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

    // Serves a workbook the service wrote, only from inside the output folder.
    void send_workbook(HTTPServerResponse& response, const std::string& path, const std::string& what) {
        std::error_code ec;
        const fs::path out = fs::weakly_canonical(fs::absolute(parts_.config.out), ec);
        const fs::path file = fs::weakly_canonical(fs::absolute(path), ec);
        auto [end, _] = std::mismatch(out.begin(), out.end(), file.begin(), file.end());
        if (ec || end != out.end() || !fs::is_regular_file(file, ec))
            throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "the workbook of " + what + " is not on this server"};
        std::string name = file.filename().string();
        for (auto& c : name)
            if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
        response.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.sendFile(file.string(), kXlsx);
    }

    void contract_workbook(HTTPServerResponse& response, const std::string& id) {
        auto store = parts_.stores.lease();
        auto p = store->contract_position(id);
        if (!p) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no contract " + id + " has been judged"};
        send_workbook(response, p->outcome.workbook, "contract " + id);
    }

    void tender_comparison(HTTPServerResponse& response, const std::string& id) {
        reports::TenderReport t;
        t.tender_id = id;
        send_workbook(response, reports::tender_workbook_path(parts_.config.out, t), "tender " + id);
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
        if (request.hasContentLength() && static_cast<uint64_t>(request.getContentLength64()) > limit)
            throw HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                            "the upload is larger than the limit of " + std::to_string(limit >> 20) +
                                " MB (fairgate.http.max_body_mb)"};
        // Written under a hidden name first, so the inbox watcher never sees half a file.
        const fs::path part = fs::path(parts_.config.inbox) / (".upload-" + random_suffix() + ".part");
        struct Cleanup {
            fs::path path;
            ~Cleanup() {
                std::error_code ec;
                fs::remove(path, ec);
            }
        } cleanup{part};
        std::string filename;
        const std::string type = request.getContentType();
        if (type.rfind("multipart/form-data", 0) == 0) {
            UploadPart handler(part.string(), limit);
            Poco::Net::HTMLForm form;
            form.setFieldLimit(20);
            form.load(request, request.stream(), handler);
            if (handler.filename.empty())
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload has no file part (a part with "
                                                                "Content-Disposition: form-data; filename=\"...\")"};
            filename = handler.filename;
        } else {
            filename = query.get("filename", disposition_filename(request.get("Content-Disposition", "")));
            if (filename.empty())
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                                "name the file: ?filename=Q2-return.xlsx, a Content-Disposition header with "
                                "filename=, or a multipart/form-data upload"};
            std::ofstream out(part, std::ios::binary);
            UploadPart::copy_limited(request.stream(), out, limit);
            if (!out.flush()) throw std::runtime_error("could not write the upload to " + part.string());
        }
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

    // --- sending --------------------------------------------------------------------------

    static void send_json(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body) {
        response.setStatusAndReason(status);
        response.setContentType("application/json; charset=utf-8");
        response.set("Cache-Control", "no-store");
        response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        response.send() << body;
    }
    static void send_json(HTTPServerResponse& response, int status, const std::string& body) {
        send_json(response, static_cast<HTTPResponse::HTTPStatus>(status), body);
    }

    static void send_html(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body) {
        response.setStatusAndReason(status);
        response.setContentType("text/html; charset=utf-8");
        response.set("Cache-Control", "no-store");
        response.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        response.set("X-Content-Type-Options", "nosniff");
        response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        response.send() << body;
    }

    ServiceParts& parts_;
    SignInSessions& sessions_;
    std::optional<SignInSession> session_;  ///< The page session the request came with, if any.
    std::string who_ = "anonymous";
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(ServiceParts& parts, SignInSessions& sessions) : parts_(parts), sessions_(sessions) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new ApiHandler(parts_, sessions_);
    }

private:
    ServiceParts& parts_;
    SignInSessions& sessions_;
};

}  // namespace

ApiServer::ApiServer(ServiceParts& parts)
    : parts_(parts),
      sessions_(SessionLimits{std::chrono::seconds(parts.config.session_lifetime_s),
                              std::chrono::seconds(parts.config.session_idle_s), parts.config.max_sessions}) {}
ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
    const auto& c = parts_.config;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(c.http_host, static_cast<Poco::UInt16>(c.http_port)));
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(static_cast<int>(c.http_threads));
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(60, 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(parts_, sessions_), socket, params);
    server_->start();
    spdlog::info("listening on http://{}:{}/", c.http_host, port_);
}

void ApiServer::stop() {
    if (!server_) return;
    // Answers what is in progress (uploads wait for their run), refuses new connections.
    server_->stopAll(false);
    server_.reset();
}

}  // namespace fairgate::service
