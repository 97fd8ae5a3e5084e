// The officers' upload page through the real HTTP server over loopback, signed in as a browser
// is: the form for an officer, a page saying no for an auditor, several files in one post each
// judged and listed (refused ones first), the CSRF token required, a second upload of the
// same files "already imported", and a body too large answered as the form with the reason.

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/StringPartSource.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/api_server.hpp"
#include "service/pages/html.hpp"
#include "store/store.hpp"

using namespace fairgate;
using fairgate::test::HttpReply;
using fairgate::test::Server;
namespace fs = std::filesystem;

namespace {

#define REQUIRE_STATUS(reply, expected) BOOST_REQUIRE_MESSAGE((reply).status == (expected), (reply).describe())

struct NamedBytes {
    std::string name, bytes;
};

// A damaged workbook: the zip signature, then nothing a zip has.
const NamedBytes kBroken{"broken.xlsx", std::string("PK\x03\x04", 4) + "this is not a workbook"};

std::vector<NamedBytes> two_good_one_bad() {
    return {{"contract-register.csv", Server::sample_bytes("register/contract-register.csv")},
            kBroken,
            {"BX-2025-0142_2025-Q3.xlsx", Server::sample_bytes("quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx")}};
}

// POST /upload as the page's form does: multipart/form-data with the CSRF field (unless
// empty) and every file in the part "files", with the session cookie and the site's Origin;
// with a Content-Length, as a browser sends it, or chunked.
HttpReply post_upload(const Server& s, const std::string& cookie, const std::string& csrf,
                      const std::vector<NamedBytes>& files, bool chunked = false) {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    if (!csrf.empty()) form.set(service::pages::kCsrfField, csrf);
    for (const auto& f : files)
        form.addPart("files", new Poco::Net::StringPartSource(f.bytes, "application/octet-stream", f.name));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/upload", Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Cookie", cookie);
    req.set("Origin", s.origin());
    form.prepareSubmit(req, chunked ? 0 : Poco::Net::HTMLForm::OPT_USE_CONTENT_LENGTH);
    return s.http.send(req, [&](std::ostream& out) { form.write(out); });
}

// The session cookie of an officer and the CSRF token of the upload form it is shown.
std::pair<std::string, std::string> officer_form(const Server& s) {
    const std::string cookie = test::sign_in(s, s.f.officer_token);
    const HttpReply page = s.http.get("/upload", "", {{"Cookie", cookie}});
    REQUIRE_STATUS(page, 200);
    const std::string csrf = test::csrf_field(page.body);
    BOOST_REQUIRE_MESSAGE(csrf.size() == 64u, "the upload form's CSRF token: " << csrf);
    return {cookie, csrf};
}

// The results table's rows, in order, as "<th>...</th><td>...</td>..." strings.
std::vector<std::string> result_rows(const std::string& html) {
    std::vector<std::string> rows;
    const size_t table = html.find("<section id=\"results\"");
    const size_t end = html.find("</section>", table);
    for (size_t at = html.find("<tr data-verdict=", table); at < end; at = html.find("<tr data-verdict=", at + 1))
        rows.push_back(html.substr(at, html.find("</tr>", at) - at));
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(upload_page)

BOOST_AUTO_TEST_CASE(an_officer_is_shown_the_form_and_an_auditor_is_not) {
    Server s("upload_page_form");
    const std::string officer = test::sign_in(s, s.f.officer_token);
    HttpReply r = s.http.get("/upload", "", {{"Cookie", officer}});
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(r.body.find("<form id=\"upload-form\" method=\"post\" action=\"/upload\" "
                           "enctype=\"multipart/form-data\"") != std::string::npos);
    BOOST_TEST(r.body.find("<label for=\"files\">") != std::string::npos);
    BOOST_TEST(r.body.find("<input type=\"file\" id=\"files\" name=\"files\" multiple") != std::string::npos);
    for (const char* ext : {".xlsx", ".csv", ".xml", ".json"})
        BOOST_TEST(r.body.find(ext) != std::string::npos, ext);
    BOOST_TEST(test::csrf_field(r.body).size() == 64u);
    BOOST_TEST(r.body.find("aria-current=\"page\">Upload returns") != std::string::npos);
    BOOST_TEST(r.body.find("role=\"status\"") != std::string::npos);
    // The page's one script, and nothing else, may run.
    const std::string policy = r.header("Content-Security-Policy");
    BOOST_TEST(policy.find("script-src 'sha256-") != std::string::npos, policy);
    BOOST_TEST(policy.find("unsafe-inline'; script") != std::string::npos, policy);  // styles only
    BOOST_TEST(policy.find("connect-src 'self'") != std::string::npos, policy);

    // A bearer token serves too (a page asked for by a script or curl).
    BOOST_TEST(s.http.get("/upload", s.f.admin_token).status == 200);

    const std::string auditor = test::sign_in(s, s.f.auditor_token);
    r = s.http.get("/upload", "", {{"Cookie", auditor}});
    REQUIRE_STATUS(r, 403);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(r.body.find("<h1>You may not upload returns</h1>") != std::string::npos);
    BOOST_TEST(r.body.find("<main id=\"main\"") != std::string::npos);  // in the frame
    BOOST_TEST(r.body.find("type=\"file\"") == std::string::npos);

    // Nor may an auditor post to it.
    r = post_upload(s, auditor, test::csrf_field(r.body), two_good_one_bad());
    REQUIRE_STATUS(r, 403);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty());

    // Signed out, the browser is sent to sign in.
    r = s.http.get("/upload");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("Location") == "/login");
}

BOOST_AUTO_TEST_CASE(several_files_in_one_post_are_each_judged_refused_ones_first) {
    Server s("upload_page_several");
    const auto [cookie, csrf] = officer_form(s);
    HttpReply r = post_upload(s, cookie, csrf, two_good_one_bad());
    REQUIRE_STATUS(r, 200);
    const std::vector<std::string> rows = result_rows(r.body);
    BOOST_REQUIRE_MESSAGE(rows.size() == 3u, r.body);
    // The refused one first, with its reason, though it was sent second.
    BOOST_TEST(rows[0].find("data-verdict=\"refused\"") != std::string::npos, rows[0]);
    BOOST_TEST(rows[0].find("<th scope=\"row\">broken.xlsx</th><td>Refused</td>") != std::string::npos, rows[0]);
    BOOST_TEST(rows[0].find("A copy is kept in quarantine.") != std::string::npos, rows[0]);
    BOOST_TEST(rows[0].find("zip") != std::string::npos, rows[0]);  // why: a damaged workbook
    for (size_t i : {1u, 2u})
        BOOST_TEST(rows[i].find("<td>Imported</td>") != std::string::npos, rows[i]);
    BOOST_TEST(rows[1].find("contract-register.csv") != std::string::npos, rows[1]);
    BOOST_TEST(rows[2].find("BX-2025-0142_2025-Q3.xlsx") != std::string::npos, rows[2]);
    // What the return fed, and the run that judged it, linked.
    BOOST_TEST(rows[2].find("Contract: <a href=\"/contracts/BX-2025-0142\">BX-2025-0142</a>") != std::string::npos,
               rows[2]);
    BOOST_TEST(rows[2].find("<a href=\"/runs/") != std::string::npos, rows[2]);
    BOOST_TEST(r.body.find("3 files: 1 refused, 2 imported.") != std::string::npos);

    // The store holds the good ones; the bad one is in quarantine; nothing is left behind.
    {
        auto store = s.parts.stores.lease();
        bool judged = false;
        for (const auto& c : store->contract_positions()) judged = judged || c.outcome.contract_id == "BX-2025-0142";
        BOOST_TEST(judged, "BX-2025-0142 is not among the stored contracts");
    }
    BOOST_TEST(fs::exists(fs::path(s.f.config.processed) / "contract-register.csv"));
    BOOST_TEST(fs::exists(fs::path(s.f.config.processed) / "BX-2025-0142_2025-Q3.xlsx"));
    BOOST_TEST(fs::exists(fs::path(s.f.config.quarantine) / "broken.xlsx"));
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty());

    // The same files again: the good ones are already imported, the bad one refused again.
    r = post_upload(s, cookie, csrf, two_good_one_bad());
    REQUIRE_STATUS(r, 200);
    const std::vector<std::string> again = result_rows(r.body);
    BOOST_REQUIRE_MESSAGE(again.size() == 3u, r.body);
    BOOST_TEST(again[0].find("<td>Refused</td>") != std::string::npos, again[0]);
    for (size_t i : {1u, 2u})
        BOOST_TEST(again[i].find("<td>Already imported</td>") != std::string::npos, again[i]);
    BOOST_TEST(r.body.find("3 files: 1 refused, 2 already imported.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_post_without_the_csrf_token_or_from_another_site_is_refused) {
    Server s("upload_page_csrf");
    const auto [cookie, csrf] = officer_form(s);
    const std::vector<NamedBytes> files{{"contract-register.csv", Server::sample_bytes("register/contract-register.csv")}};

    HttpReply r = post_upload(s, cookie, "", files);
    REQUIRE_STATUS(r, 403);
    BOOST_TEST(r.body.find("did not come from this site") != std::string::npos);
    r = post_upload(s, cookie, std::string(64, '0'), files);
    REQUIRE_STATUS(r, 403);

    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.set(service::pages::kCsrfField, csrf);
    form.addPart("files", new Poco::Net::StringPartSource(files[0].bytes, "text/csv", files[0].name));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/upload", Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Cookie", cookie);
    req.set("Origin", "https://evil.example");
    form.prepareSubmit(req, Poco::Net::HTMLForm::OPT_USE_CONTENT_LENGTH);
    r = s.http.send(req, [&](std::ostream& out) { form.write(out); });
    REQUIRE_STATUS(r, 403);
    BOOST_TEST(r.body.find("posted from another site") != std::string::npos);

    // Nothing reached the inbox, the intake or the store.
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty());
    BOOST_TEST(Server::files_in(s.f.config.processed).empty());
    BOOST_TEST(s.parts.stores.lease()->contract_positions().empty());
}

BOOST_AUTO_TEST_CASE(too_large_or_no_file_is_the_form_again_with_the_reason) {
    Server s("upload_page_limits", [](service::ServiceConfig& c) { c.max_body_bytes = 1u << 20; });
    const auto [cookie, csrf] = officer_form(s);

    // Found too large while reading it (chunked; a browser's Content-Length says so at once).
    HttpReply r = post_upload(s, cookie, csrf, {{"big.csv", std::string((1u << 20) + 1000, 'x')}}, true);
    REQUIRE_STATUS(r, 413);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(r.body.find("id=\"files-error\"") != std::string::npos, r.body);
    BOOST_TEST(r.body.find("more than the limit of 1 MB") != std::string::npos, r.body);
    BOOST_TEST(r.body.find("nothing was stored") != std::string::npos);
    BOOST_TEST(r.body.find("aria-describedby=\"files-hint files-error\" aria-invalid=\"true\"") != std::string::npos);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty());

    // The form sent with no file chosen (a browser sends the part "files" with an empty filename).
    r = post_upload(s, cookie, csrf, {{"", ""}});
    REQUIRE_STATUS(r, 400);
    BOOST_TEST(r.body.find("Choose at least one file to upload.") != std::string::npos, r.body);
}

BOOST_AUTO_TEST_SUITE_END()
