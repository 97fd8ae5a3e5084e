#pragma once
// A fixture's service with its real HTTP server on a free port of 127.0.0.1, and the
// auditors' page's sign-in done the way a browser does it (fetch the form, post it back with
// its CSRF token and cookie).

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/pages/html.hpp"
#include "service/pages/layout.hpp"
#include "service/http_api.hpp"
#include "service/http_client.hpp"
#include "service/service_fixture.hpp"

namespace fairgate::test {

/// Stops the server, then the intake, however the test ends.
struct Server {
    ServiceFixture f;
    service::ServiceParts parts;
    service::ApiServer api;
    HttpClient http;

    /// `adjust` changes the fixture's settings before the server is made from them.
    explicit Server(const std::string& name, const std::function<void(service::ServiceConfig&)>& adjust = {})
        : f(name),
          parts{adjusted(f.config, adjust), *f.intake, nullptr, f.metrics,
                service::AccessList(f.config.tokens), service::StorePool(f.config.db)},
          api(parts) {
        api.start();
        http = HttpClient(api.port());
    }
    ~Server() {
        api.stop();
        f.intake->stop();
    }

    static const service::ServiceConfig& adjusted(service::ServiceConfig& config,
                                                  const std::function<void(service::ServiceConfig&)>& adjust) {
        if (adjust) adjust(config);
        return config;
    }

    static std::string sample_bytes(const std::string& relative) {
        return read_bytes(ServiceFixture::sample(relative).string());
    }
    HttpReply upload_sample(const std::string& relative, bool multipart = false) const {
        const std::string name = std::filesystem::path(relative).filename().string();
        return multipart ? http.upload_multipart(name, sample_bytes(relative), f.officer_token)
                         : http.upload_raw(name, sample_bytes(relative), f.officer_token);
    }
    /// Every regular file in `dir` (names), hidden ones included.
    static std::vector<std::string> files_in(const std::string& dir) {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.is_regular_file()) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
    /// http://127.0.0.1:<port>: what a browser sends as Origin for the service's own pages.
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(api.port()); }
};

/// "name=value" of the Set-Cookie header of `reply` that sets `name`; empty if none does.
inline std::string cookie_set(const HttpReply& reply, const std::string& name) {
    for (const auto& c : reply.all("Set-Cookie"))
        if (c.rfind(name + "=", 0) == 0) return c.substr(0, c.find(';'));
    return {};
}

/// The whole Set-Cookie header of `reply` that sets `name`; empty if none does.
inline std::string set_cookie_header(const HttpReply& reply, const std::string& name) {
    for (const auto& c : reply.all("Set-Cookie"))
        if (c.rfind(name + "=", 0) == 0) return c;
    return {};
}

/// The frame of a page seen by `who` (a session's CSRF token `csrf`, or none), with no council
/// or rulebook: for rendering a page without a server.
inline service::pages::PageFrame viewed_by(std::string who, std::string csrf = {}) {
    service::pages::PageFrame frame;
    frame.viewer = {std::move(who), std::move(csrf)};
    return frame;
}

/// The value of the hidden CSRF field of the first form in `html` that has one.
inline std::string csrf_field(const std::string& html) {
    const std::string marker = std::string("name=\"") + service::pages::kCsrfField + "\" value=\"";
    const size_t at = html.find(marker);
    if (at == std::string::npos) return {};
    const size_t start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

/// The sign-in form as GET /login gives it to a browser.
struct SignInForm {
    std::string csrf;    ///< Its hidden field.
    std::string cookie;  ///< "fairgate_sign_in=...", which goes back with the post.
};

inline SignInForm get_sign_in_form(const Server& s) {
    const HttpReply r = s.http.get("/login");
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.describe());
    SignInForm form{csrf_field(r.body), cookie_set(r, "fairgate_sign_in")};
    BOOST_REQUIRE_MESSAGE(!form.csrf.empty(), "no CSRF field in the sign-in form: " << r.body);
    BOOST_REQUIRE_MESSAGE(!form.cookie.empty(), "GET /login set no fairgate_sign_in cookie");
    return form;
}

/// POST /login as the form does, with `extra` headers (Origin, Referer...).
inline HttpReply post_sign_in(const Server& s, const SignInForm& form, const std::string& token,
                              const HttpClient::Headers& extra = {}) {
    HttpClient::Headers headers = extra;
    headers.emplace_back("Cookie", form.cookie);
    return s.http.request("POST", "/login", "", "csrf=" + form.csrf + "&token=" + token,
                          "application/x-www-form-urlencoded", headers);
}

/// Signs in with `token` as a browser on the service's own page would; returns the session
/// cookie ("fairgate_session=...").
inline std::string sign_in(const Server& s, const std::string& token) {
    const HttpReply r = post_sign_in(s, get_sign_in_form(s), token, {{"Origin", s.origin()}});
    BOOST_REQUIRE_MESSAGE(r.status == 303, r.describe());
    const std::string cookie = cookie_set(r, "fairgate_session");
    BOOST_REQUIRE_MESSAGE(!cookie.empty(), "signing in set no fairgate_session cookie");
    return cookie;
}

}  // namespace fairgate::test
