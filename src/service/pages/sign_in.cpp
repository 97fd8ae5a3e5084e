#include "service/pages/sign_in.hpp"

#include "service/pages/html.hpp"

namespace fairgate::service::pages {

std::string sign_in_page(const std::string& problem, const std::string& csrf_token, PageFrame frame) {
    std::string html = "<h1>Sign in</h1>\n";
    if (!problem.empty()) html += "<p role=\"alert\"><strong>" + html_escape(problem) + "</strong></p>\n";
    html += "<p>Paste the access token you were given. This browser is then signed in for a while; the token "
            "itself is not kept.</p>\n"
            "<form method=\"post\" action=\"/login\">\n" +
            csrf_input(csrf_token) +
            "\n<label for=\"token\">Access token</label>"
            "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\n"
            "<button type=\"submit\">Sign in</button>\n</form>\n";
    frame.title = "Sign in";
    frame.current = NavItem::None;
    frame.viewer = {};
    return page(frame, html);
}

}  // namespace fairgate::service::pages
