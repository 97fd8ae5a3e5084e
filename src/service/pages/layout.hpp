#pragma once
// The one frame every page of `fairgate serve` sits in, so that each page writes only its
// <main>: the doctype and head (the title, the inline style sheet: no outside asset, no
// script), a "Skip to main content" link, a banner naming the product and the council, the
// navigation (Contracts, Tenders, Upload returns, and the sign-out form), <main id="main">
// and a footer naming the rulebook judged by. Its landmarks and style are what WCAG 2.2 AA
// asks of every page: one banner, nav, main and contentinfo; a visible focus; text at 4.5:1
// or better.
//
//     PageFrame frame{...};            // from the request: council, rulebook, viewer
//     frame.title = "Upload returns";  // the page's own
//     frame.current = NavItem::Upload;
//     return page(frame, "<h1>Upload returns</h1>\n...");

#include <string>
#include <string_view>

namespace fairgate::service::pages {

/// Who is looking at a page: its "Signed in as" line and its sign-out form.
struct PageViewer {
    /// "auditor-1, role auditor"; empty when nobody is signed in (the sign-in page, or an
    /// error answered before signing in): then the navigation offers "Sign in" instead.
    std::string signed_in_as;
    /// The session's CSRF token, posted back by the sign-out form; empty when the page was
    /// asked for with a bearer token (no session, so no sign-out form).
    std::string csrf_token;
};

/// The entries of the navigation. The page's own is marked aria-current="page".
enum class NavItem { None, Contracts, Tenders, Upload };

/// What the frame says around a page's main content. The route fills in the council, the
/// rulebook and the viewer (the same for every page of a request); the page its title and
/// its place in the navigation.
struct PageFrame {
    std::string title;                ///< The page's own title ("Run R-1"); <title> adds the product.
    NavItem current = NavItem::None;  ///< The navigation entry this page is, if any.
    std::string council;              ///< The rulebook's owner ("London Borough of Bexley"); may be empty.
    std::string rulebook_id;          ///< For the footer; empty: the footer names no rulebook.
    std::string rulebook_version;
    PageViewer viewer;
};

/// A whole HTML document: the frame around `main_html`, which goes inside <main id="main">
/// as it is (so it must be escaped already) and should hold the page's one <h1>.
std::string page(const PageFrame& frame, std::string_view main_html);

/// Where each navigation entry leads: "/", "/tenders", "/upload"; "" for NavItem::None.
const char* nav_href(NavItem item);

}  // namespace fairgate::service::pages
