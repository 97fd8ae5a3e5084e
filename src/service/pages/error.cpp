#include "service/pages/error.hpp"

#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

struct Wording {
    const char* heading;
    const char* next;  // what the reader can do about it
};

Wording wording(int status) {
    switch (status) {
        case 400: return {"This request could not be read", "Check the address (a filter's value, say) and try again."};
        case 403: return {"You may not do this", "Ask whoever gave you your access token for a role that may."};
        case 404: return {"Page not found", "Check the address, or start again from the list of contracts."};
        case 405: return {"This page does not take that kind of request", "Open the page from its link instead."};
        case 408:
        case 413:
        case 411: return {"The upload was refused", "Nothing was stored. Send it again within the limits said above."};
    }
    if (status >= 500)
        return {"Something went wrong on the server",
                "Nothing you did caused this. Try again in a minute; if it keeps happening, tell whoever runs "
                "fairgate (its log has the details)."};
    return {"The request was refused", "Start again from the list of contracts."};
}

}  // namespace

std::string error_page(int status, const std::string& message, PageFrame frame) {
    const Wording w = wording(status);
    frame.title = w.heading;
    frame.current = NavItem::None;
    std::string html = std::string("<h1>") + w.heading + "</h1>\n<p>" + html_escape(message) + " (HTTP " +
                       std::to_string(status) + ")</p>\n<p>" + w.next + "</p>\n<p><a href=\"/\">Go to the list of "
                       "contracts</a></p>\n";
    return page(frame, html);
}

}  // namespace fairgate::service::pages
