#include "service/pages/layout.hpp"

#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

// Colour is never the only signal: every status is written as a word too. Text and links
// meet WCAG AA contrast on every row colour; the focus is GOV.UK's (yellow with a black bar),
// visible on every background. The skip link shows itself when focused.
constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;margin:0;color:#0b0c0c;line-height:1.4}"
    ".skip{position:absolute;left:-9999px}.skip:focus{position:static;display:inline-block;margin:.5rem 1.5rem}"
    "header{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;align-items:baseline;padding:.6rem 1.5rem;"
    "border-bottom:4px solid #1d70b8}header p{margin:0}.product{font-weight:bold;font-size:1.5rem}"
    ".council{font-size:1.2rem}.viewer{margin-left:auto!important}"
    "nav{padding:0 1.5rem;border-bottom:1px solid #b1b4b6}nav ul{list-style:none;margin:0;padding:.5rem 0;"
    "display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}nav form{margin:0}"
    "nav a[aria-current=page]{font-weight:bold;text-decoration-thickness:3px}"
    "main{display:block;padding:0 1.5rem 1.5rem}main:focus{outline:none}"
    "footer{padding:.6rem 1.5rem;border-top:1px solid #b1b4b6;color:#505a5f}footer p{margin:.2rem 0}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;"
    "vertical-align:top}thead th{background:#f3f2f1}caption{text-align:left;font-weight:bold;margin-bottom:.5rem}"
    "tbody th{font-weight:normal}"
    ".red{background:#f6d7d2}.amber{background:#fff2cc}.green{background:#d9ead3}"
    "form{margin:1rem 0}label{margin-right:.5rem}select,button,input{font-size:1rem;margin-right:1rem}select{max-width:24rem}"
    "a{color:#003078}a:focus,button:focus,select:focus,input:focus,summary:focus{outline:3px solid transparent;"
    "background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c}"
    ".visually-hidden{position:absolute;left:-9999px}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1.5rem}dt{font-weight:bold}dd{margin:0}"
    "table+table,table+h2,p+table{margin-top:1.5rem}td ol,td ul{margin:0;padding-left:1.5rem}"
    ".notice{border-left:5px solid #1d70b8;padding:.4rem 1rem;background:#f3f2f1}"
    "svg text{font-size:12px;fill:#0b0c0c}";

std::string nav_link(NavItem item, const char* label, NavItem current) {
    return std::string("<li><a href=\"") + nav_href(item) + "\"" + (item == current ? " aria-current=\"page\"" : "") +
           ">" + label + "</a></li>";
}

std::string navigation(const PageFrame& frame) {
    std::string nav = "<nav aria-label=\"Main\">\n<ul>";
    if (frame.viewer.signed_in_as.empty()) {
        nav += "<li><a href=\"/login\">Sign in</a></li>";
    } else {
        nav += nav_link(NavItem::Contracts, "Contracts", frame.current);
        nav += nav_link(NavItem::Tenders, "Tenders", frame.current);
        nav += nav_link(NavItem::Upload, "Upload returns", frame.current);
        // Signed in with a bearer token there is no session to end.
        if (!frame.viewer.csrf_token.empty())
            nav += "<li><form method=\"post\" action=\"/logout\">" + csrf_input(frame.viewer.csrf_token) +
                   "<button type=\"submit\">Sign out</button></form></li>";
    }
    return nav + "</ul>\n</nav>\n";
}

}  // namespace

const char* nav_href(NavItem item) {
    switch (item) {
        case NavItem::Contracts: return "/";
        case NavItem::Tenders: return "/tenders";
        case NavItem::Upload: return "/upload";
        case NavItem::None: break;
    }
    return "";
}

std::string page(const PageFrame& frame, std::string_view main_html) {
    std::string title = frame.title.empty() ? std::string("fairgate") : frame.title + " | fairgate";
    if (!frame.council.empty()) title += ", " + frame.council;
    std::string html;
    html.reserve(main_html.size() + 4096);
    html += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    html += html_escape(title);
    html += "</title>\n<style>";
    html += kStyle;
    html += "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to main content</a>\n<header>\n"
            "<p class=\"product\">fairgate</p>\n";
    if (!frame.council.empty()) html += "<p class=\"council\">" + html_escape(frame.council) + "</p>\n";
    if (!frame.viewer.signed_in_as.empty())
        html += "<p class=\"viewer\">Signed in as " + html_escape(frame.viewer.signed_in_as) + "</p>\n";
    html += "</header>\n";
    html += navigation(frame);
    html += "<main id=\"main\" tabindex=\"-1\">\n";
    html += main_html;
    html += "</main>\n<footer>\n<p>fairgate: contract compliance on equality and social value";
    if (!frame.rulebook_id.empty()) {
        html += ", judged by the rulebook " + html_escape(frame.rulebook_id);
        if (!frame.rulebook_version.empty()) html += " version " + html_escape(frame.rulebook_version);
    }
    html += ".</p>\n</footer>\n</body>\n</html>\n";
    return html;
}

}  // namespace fairgate::service::pages
