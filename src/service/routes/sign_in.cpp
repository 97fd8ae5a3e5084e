#include "service/routes/sign_in.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <spdlog/spdlog.h>

#include "service/pages/html.hpp"
#include "service/pages/refused_form.hpp"
#include "service/pages/sign_in.hpp"
#include "service/routes/answers.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

// The sign-in form's CSRF token, sent to /login only (a double-submit: a cross-site form
// cannot read the cookie to copy it into the field).
constexpr const char* kSignInCookie = "fairgate_sign_in";
constexpr int kSignInFormSeconds = 3600;

// HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when
// the service is reached over https.
Poco::Net::HTTPCookie page_cookie(const Exchange& x, const char* name, const std::string& value, const char* path,
                                  int max_age_seconds) {
    Poco::Net::HTTPCookie cookie(name, value);
    cookie.setPath(path);
    cookie.setHttpOnly(true);
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    cookie.setSecure(x.config.secure_cookies);
    cookie.setMaxAge(max_age_seconds);
    return cookie;
}

void read_page_form(Exchange& x, Poco::Net::HTMLForm& form) {
    form.setFieldLimit(10);
    form.load(x.request, x.request.stream());
}

}  // namespace

// With neither Origin nor Referer (privacy settings, scripts) the CSRF token alone decides.
bool from_another_site(const Poco::Net::HTTPServerRequest& request) {
    const std::string host = request.getHost();
    if (request.has("Origin")) return !names_this_site(request.get("Origin"), host);
    if (request.has("Referer")) return !names_this_site(request.get("Referer"), host);
    return false;
}

void refuse_form(Exchange& x, pages::PageFrame frame, const std::string& why, const std::string& start_again) {
    spdlog::warn("refused a page form: {}", why);
    send_html(x.response, HTTPResponse::HTTP_FORBIDDEN, pages::refused_form_page(why, start_again, std::move(frame)));
}

SignIn::SignIn(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::anyone(), [this](Exchange& x) { show_form(x); }},
                {"POST", Access::anyone(), [this](Exchange& x) { sign_in(x); }}}) {}

// Each sign-in form comes with a fresh CSRF token, in the form and in a cookie for /login.
void SignIn::show_form(Exchange& x) {
    const std::string csrf = random_secret_hex(32);
    x.response.addCookie(page_cookie(x, kSignInCookie, csrf, "/login", kSignInFormSeconds));
    send_html(x.response, HTTPResponse::HTTP_OK, pages::sign_in_page("", csrf, page_frame(x)));
}

// The session cookie is a new random id, never the token: leaking it does not leak the token,
// and the server can end it.
void SignIn::sign_in(Exchange& x) {
    Poco::Net::HTMLForm form;
    read_page_form(x, form);
    const std::string csrf = form.get(pages::kCsrfField, "");
    const std::string expected = cookie_value(x.request, kSignInCookie);
    if (from_another_site(x.request)) return refuse_form(x, page_frame(x), "This sign-in was posted from another site.", "/login");
    if (expected.empty() || !same_secret(csrf, expected))
        return refuse_form(x, page_frame(x), "This sign-in form has expired or did not come from this site.", "/login");
    const auto who = parts().access.find(form.get("token", ""));
    if (!who) return send_html(x.response, HTTPResponse::HTTP_UNAUTHORIZED, pages::sign_in_page("That token is not valid.", csrf, page_frame(x)));
    const OpenedSession opened = sessions().open(*who);
    x.response.addCookie(
        page_cookie(x, kSessionCookie, opened.id, "/", static_cast<int>(sessions().limits().lifetime.count())));
    spdlog::info("{} (role {}) signed in to the page", who->name, to_string(who->role));
    x.response.redirect("/", HTTPResponse::HTTP_SEE_OTHER);
}

SignOut::SignOut(const Service& service, Target target)
    : Resource(service, std::move(target), {{"POST", Access::anyone(), [this](Exchange& x) { sign_out(x); }}}) {}

// Only the page's own form may sign out: it carries the session's CSRF token.
void SignOut::sign_out(Exchange& x) {
    Poco::Net::HTMLForm form;
    read_page_form(x, form);
    const std::string id = cookie_value(x.request, kSessionCookie);
    if (const auto session = sessions().find(id)) {
        if (from_another_site(x.request)) return refuse_form(x, page_frame(x), "This sign-out was posted from another site.", "/");
        if (!same_secret(form.get(pages::kCsrfField, ""), session->csrf_token))
            return refuse_form(x, page_frame(x), "This sign-out form has expired or did not come from this site.", "/");
        sessions().close(id);
        spdlog::info("{} signed out of the page", session->principal.name);
    }
    x.response.addCookie(page_cookie(x, kSessionCookie, "", "/", 0));
    x.response.redirect("/login", HTTPResponse::HTTP_SEE_OTHER);
}

}  // namespace fairgate::service::routes
