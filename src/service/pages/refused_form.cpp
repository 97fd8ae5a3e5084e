#include "service/pages/refused_form.hpp"

#include "service/pages/html.hpp"

namespace fairgate::service::pages {

std::string refused_form_page(const std::string& why, const std::string& start_again, PageFrame frame) {
    frame.title = "Refused";
    return page(frame, "<h1>Refused</h1>\n<p role=\"alert\"><strong>" + html_escape(why) +
                           "</strong></p>\n<p><a href=\"" + html_escape(start_again) + "\">Start again</a></p>\n");
}

}  // namespace fairgate::service::pages
