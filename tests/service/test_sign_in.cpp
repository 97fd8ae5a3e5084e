// Signing in to the auditors' page through the real HTTP server over loopback: the cookie is
// a session id and never the token; sign-out, the lifetime and the idle timeout end a session
// on the server; forms posted from another site or without their CSRF token are refused;
// cookies are Secure when configured.

#include <cctype>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/api_server.hpp"
#include "service/pages/html.hpp"
#include "service/pages/run.hpp"

using namespace fairgate;
using namespace fairgate::service;
using fairgate::test::HttpReply;
using fairgate::test::Server;
using namespace std::chrono_literals;

namespace {

bool is_hex(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isxdigit(c)) return false;
    return !s.empty();
}

std::string form_body(const std::string& csrf) { return std::string(pages::kCsrfField) + "=" + csrf; }

}  // namespace

BOOST_AUTO_TEST_SUITE(sign_in_over_http)

BOOST_AUTO_TEST_CASE(the_session_cookie_is_not_the_token) {
    Server s("sign_in_cookie");
    const test::SignInForm form = test::get_sign_in_form(s);
    const HttpReply r = test::post_sign_in(s, form, s.f.auditor_token, {{"Origin", s.origin()}});
    BOOST_REQUIRE_MESSAGE(r.status == 303, r.describe());
    BOOST_TEST(r.header("Location") == "/");
    const std::string header = test::set_cookie_header(r, "fairgate_session");
    BOOST_REQUIRE_MESSAGE(!header.empty(), "no fairgate_session cookie");
    const std::string value = test::cookie_set(r, "fairgate_session").substr(17);
    BOOST_TEST(value.size() == 64u, value);
    BOOST_TEST(is_hex(value), value);
    for (const auto& c : r.all("Set-Cookie")) {
        BOOST_TEST(c.find(s.f.auditor_token) == std::string::npos, "a cookie holds the token: " << c);
        BOOST_TEST(c.find(s.f.auditor_token.substr(0, 16)) == std::string::npos, c);
    }
    BOOST_TEST(header.find("HttpOnly") != std::string::npos, header);
    BOOST_TEST(header.find("SameSite=Strict") != std::string::npos, header);
    BOOST_TEST(header.find("path=/") != std::string::npos, header);
    BOOST_TEST(header.find("secure") == std::string::npos, "not Secure unless configured: " << header);

    const std::string cookie = "fairgate_session=" + value;
    HttpReply page = s.http.get("/", "", {{"Cookie", cookie}});
    BOOST_TEST(page.status == 200, page.describe());
    BOOST_TEST(page.body.find("auditor-1") != std::string::npos);
    BOOST_TEST(page.body.find(s.f.auditor_token) == std::string::npos, "the page never shows the token");

    // The same token signing in again gets a different session.
    BOOST_TEST(test::sign_in(s, s.f.auditor_token) != cookie);
    // The token itself in the cookie is no way in, under either name.
    for (const std::string& forged : {"fairgate_session=" + s.f.auditor_token, "fairgate_token=" + s.f.auditor_token}) {
        page = s.http.get("/", "", {{"Cookie", forged}});
        BOOST_TEST(page.status == 303, forged << ": " << page.describe());
        BOOST_TEST(s.http.get("/api/v1/contracts", "", {{"Cookie", forged}}).status == 401, forged);
    }
}

BOOST_AUTO_TEST_CASE(signing_out_ends_the_session_on_the_server) {
    Server s("sign_in_logout");
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    const std::string other = test::sign_in(s, s.f.officer_token);
    HttpReply page = s.http.get("/", "", {{"Cookie", cookie}});
    BOOST_REQUIRE_MESSAGE(page.status == 200, page.describe());
    const std::string csrf = test::csrf_field(page.body);
    BOOST_REQUIRE_MESSAGE(csrf.size() == 64u, "the sign-out form's CSRF token: " << csrf);
    BOOST_TEST(page.body.find("action=\"/logout\"") != std::string::npos);

    HttpReply r = s.http.request("POST", "/logout", "", form_body(csrf), "application/x-www-form-urlencoded",
                                 {{"Cookie", cookie}, {"Origin", s.origin()}});
    BOOST_TEST(r.status == 303, r.describe());
    BOOST_TEST(r.header("Location") == "/login");
    BOOST_TEST(test::set_cookie_header(r, "fairgate_session").find("fairgate_session=;") == 0u);

    // The old cookie, replayed as a browser that ignored the clearing would: signed out.
    r = s.http.get("/", "", {{"Cookie", cookie}});
    BOOST_TEST(r.status == 303, r.describe());
    BOOST_TEST(r.header("Location") == "/login");
    BOOST_TEST(s.http.get("/api/v1/contracts", "", {{"Cookie", cookie}}).status == 401);
    BOOST_TEST(s.http.get("/runs/x", "", {{"Cookie", cookie}}).status == 303);
    // Another browser's session goes on.
    BOOST_TEST(s.http.get("/", "", {{"Cookie", other}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_session_past_its_lifetime_is_refused_by_the_server) {
    // 2 s rather than 1, so a busy machine still answers the first request in time.
    Server s("sign_in_lifetime", [](ServiceConfig& c) { c.session_lifetime_s = 2; });
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    BOOST_TEST(s.http.get("/", "", {{"Cookie", cookie}}).status == 200);
    std::this_thread::sleep_for(2500ms);
    // The browser would have dropped it (its Max-Age); a client that keeps sending it is refused.
    const HttpReply r = s.http.get("/", "", {{"Cookie", cookie}});
    BOOST_TEST(r.status == 303, r.describe());
    BOOST_TEST(r.header("Location") == "/login");
    BOOST_TEST(s.http.get("/api/v1/contracts", "", {{"Cookie", cookie}}).status == 401);
    // Signing in again works.
    BOOST_TEST(s.http.get("/", "", {{"Cookie", test::sign_in(s, s.f.auditor_token)}}).status == 200);
}

BOOST_AUTO_TEST_CASE(an_idle_session_is_refused_by_the_server) {
    Server s("sign_in_idle", [](ServiceConfig& c) { c.session_idle_s = 2; });
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    BOOST_TEST(s.http.get("/", "", {{"Cookie", cookie}}).status == 200);
    std::this_thread::sleep_for(2500ms);
    BOOST_TEST(s.http.get("/", "", {{"Cookie", cookie}}).status == 303);
}

BOOST_AUTO_TEST_CASE(a_cross_site_sign_in_is_refused) {
    Server s("sign_in_cross_site");
    const test::SignInForm form = test::get_sign_in_form(s);
    struct Attempt {
        std::string what;
        HttpReply reply;
    };
    const std::string token = s.f.auditor_token;
    const std::string good = "csrf=" + form.csrf + "&token=" + token;
    const auto post = [&](const std::string& body, const test::HttpClient::Headers& headers) {
        return s.http.request("POST", "/login", "", body, "application/x-www-form-urlencoded", headers);
    };
    const std::vector<Attempt> attempts = {
        {"a form on another site (Origin)", test::post_sign_in(s, form, token, {{"Origin", "https://evil.example"}})},
        {"a form on another port (Origin)",
         test::post_sign_in(s, form, token, {{"Origin", "http://127.0.0.1:" + std::to_string(s.api.port() + 1)}})},
        {"an opaque origin", test::post_sign_in(s, form, token, {{"Origin", "null"}})},
        {"a page on another site (Referer, no Origin)",
         test::post_sign_in(s, form, token, {{"Referer", "https://evil.example/attack.html"}})},
        {"no CSRF field", post("token=" + token, {{"Cookie", form.cookie}, {"Origin", s.origin()}})},
        {"no sign-in cookie", post(good, {{"Origin", s.origin()}})},
        {"a CSRF field that is not the cookie's",
         post("csrf=" + std::string(64, 'a') + "&token=" + token, {{"Cookie", form.cookie}, {"Origin", s.origin()}})},
        {"no CSRF field nor cookie, no Origin", post("token=" + token, {})},
    };
    for (const auto& a : attempts) {
        BOOST_TEST(a.reply.status == 403, a.what << ": " << a.reply.describe());
        BOOST_TEST(a.reply.all("Set-Cookie").empty(), a.what << " set a cookie: " << a.reply.header("Set-Cookie"));
        BOOST_TEST(a.reply.header("Content-Type").rfind("text/html", 0) == 0u, a.what);
    }
    // The same form from the service's own page, with and without an Origin (a browser that
    // sends neither Origin nor Referer relies on the CSRF token alone).
    for (const auto& headers : {test::HttpClient::Headers{{"Origin", s.origin()}},
                                test::HttpClient::Headers{{"Referer", s.origin() + "/login"}},
                                test::HttpClient::Headers{}}) {
        const HttpReply r = test::post_sign_in(s, form, token, headers);
        BOOST_TEST(r.status == 303, r.describe());
        BOOST_TEST(!test::cookie_set(r, "fairgate_session").empty());
    }
}

BOOST_AUTO_TEST_CASE(signing_out_needs_the_sessions_csrf_token) {
    Server s("sign_in_logout_csrf");
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    const std::string other = test::sign_in(s, s.f.officer_token);
    const std::string csrf = test::csrf_field(s.http.get("/", "", {{"Cookie", cookie}}).body);
    const std::string other_csrf = test::csrf_field(s.http.get("/", "", {{"Cookie", other}}).body);
    BOOST_REQUIRE(!csrf.empty());
    BOOST_REQUIRE(csrf != other_csrf);
    // The run page's form carries it too.
    const std::string run_page = pages::run_page(Run{}, Rulebook{}, test::viewed_by("x", csrf));
    BOOST_TEST(test::csrf_field(run_page) == csrf);

    const auto logout = [&](const std::string& body, test::HttpClient::Headers headers) {
        headers.emplace_back("Cookie", cookie);
        return s.http.request("POST", "/logout", "", body, "application/x-www-form-urlencoded", headers);
    };
    const std::vector<std::pair<std::string, HttpReply>> attempts = {
        {"no CSRF field", logout("", {})},
        {"an empty CSRF field", logout(form_body(""), {})},
        {"another session's CSRF token", logout(form_body(other_csrf), {})},
        {"the right token posted from another site", logout(form_body(csrf), {{"Origin", "https://evil.example"}})},
        {"the right token from another site's page", logout(form_body(csrf), {{"Referer", "https://evil.example/"}})},
    };
    for (const auto& [what, r] : attempts) {
        BOOST_TEST(r.status == 403, what << ": " << r.describe());
        BOOST_TEST(r.all("Set-Cookie").empty(), what);
        BOOST_TEST(s.http.get("/", "", {{"Cookie", cookie}}).status == 200, what << " ended the session");
    }
    const HttpReply r = logout(form_body(csrf), {{"Origin", s.origin()}});
    BOOST_TEST(r.status == 303, r.describe());
    BOOST_TEST(s.http.get("/", "", {{"Cookie", cookie}}).status == 303);

    // A bearer token reading the page has no session, so no sign-out form.
    const HttpReply bearer = s.http.get("/", s.f.auditor_token);
    BOOST_TEST(bearer.status == 200);
    BOOST_TEST(bearer.body.find("action=\"/logout\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(cookies_are_secure_when_configured) {
    Server s("sign_in_secure", [](ServiceConfig& c) { c.secure_cookies = true; });
    const HttpReply form = s.http.get("/login");
    const std::string sign_in_cookie = test::set_cookie_header(form, "fairgate_sign_in");
    BOOST_TEST(sign_in_cookie.find("; secure") != std::string::npos, sign_in_cookie);
    const HttpReply r = test::post_sign_in(s, test::get_sign_in_form(s), s.f.auditor_token, {{"Origin", s.origin()}});
    BOOST_REQUIRE_MESSAGE(r.status == 303, r.describe());
    const std::string session = test::set_cookie_header(r, "fairgate_session");
    BOOST_TEST(session.find("; secure") != std::string::npos, session);
    BOOST_TEST(session.find("HttpOnly") != std::string::npos, session);
    // Signing out clears it with the same attributes.
    const std::string cookie = test::cookie_set(r, "fairgate_session");
    const std::string csrf = test::csrf_field(s.http.get("/", "", {{"Cookie", cookie}}).body);
    const HttpReply out = s.http.request("POST", "/logout", "", form_body(csrf), "application/x-www-form-urlencoded",
                                         {{"Cookie", cookie}});
    BOOST_TEST(test::set_cookie_header(out, "fairgate_session").find("; secure") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
