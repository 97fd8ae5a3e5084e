#pragma once
// Signing a browser in to the auditors' page and out again. A browser cannot send a bearer
// token, so a token pasted into the sign-in form opens a server-side session (SignInSessions)
// whose random id the browser keeps in an HttpOnly, SameSite=Strict cookie.
//
// Neither needs a sign-in; each guards itself instead. A form posted from another site would
// sign the browser in as someone else, or out (login CSRF), so both refuse (403, an HTML
// page, no cookie set) a post whose Origin or Referer names another site, or that lacks its
// CSRF token: the sign-in form's (double-submitted in a cookie for /login), or the session's.

#include <string>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// Whether a browser says the form was posted from another site: its Origin, or failing that
/// its Referer, names another host and port than the request's Host. False with neither.
bool from_another_site(const Poco::Net::HTTPServerRequest& request);

/// Answers a refused form (403): the refused-form page saying `why`, with a link to
/// `start_again` where a fresh form can be had, in `frame`; logged.
void refuse_form(Exchange& x, pages::PageFrame frame, const std::string& why, const std::string& start_again);

/// /login. GET: the sign-in form, with a fresh CSRF token in a hidden field and in a cookie
/// for /login. POST: a valid token opens a session, sets its cookie and sends the browser to
/// / (303); an unknown token gets the form again (401).
class SignIn final : public Resource {
public:
    SignIn(const Service& service, Target target);

private:
    void show_form(Exchange& x);
    void sign_in(Exchange& x);
};

/// POST /logout: ends the session on the server (so its cookie is worthless even if kept),
/// clears the cookie and sends the browser to /login (303). Without an open session it only
/// clears the cookie.
class SignOut final : public Resource {
public:
    SignOut(const Service& service, Target target);

private:
    void sign_out(Exchange& x);
};

}  // namespace fairgate::service::routes
