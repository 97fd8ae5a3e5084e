// The HTTP API in-process: a real ApiServer over a real Intake and SQLite store, talked to
// over loopback with Poco's HTTP client. Access, uploads (raw and multipart), refusals,
// reading, path safety, the auditors' page and concurrent uploads.

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/api_json.hpp"
#include "service/api_server.hpp"
#include "service/pages/portfolio.hpp"
#include "service/http_api.hpp"
#include "service/http_client.hpp"
#include "service/service_fixture.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::HttpClient;
using fairgate::test::HttpReply;
using fairgate::test::Server;
using fairgate::test::ServiceFixture;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string url_encode(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "?#[]@!$&'()*+,;=%/ ", out);
    return out;
}

size_t count_of(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

/// The auditors' page's table rows: contract id (the first cell's text) -> the row's class.
std::map<std::string, std::string> page_rows(const std::string& html) {
    std::map<std::string, std::string> rows;
    const std::string open = "<tr class=\"";
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
        const size_t cls_end = html.find('"', at + open.size());
        const size_t row_end = html.find("</tr>", at);
        size_t cell = html.find('>', html.find("<t", cls_end));  // first <td> or <th>
        if (html.compare(cell + 1, 3, "<a ") == 0) cell = html.find('>', cell + 1);  // its text, in a link
        const size_t cell_end = html.find('<', cell + 1);
        if (cls_end == std::string::npos || row_end == std::string::npos || cell_end > row_end) continue;
        rows[html.substr(cell + 1, cell_end - cell - 1)] = html.substr(at + open.size(), cls_end - at - open.size());
    }
    return rows;
}

bool is_rag(const std::string& s) { return s == "red" || s == "amber" || s == "green"; }

/// The "error" object of a JSON error answer, checked for shape.
Object::Ptr error_of(const HttpReply& r) {
    Object::Ptr o = r.json();
    BOOST_REQUIRE_MESSAGE(o->has("error"), "no \"error\" in " << r.describe());
    Object::Ptr e = o->getObject("error");
    BOOST_REQUIRE(e);
    BOOST_TEST(e->getValue<int>("status") == r.status);
    BOOST_TEST(!e->getValue<std::string>("message").empty());
    BOOST_TEST(r.header("Content-Type").rfind("application/json", 0) == 0u);
    return e;
}

// Each evaluates `reply` (often a request) once.
#define CHECK_STATUS(reply, code)                                    \
    do {                                                             \
        const HttpReply checked_reply_ = (reply);                    \
        BOOST_TEST(checked_reply_.status == (code), checked_reply_.describe()); \
    } while (0)
#define REQUIRE_STATUS(reply, code)                                  \
    do {                                                             \
        const HttpReply checked_reply_ = (reply);                    \
        BOOST_REQUIRE_MESSAGE(checked_reply_.status == (code), checked_reply_.describe()); \
    } while (0)

/// The contracts list of GET /api/v1/contracts[query].
Array::Ptr contracts_list(const Server& s, const std::string& query = "") {
    const HttpReply r = s.http.get("/api/v1/contracts" + query, s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    Array::Ptr list = r.json()->getArray("contracts");
    BOOST_REQUIRE(list);
    return list;
}

/// The judged contracts and their status, by id.
std::map<std::string, std::string> statuses(const Array::Ptr& list) {
    std::map<std::string, std::string> out;
    for (size_t i = 0; i < list->size(); ++i) {
        Object::Ptr c = list->getObject(static_cast<unsigned>(i));
        out[c->getValue<std::string>("id")] = c->getValue<std::string>("status");
    }
    return out;
}

/// Imports the register and a few returns that judge differently (clean, late, warnings,
/// a CSV export, a living wage failure).
void import_portfolio(const Server& s) {
    REQUIRE_STATUS(s.upload_sample("register/contract-register.csv"), 201);
    for (const char* q : {"quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx",
                          "quarterly/BX-2025-0151/BX-2025-0151_2026-Q1.xlsx",
                          "quarterly/BX-2025-0199/BX-2025-0199_2026-Q2.xlsx",
                          "quarterly/BX-2025-0170/kentish-environmental-export-2025-Q3-to-2026-Q2.csv"}) {
        REQUIRE_STATUS(s.upload_sample(q, true), 201);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_api)

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(access_needs_a_token_with_the_right_role) {
    Server s("http_access");

    // No token: 401, JSON, a Bearer challenge.
    HttpReply r = s.http.get("/api/v1/contracts");
    CHECK_STATUS(r, 401);
    BOOST_TEST(r.header("WWW-Authenticate") == "Bearer");
    error_of(r);

    // A token nobody holds: 401 too, saying so.
    r = s.http.get("/api/v1/contracts", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    CHECK_STATUS(r, 401);
    BOOST_TEST(r.header("WWW-Authenticate") == "Bearer");
    BOOST_TEST(error_of(r)->getValue<std::string>("message").find("not one this service knows") != std::string::npos);

    // A known token with a scheme other than Bearer is not accepted.
    r = s.http.get("/api/v1/contracts", "", {{"Authorization", "Basic " + s.f.auditor_token}});
    CHECK_STATUS(r, 401);

    // Each role reads.
    for (const auto* token : {&s.f.auditor_token, &s.f.officer_token, &s.f.admin_token})
        CHECK_STATUS(s.http.get("/api/v1/contracts", *token), 200);

    // Only an admin may ask for a full re-judgement.
    CHECK_STATUS(s.http.request("POST", "/api/v1/runs", s.f.officer_token), 403);
    CHECK_STATUS(s.http.request("POST", "/api/v1/runs", s.f.auditor_token), 403);
    r = s.http.request("POST", "/api/v1/runs", s.f.admin_token);
    CHECK_STATUS(r, 202);

    // An auditor may not upload; nothing reaches the inbox.
    r = s.http.upload_raw("Q2-return.csv", "a,b\n1,2\n", s.f.auditor_token);
    CHECK_STATUS(r, 403);
    BOOST_TEST(error_of(r)->getValue<std::string>("message").find("auditor") != std::string::npos);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(s.f.db->count("files") == 0);

    // /healthz is open.
    r = s.http.get("/healthz");
    CHECK_STATUS(r, 200);
    BOOST_TEST(r.json()->getValue<std::string>("status") == "ok");
    BOOST_TEST(r.json()->getValue<std::string>("store") == "ok");

    // /metrics is not.
    r = s.http.get("/metrics");
    CHECK_STATUS(r, 401);
    BOOST_TEST(r.header("WWW-Authenticate") == "Bearer");
    r = s.http.get("/metrics", s.f.auditor_token);
    CHECK_STATUS(r, 200);
    BOOST_TEST(r.header("Content-Type").rfind("text/plain", 0) == 0u);
    BOOST_TEST(r.body.find("fairgate_files_total{status=\"imported\"} 0") != std::string::npos, r.body);
    BOOST_TEST(r.body.find("fairgate_http_requests_total") != std::string::npos);

    // Unknown paths are 404 for a signed-in reader.
    r = s.http.get("/api/v1/nothing-here", s.f.auditor_token);
    CHECK_STATUS(r, 404);
    error_of(r);
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(upload_imports_judges_moves_and_spots_duplicates) {
    Server s("http_upload");

    // The register, as a raw body.
    HttpReply r = s.upload_sample("register/contract-register.csv");
    REQUIRE_STATUS(r, 201);
    Object::Ptr file = r.json()->getObject("file");
    BOOST_TEST(file->getValue<std::string>("status") == "imported");
    BOOST_TEST(file->getValue<std::string>("name") == "contract-register.csv");
    BOOST_TEST(!file->getValue<std::string>("format").empty());
    BOOST_TEST(file->getValue<std::string>("sha256").size() == 64u);
    const std::string register_run = r.json()->getValue<std::string>("run");
    BOOST_TEST(!register_run.empty());
    BOOST_TEST(fs::exists(fs::path(s.f.config.processed) / "contract-register.csv"));

    // A quarterly return for a contract in the register, as multipart/form-data.
    const std::string rel = "quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx";
    const std::string bytes = Server::sample_bytes(rel);
    r = s.http.upload_multipart("BX-2025-0142_2025-Q3.xlsx", bytes, s.f.officer_token);
    REQUIRE_STATUS(r, 201);
    Object::Ptr o = r.json();
    BOOST_TEST(o->getObject("file")->getValue<std::string>("status") == "imported");
    BOOST_TEST(o->getObject("file")->getValue<uint64_t>("size") == bytes.size());
    const std::string return_run = o->getValue<std::string>("run");
    BOOST_TEST(return_run != register_run);
    Array::Ptr contracts = o->getArray("contracts");
    bool found = false;
    for (size_t i = 0; i < contracts->size(); ++i) {
        Object::Ptr c = contracts->getObject(static_cast<unsigned>(i));
        if (c->getValue<std::string>("id") != "BX-2025-0142") continue;
        found = true;
        BOOST_TEST(is_rag(c->getValue<std::string>("status")), c->getValue<std::string>("status"));
        BOOST_TEST(c->getValue<std::string>("workbook") == "/api/v1/contracts/BX-2025-0142/workbook");
    }
    BOOST_TEST(found, "BX-2025-0142 not among the contracts of the upload: " << r.body.substr(0, 400));
    Array::Ptr findings = o->getArray("findings");
    BOOST_REQUIRE(findings);
    BOOST_TEST(findings->size() > 0u);
    std::set<std::string> rules;
    for (size_t i = 0; i < findings->size(); ++i) {
        Object::Ptr fd = findings->getObject(static_cast<unsigned>(i));
        BOOST_TEST(!fd->getValue<std::string>("rule").empty());
        rules.insert(fd->getValue<std::string>("rule"));
    }
    BOOST_TEST(std::any_of(rules.begin(), rules.end(), [](const std::string& id) { return id.rfind("QTR-", 0) == 0; }),
               "no quarterly rule among " << rules.size() << " rules");

    // The file moved from the inbox to processed/; nothing left behind (no .part files).
    BOOST_TEST(fs::exists(fs::path(s.f.config.processed) / "BX-2025-0142_2025-Q3.xlsx"));
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(test::read_bytes((fs::path(s.f.config.processed) / "BX-2025-0142_2025-Q3.xlsx").string()) == bytes);

    // The same bytes under another name: a duplicate, 200, no new file row.
    const long files_before = s.f.db->count("files");
    BOOST_TEST(files_before == 2);
    r = s.http.upload_raw("copy of the Q3 return.xlsx", bytes, s.f.officer_token);
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.json()->getObject("file")->getValue<std::string>("status") == "duplicate");
    const std::string dup_run = r.json()->getValue<std::string>("run");
    BOOST_TEST(s.f.db->count("files") == files_before);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));

    // The runs: all three, newest first.
    r = s.http.get("/api/v1/runs", s.f.officer_token);
    REQUIRE_STATUS(r, 200);
    Array::Ptr runs = r.json()->getArray("runs");
    std::vector<std::string> ids;
    for (size_t i = 0; i < runs->size(); ++i)
        ids.push_back(runs->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    BOOST_TEST(ids.size() == 3u, join(ids));
    if (ids.size() == 3u) {
        BOOST_TEST(ids[0] == dup_run);
        BOOST_TEST(ids[1] == return_run);
        BOOST_TEST(ids[2] == register_run);
    }

    // The metrics count what happened.
    r = s.http.get("/metrics", s.f.officer_token);
    BOOST_TEST(r.body.find("fairgate_files_total{status=\"imported\"} 2") != std::string::npos, r.body);
    BOOST_TEST(r.body.find("fairgate_files_total{status=\"duplicate\"} 1") != std::string::npos, r.body);
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(bad_uploads_are_refused_with_reasons) {
    Server s("http_bad_uploads");

    // Garbage named as a workbook: 422, named in the message, kept in quarantine with a reason.
    HttpReply r = s.http.upload_raw("x.xlsx", std::string(4000, 'z') + "this is not a zip file", s.f.officer_token);
    CHECK_STATUS(r, 422);
    {
        Object::Ptr e = error_of(r);
        BOOST_TEST(e->getValue<std::string>("message").find("x.xlsx") != std::string::npos,
                   e->getValue<std::string>("message"));
        BOOST_TEST(r.json()->getObject("file")->getValue<std::string>("status") == "quarantined");
    }
    BOOST_TEST(fs::exists(fs::path(s.f.config.quarantine) / "x.xlsx"), join(Server::files_in(s.f.config.quarantine)));
    BOOST_TEST(fs::exists(fs::path(s.f.config.quarantine) / "x.xlsx.reason.txt"));
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));

    // Too large, announced by Content-Length: refused before the body is read.
    {
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/returns?filename=big.csv",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Authorization", "Bearer " + s.f.officer_token);
        req.setContentType("text/csv");
        req.setContentLength64(s.f.config.max_body_bytes + 1);
        r = s.http.send(req);  // no body written: the server must answer from the header alone
        CHECK_STATUS(r, 413);
        BOOST_TEST(error_of(r)->getValue<std::string>("message").find("2 MB") != std::string::npos);
    }
    // Too large, found while reading a multipart (chunked, no Content-Length) upload.
    {
        const std::string big(s.f.config.max_body_bytes + 1000, 'a');
        r = s.http.upload_multipart("big.csv", big, s.f.officer_token);
        CHECK_STATUS(r, 413);
        BOOST_TEST(Server::files_in(s.f.config.inbox).empty(),
                   "left in the inbox after a refused upload: " << join(Server::files_in(s.f.config.inbox)));
    }
    // Exactly at the limit is not too large (it is refused later, as an unknown file, not 413).
    {
        r = s.http.upload_raw("at-limit.csv", std::string(s.f.config.max_body_bytes, 'b'), s.f.officer_token);
        BOOST_TEST(r.status != 413, r.describe());
    }

    // A raw body with no name.
    r = s.http.request("POST", "/api/v1/returns", s.f.officer_token, "a,b\n1,2\n", "text/csv");
    CHECK_STATUS(r, 400);
    BOOST_TEST(error_of(r)->getValue<std::string>("message").find("filename") != std::string::npos);
    // A multipart body without a file part.
    {
        Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
        form.set("comment", "no file here");
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/returns",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Authorization", "Bearer " + s.f.officer_token);
        form.prepareSubmit(req);
        r = s.http.send(req, [&](std::ostream& out) { form.write(out); });
        CHECK_STATUS(r, 400);
    }

    // The wrong method.
    r = s.http.get("/api/v1/returns", s.f.officer_token);
    CHECK_STATUS(r, 405);
    error_of(r);
    // RFC 9110 15.5.6: a 405 answer MUST carry an Allow header (soft check, reported).
    BOOST_TEST(r.has_header("Allow"), "405 for GET /api/v1/returns names the methods it takes");
    CHECK_STATUS(s.http.request("DELETE", "/api/v1/contracts", s.f.admin_token), 405);

    // No upload left a stray file in the inbox.
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(reading_contracts_runs_and_workbooks) {
    Server s("http_reading");
    import_portfolio(s);

    // The list: every contract with a RAG status.
    Array::Ptr all = contracts_list(s);
    const auto status = statuses(all);
    BOOST_TEST(all->size() >= 5u);
    BOOST_TEST(status.count("BX-2025-0142") == 1u);
    std::map<std::string, size_t> by_status, by_area;
    for (size_t i = 0; i < all->size(); ++i) {
        Object::Ptr c = all->getObject(static_cast<unsigned>(i));
        BOOST_TEST(is_rag(c->getValue<std::string>("status")), c->getValue<std::string>("id"));
        BOOST_TEST(!c->getValue<std::string>("title").empty());
        ++by_status[c->getValue<std::string>("status")];
        ++by_area[c->getValue<std::string>("service_area")];
    }
    BOOST_TEST(by_status["red"] > 0u, "no red contract in the sample portfolio");

    // ?status=red: only red ones, all of them.
    Array::Ptr red = contracts_list(s, "?status=red");
    BOOST_TEST(red->size() == by_status["red"]);
    for (size_t i = 0; i < red->size(); ++i)
        BOOST_TEST(red->getObject(static_cast<unsigned>(i))->getValue<std::string>("status") == "red");
    HttpReply r = s.http.get("/api/v1/contracts?status=purple", s.f.auditor_token);
    CHECK_STATUS(r, 400);
    error_of(r);

    // ?service_area=: the area of BX-2025-0142 (Adult Social Care, with a space to encode).
    std::string area;
    for (size_t i = 0; i < all->size(); ++i)
        if (all->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == "BX-2025-0142")
            area = all->getObject(static_cast<unsigned>(i))->getValue<std::string>("service_area");
    BOOST_REQUIRE(!area.empty());
    Array::Ptr in_area = contracts_list(s, "?service_area=" + url_encode(area));
    BOOST_TEST(in_area->size() == by_area[area]);
    BOOST_TEST(in_area->size() < all->size());
    for (size_t i = 0; i < in_area->size(); ++i)
        BOOST_TEST(in_area->getObject(static_cast<unsigned>(i))->getValue<std::string>("service_area") == area);
    BOOST_TEST(contracts_list(s, "?service_area=" + url_encode("No Such Area"))->size() == 0u);

    // One contract, with its findings in detail.
    r = s.http.get("/api/v1/contracts/BX-2025-0142", s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.json()->getValue<std::string>("id") == "BX-2025-0142");
    Array::Ptr detail = r.json()->getArray("findings_detail");
    BOOST_REQUIRE(detail);
    BOOST_TEST(detail->size() > 0u);
    BOOST_TEST(!detail->getObject(0)->getValue<std::string>("rule").empty());
    r = s.http.get("/api/v1/contracts/NOPE", s.f.auditor_token);
    CHECK_STATUS(r, 404);
    BOOST_TEST(error_of(r)->getValue<std::string>("message").find("NOPE") != std::string::npos);

    // Its workbook: the very bytes the run wrote under out/.
    r = s.http.get("/api/v1/contracts/BX-2025-0142/workbook", s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.header("Content-Type") == kXlsx);
    const std::string disposition = r.header("Content-Disposition");
    const std::string prefix = "attachment; filename=\"", suffix = "compliance.xlsx\"";
    BOOST_TEST(disposition.rfind(prefix, 0) == 0u, disposition);
    BOOST_TEST(disposition.size() > prefix.size() + suffix.size());
    BOOST_TEST(disposition.compare(disposition.size() - suffix.size(), suffix.size(), suffix) == 0, disposition);
    BOOST_TEST(r.body.substr(0, 2) == "PK");
    const std::string name = disposition.substr(prefix.size(), disposition.size() - prefix.size() - 1);
    std::vector<fs::path> on_disk;
    for (const auto& e : fs::recursive_directory_iterator(s.f.config.out))
        if (e.is_regular_file() && e.path().filename() == name) on_disk.push_back(e.path());
    BOOST_REQUIRE_MESSAGE(on_disk.size() == 1u, on_disk.size() << " files named " << name << " under out/");
    BOOST_TEST((test::read_bytes(on_disk[0].string()) == r.body), "the served workbook differs from " << on_disk[0]);

    // Runs: newest first, then one in detail.
    r = s.http.get("/api/v1/runs", s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    Array::Ptr runs = r.json()->getArray("runs");
    BOOST_TEST(runs->size() == 5u);
    for (size_t i = 1; i < runs->size(); ++i) {
        Object::Ptr newer = runs->getObject(static_cast<unsigned>(i - 1)), older = runs->getObject(static_cast<unsigned>(i));
        BOOST_TEST(newer->getValue<std::string>("started_at") >= older->getValue<std::string>("started_at"));
        BOOST_TEST(newer->getValue<std::string>("id") > older->getValue<std::string>("id"));
        BOOST_TEST(!newer->has("files"));  // the list leaves details out
    }
    r = s.http.get("/api/v1/runs?limit=2", s.f.auditor_token);
    BOOST_TEST(r.json()->getArray("runs")->size() == 2u);
    CHECK_STATUS(s.http.get("/api/v1/runs?limit=lots", s.f.auditor_token), 400);

    const std::string newest = runs->getObject(0)->getValue<std::string>("id");
    r = s.http.get("/api/v1/runs/" + newest, s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    Object::Ptr run = r.json();
    BOOST_TEST(run->getValue<std::string>("id") == newest);
    BOOST_TEST(run->getValue<std::string>("status") == "completed");
    Array::Ptr files = run->getArray("files");
    BOOST_REQUIRE(files);
    BOOST_TEST(files->size() == 1u);
    if (files->size() == 1u)
        BOOST_TEST(files->getObject(0)->getValue<std::string>("name") ==
                   "kentish-environmental-export-2025-Q3-to-2026-Q2.csv");
    Array::Ptr run_contracts = run->getArray("contracts");
    BOOST_REQUIRE(run_contracts);
    BOOST_TEST(statuses(run_contracts).count("BX-2025-0170") == 1u);
    BOOST_TEST(run->has("findings_by_rule"));

    r = s.http.get("/api/v1/runs/nope", s.f.auditor_token);
    CHECK_STATUS(r, 404);
    error_of(r);
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(paths_cannot_escape_the_output_folder) {
    Server s("http_paths");
    REQUIRE_STATUS(s.upload_sample("register/contract-register.csv"), 201);
    for (const char* bid : {"bexley-care-partnership.xlsx", "carewell-group.xlsx", "crayford-community-care.xlsx",
                            "thameside-homecare.xlsx"})
        REQUIRE_STATUS(s.upload_sample(std::string("tenders/BX-T-2025-014/") + bid), 201);

    // A file outside out/ that a traversal would reach: it must never be served.
    const std::string secret = "SECRET-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    std::ofstream((s.f.dir / "secret.xlsx").string()) << secret;

    for (const char* uri : {"/api/v1/contracts/..%2F..%2Fetc%2Fpasswd/workbook",
                            "/api/v1/tenders/..%2F..%2F..%2Fetc/comparison",
                            "/api/v1/tenders/..%2F..%2F..%2Fetc%2Fpasswd/comparison",
                            "/api/v1/tenders/..%2F..%2Fsecret.xlsx/comparison",
                            "/api/v1/tenders/../../../etc/comparison",
                            "/api/v1/tenders/%2E%2E/comparison",
                            "/api/v1/tenders/BX-T-2025-014%00/comparison",
                            "/api/v1/contracts/%2Fetc%2Fpasswd/workbook",
                            "/api/v1/tenders/%2Fetc%2Fpasswd/comparison"}) {
        const HttpReply r = s.http.get(uri, s.f.auditor_token);
        BOOST_TEST(r.status == 404, uri << ": " << r.describe());
        BOOST_TEST(r.body.find("root:") == std::string::npos, uri);
        BOOST_TEST(r.body.find(secret) == std::string::npos, uri);
        BOOST_TEST(r.body.substr(0, 2) != "PK", uri);
    }

    // The comparison of a tender whose bids are in: a workbook.
    HttpReply r = s.http.get("/api/v1/tenders/BX-T-2025-014/comparison", s.f.auditor_token);
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.header("Content-Type") == kXlsx);
    BOOST_TEST(r.header("Content-Disposition").find("BX-T-2025-014") != std::string::npos,
               r.header("Content-Disposition"));
    BOOST_TEST(r.body.substr(0, 2) == "PK");
    BOOST_TEST(r.body.size() > 1000u);
    // A tender with no bids in: 404.
    CHECK_STATUS(s.http.get("/api/v1/tenders/BX-T-2025-021/comparison", s.f.auditor_token), 404);
    // Reading still needs a token.
    CHECK_STATUS(s.http.get("/api/v1/tenders/BX-T-2025-014/comparison"), 401);
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(auditors_page_with_cookie_sign_in) {
    Server s("http_page");
    // The register with a title that is markup, then returns that judge differently.
    std::string reg = Server::sample_bytes("register/contract-register.csv");
    const std::string title = "Home Care and Reablement Services, North Bexley";
    const size_t at = reg.find(title);
    BOOST_REQUIRE(at != std::string::npos);
    // (Inside a quoted CSV field: quotes doubled.)
    reg.replace(at, title.size(), "<script>alert(1)</script> Home Care & \"\"Reablement\"\"");
    REQUIRE_STATUS(s.http.upload_raw("contract-register.csv", reg, s.f.officer_token), 201);
    for (const char* q : {"quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx",
                          "quarterly/BX-2025-0151/BX-2025-0151_2026-Q1.xlsx"})
        REQUIRE_STATUS(s.upload_sample(q), 201);

    // Not signed in: to the sign-in page.
    HttpReply r = s.http.get("/");
    CHECK_STATUS(r, 303);
    BOOST_TEST(r.header("Location") == "/login");
    r = s.http.get("/login");
    CHECK_STATUS(r, 200);
    BOOST_TEST(r.body.find("name=\"token\"") != std::string::npos);

    // A wrong token: the form again (its CSRF token still good), no cookie.
    const test::SignInForm form = test::get_sign_in_form(s);
    r = test::post_sign_in(s, form, "wrong", {{"Origin", s.origin()}});
    CHECK_STATUS(r, 401);
    BOOST_TEST(r.all("Set-Cookie").empty());
    BOOST_TEST(test::csrf_field(r.body) == form.csrf);

    // Signing in (the cookie itself: test_sign_in.cpp).
    r = test::post_sign_in(s, form, s.f.auditor_token, {{"Origin", s.origin()}});
    CHECK_STATUS(r, 303);
    BOOST_TEST(r.header("Location") == "/");
    const std::string cookie = test::cookie_set(r, "fairgate_session");
    BOOST_REQUIRE(!cookie.empty());

    // The page: one row per judged contract, each linking to its workbook.
    const auto judged = statuses(contracts_list(s));
    BOOST_REQUIRE(!judged.empty());
    r = s.http.get("/", "", {{"Cookie", cookie}});
    REQUIRE_STATUS(r, 200);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(r.header("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    BOOST_TEST(count_of(r.body, "<tr class=\"") == judged.size());
    for (const auto& [id, st] : judged) {
        BOOST_TEST(r.body.find("href=\"/api/v1/contracts/" + id + "/workbook\"") != std::string::npos, id);
        BOOST_TEST(page_rows(r.body)[id] == st, id << " should be a row of class " << st);
    }
    BOOST_TEST(r.body.find("auditor-1") != std::string::npos);  // who is signed in
    // The title was escaped.
    BOOST_TEST(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Home Care &amp; &quot;Reablement&quot;") !=
               std::string::npos);
    BOOST_TEST(r.body.find("<script") == std::string::npos);

    // Filtered by status: only those rows.
    std::map<std::string, size_t> counts;
    for (const auto& [id, st] : judged) ++counts[st];
    for (const char* st : {"green", "amber", "red"}) {
        r = s.http.get(std::string("/?status=") + st, "", {{"Cookie", cookie}});
        REQUIRE_STATUS(r, 200);
        BOOST_TEST(count_of(r.body, "<tr class=\"") == counts[st], st);
        BOOST_TEST(count_of(r.body, std::string("<tr class=\"") + st + "\"") == counts[st], st);
    }
    BOOST_TEST(counts["green"] + counts["amber"] + counts["red"] == judged.size());

    // Each row links to the page of the run that judged it: the run's files, with what
    // became of each, and its contracts with their workbooks.
    r = s.http.get("/", "", {{"Cookie", cookie}});
    const size_t link = r.body.find("href=\"/runs/");
    BOOST_REQUIRE(link != std::string::npos);
    const std::string run_path = r.body.substr(link + 6, r.body.find('"', link + 6) - (link + 6));
    const std::string run_id = run_path.substr(6);
    HttpReply run = s.http.get(run_path, "", {{"Cookie", cookie}});
    REQUIRE_STATUS(run, 200);
    BOOST_TEST(run.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(run.body.find("<h1>Run " + run_id + "</h1>") != std::string::npos);
    BOOST_TEST(run.body.find("href=\"/api/v1/runs/" + run_id + "\"") != std::string::npos);
    // It agrees with the run's JSON: the same files and contracts.
    HttpReply json = s.http.get("/api/v1/runs/" + run_id, s.f.auditor_token);
    REQUIRE_STATUS(json, 200);
    Object::Ptr record = json.json();
    Array::Ptr run_files = record->getArray("files");
    Array::Ptr run_contracts = record->getArray("contracts");
    BOOST_REQUIRE(run_files->size() > 0u);
    BOOST_REQUIRE(run_contracts->size() > 0u);
    size_t refused = 0;
    for (size_t i = 0; i < run_files->size(); ++i)
        refused += run_files->getObject(static_cast<unsigned>(i))->getValue<std::string>("status") == "quarantined";
    if (refused == 0)
        BOOST_TEST(run.body.find("<caption>" + std::to_string(run_files->size()) + " files read</caption>") !=
                   std::string::npos);
    else
        BOOST_TEST(run.body.find("<caption>" + std::to_string(run_files->size() - refused) + " other files read</caption>") !=
                   std::string::npos);
    for (size_t i = 0; i < run_files->size(); ++i) {
        const std::string name = run_files->getObject(static_cast<unsigned>(i))->getValue<std::string>("name");
        BOOST_TEST(run.body.find("<th scope=\"row\">" + name + "</th>") != std::string::npos, name);
    }
    for (size_t i = 0; i < run_contracts->size(); ++i) {
        const std::string id = run_contracts->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
        BOOST_TEST(run.body.find("href=\"/api/v1/contracts/" + id + "/workbook\"") != std::string::npos, id);
    }
    BOOST_TEST(run.body.find("<script") == std::string::npos);
    // Not signed in: to the sign-in page; a run that does not exist: 404.
    r = s.http.get(run_path);
    CHECK_STATUS(r, 303);
    BOOST_TEST(r.header("Location") == "/login");
    CHECK_STATUS(s.http.get("/runs/20000101T000000.000Z-000000", "", {{"Cookie", cookie}}), 404);

    // The cookie reads the API too (GET), but never uploads.
    CHECK_STATUS(s.http.get("/api/v1/contracts", "", {{"Cookie", cookie}}), 200);
    {
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/returns?filename=r.csv",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Cookie", cookie);
        req.setContentType("text/csv");
        const std::string body = "a,b\n1,2\n";
        req.setContentLength64(body.size());
        r = s.http.send(req, [&](std::ostream& out) { out << body; });
        CHECK_STATUS(r, 401);
    }
    // Even an officer's cookie does not upload.
    const std::string officer_cookie = test::sign_in(s, s.f.officer_token);
    r = s.http.request("POST", "/api/v1/returns?filename=r.csv", "", "a,b\n1,2\n", "text/csv",
                       {{"Cookie", officer_cookie}});
    CHECK_STATUS(r, 401);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));

    // A forged cookie is not signed in.
    r = s.http.get("/", "", {{"Cookie", "fairgate_session=forged"}});
    CHECK_STATUS(r, 303);
    // Signing out (the page's form, with its CSRF token) clears the cookie.
    const std::string csrf = test::csrf_field(s.http.get("/", "", {{"Cookie", cookie}}).body);
    BOOST_REQUIRE(!csrf.empty());
    r = s.http.request("POST", "/logout", "", "csrf=" + csrf, "application/x-www-form-urlencoded",
                       {{"Cookie", cookie}});
    CHECK_STATUS(r, 303);
    BOOST_TEST(r.header("Set-Cookie").find("fairgate_session=;") == 0u, r.header("Set-Cookie"));
}

// A refusal (401, 403, 413) made before the request body has been read must still reach a
// client that sends the whole body whatever the answer (a browser's form POST, `curl -F`):
// the server may stop reading, but the answer must be on the wire first.
BOOST_AUTO_TEST_CASE(refusals_before_the_body_reach_the_client) {
    Server s("http_early_refusal");
    const std::string xlsx = Server::sample_bytes("quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx");
    auto raw_post = [](const std::string& extra_headers, const std::string& body) {
        return "POST /api/v1/returns?filename=r.xlsx HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
               "Content-Type: application/octet-stream\r\nContent-Length: " + std::to_string(body.size()) +
               "\r\n\r\n" + body;
    };
    struct Attempt {
        std::string what;
        int expected;
        std::string request;
    };
    const std::vector<Attempt> attempts = {
        {"a 7 KB workbook with an officer's page session and no token", 401,
         raw_post("Cookie: " + test::sign_in(s, s.f.officer_token) + "\r\n", xlsx)},
        {"a 7 KB workbook with an auditor's token", 403,
         raw_post("Authorization: Bearer " + s.f.auditor_token + "\r\n", xlsx)},
        {"a 1 MB body with an unknown token", 401,
         raw_post("Authorization: Bearer not-a-token\r\n", std::string(1u << 20, 'x'))},
        {"a 3 MB body over the 2 MB limit", 413,
         raw_post("Authorization: Bearer " + s.f.officer_token + "\r\n", std::string(3u << 20, 'x'))},
    };
    for (const auto& a : attempts) {
        for (int i = 0; i < 3; ++i) {
            std::string write_error;
            const HttpReply r = s.http.exchange(a.request, &write_error);
            BOOST_TEST(r.status == a.expected,
                       a.what << ": " << r.describe() << (write_error.empty() ? "" : "; the write failed: ")
                              << write_error);
            // The server closes without draining the rest of the body; now and then the reset that
            // causes cuts the answer's body short on the client (RFC 9112 9.6 "lingering close").
            if (r.status == a.expected)
                BOOST_WARN_MESSAGE(r.body.find("{\"error\":{\"status\":" + std::to_string(a.expected)) == 0u,
                                   a.what << ": the answer's body was cut short: \"" << r.body << "\"");
        }
    }
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(s.f.db->count("files") == 0);
}

// The status line's reason phrase matches the status code.
BOOST_AUTO_TEST_CASE(status_lines_carry_their_reason_phrase) {
    Server s("http_reason");
    struct Case {
        const char* what;
        HttpReply reply;
    };
    const std::vector<Case> cases = {
        {"GET /api/v1/contracts without a token", s.http.get("/api/v1/contracts")},
        {"POST /api/v1/returns as an auditor", s.http.upload_raw("r.csv", "a\n", s.f.auditor_token)},
        {"GET /api/v1/contracts/NOPE", s.http.get("/api/v1/contracts/NOPE", s.f.auditor_token)},
        {"GET /api/v1/returns", s.http.get("/api/v1/returns", s.f.officer_token)},
        {"GET /api/v1/contracts?status=purple", s.http.get("/api/v1/contracts?status=purple", s.f.auditor_token)},
        {"POST /login without the form's CSRF token",
         s.http.request("POST", "/login", "", "token=wrong", "application/x-www-form-urlencoded")},
        {"POST /login with a wrong token", test::post_sign_in(s, test::get_sign_in_form(s), "wrong")},
        {"POST /api/v1/returns (register)", s.upload_sample("register/contract-register.csv")},
    };
    for (const auto& c : cases) {
        const std::string want =
            Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(c.reply.status));
        BOOST_TEST(c.reply.reason == want,
                   "SERVICE BUG: " << c.what << " answers \"HTTP/1.1 " << c.reply.status << " " << c.reply.reason
                                   << "\", expected reason \"" << want
                                   << "\" (send_json/send_html in src/service/routes/answers.cpp call"
                                      " response.setStatus(status), which keeps Poco's default reason \"OK\";"
                                      " setStatusAndReason(status) sets both)");
    }
}

// The route table: a resource asked with a method it does not take says which it does (405
// with an Allow header), before any token is looked at; a path that names no resource is
// 404 whatever the method, signed in or not.
BOOST_AUTO_TEST_CASE(each_resource_names_its_methods) {
    Server s("http_methods");
    struct Case {
        const char* method;
        const char* path;
        const char* allow;
    };
    const std::vector<Case> cases = {
        {"POST", "/healthz", "GET"},
        {"DELETE", "/metrics", "GET"},
        {"PUT", "/login", "GET, POST"},
        {"GET", "/logout", "POST"},
        {"POST", "/", "GET"},
        {"POST", "/tenders", "GET"},
        {"POST", "/tenders/BX-T-1", "GET"},
        {"POST", "/runs/R1", "GET"},
        {"GET", "/api/v1/returns", "POST"},
        {"PUT", "/api/v1/contracts", "GET"},
        {"DELETE", "/api/v1/contracts/BX-1", "GET"},
        {"POST", "/api/v1/contracts/BX-1/workbook", "GET"},
        {"POST", "/api/v1/tenders", "GET"},
        {"PATCH", "/api/v1/tenders/BX-T-1", "GET"},
        {"POST", "/api/v1/tenders/BX-T-1/comparison", "GET"},
        {"DELETE", "/api/v1/runs", "GET, POST"},
        {"POST", "/api/v1/runs/R1", "GET"},
    };
    for (const auto& c : cases) {
        const HttpReply r = s.http.request(c.method, c.path);
        BOOST_TEST_CONTEXT(c.method << " " << c.path) {
            BOOST_TEST(r.status == 405, r.describe());
            if (r.status != 405) continue;
            BOOST_TEST(r.header("Allow") == c.allow);
            // The API answers JSON; a page (anything outside /api, /healthz, /metrics) a page.
            const std::string path = c.path;
            if (path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/metrics")
                BOOST_TEST(error_of(r)->getValue<std::string>("message") == std::string("use ") + c.allow + " here");
            else
                BOOST_TEST(r.body.find(std::string("use ") + c.allow + " here (HTTP 405)") != std::string::npos);
        }
    }

    // HEAD is served as GET, without the body, and signed in as GET is.
    HttpReply r = s.http.request("HEAD", "/healthz");
    CHECK_STATUS(r, 200);
    BOOST_TEST(r.body.empty());
    CHECK_STATUS(s.http.request("HEAD", "/api/v1/contracts"), 401);
    CHECK_STATUS(s.http.request("HEAD", "/api/v1/contracts", s.f.auditor_token), 200);

    for (const char* method : {"GET", "POST", "DELETE"}) {
        for (const char* path : {"/api/v1/nothing-here", "/api/v1", "/api", "/api/v1/contracts/BX-1/findings",
                                 "/runs", "/healthz/now", "/tenders/BX-T-1/bids"}) {
            for (const std::string& token : {std::string(), s.f.admin_token}) {
                r = s.http.request(method, path, token);
                BOOST_TEST_CONTEXT(method << " " << path << (token.empty() ? " without a token" : " as an admin")) {
                    BOOST_TEST(r.status == 404, r.describe());
                    const bool page = std::string(path) == "/runs" || std::string(path).rfind("/tenders", 0) == 0;
                    if (r.status == 404 && page)  // a browser's address: a page that says so
                        BOOST_TEST(r.body.find("<h1>Page not found</h1>\n<p>no such resource") != std::string::npos);
                    else if (r.status == 404)
                        BOOST_TEST(error_of(r)->getValue<std::string>("message").find("no such resource") == 0u);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(portfolio_page_escapes_markup) {
    ContractPosition p;
    p.outcome.contract_id = "BX-1\"><b>";
    p.outcome.status = ContractStatus::Red;
    p.title = "<script>alert(1)</script>";
    p.category = "Area <i>";
    p.supplier_name = "A & B 'Ltd'";
    p.run_id = "run<1>";
    const std::string html = service::pages::portfolio_page({p}, {}, test::viewed_by("<who>", "\"><i>csrf"));
    BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    BOOST_TEST(html.find("<script") == std::string::npos);
    BOOST_TEST(html.find("<b>") == std::string::npos);
    BOOST_TEST(html.find("<i>") == std::string::npos);
    BOOST_TEST(html.find("<who>") == std::string::npos);
    BOOST_TEST(html.find("value=\"&quot;&gt;&lt;i&gt;csrf\"") != std::string::npos, "the CSRF token escaped");
    BOOST_TEST(html.find("A &amp; B &#39;Ltd&#39;") != std::string::npos);
    BOOST_TEST(html.find("run&lt;1&gt;") != std::string::npos);
    // The id in the link is percent-encoded, then escaped.
    BOOST_TEST(html.find("/api/v1/contracts/BX-1%22%3E%3Cb%3E/workbook") != std::string::npos);
    // A filter shows matching rows only.
    BOOST_TEST(count_of(service::pages::portfolio_page({p}, {ContractStatus::Green, ""}, test::viewed_by("x")), "<tr class=") == 0u);
    BOOST_TEST(count_of(service::pages::portfolio_page({p}, {ContractStatus::Red, "Area <i>"}, test::viewed_by("x")), "<tr class=") == 1u);
}

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(concurrent_uploads) {
    Server s("http_concurrent");
    REQUIRE_STATUS(s.upload_sample("register/contract-register.csv"), 201);

    // 24 distinct sample returns (XLSX forms and CSV exports), none of them the broken one.
    std::vector<std::string> returns;
    for (const auto& e : fs::recursive_directory_iterator(ServiceFixture::sample("quarterly")))
        if (e.is_regular_file() && e.path().filename().string().find("truncated") == std::string::npos)
            returns.push_back(fs::relative(e.path(), ServiceFixture::sample("")).string());
    std::sort(returns.begin(), returns.end());
    // Spread over contracts: every other file.
    std::vector<std::string> picked;
    for (size_t i = 0; i < returns.size() && picked.size() < 24; i += 2) picked.push_back(returns[i]);
    for (size_t i = 1; i < returns.size() && picked.size() < 24; i += 2) picked.push_back(returns[i]);
    BOOST_REQUIRE(picked.size() == 24u);

    constexpr int kThreads = 8, kEach = 3;
    std::vector<HttpReply> replies(kThreads * kEach);
    std::vector<std::string> errors(kThreads);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            ++ready;
            while (ready < kThreads) std::this_thread::yield();
            try {
                for (int k = 0; k < kEach; ++k) {
                    const size_t i = static_cast<size_t>(t * kEach + k);
                    replies[i] = s.upload_sample(picked[i], (t + k) % 2 == 0);
                }
            } catch (const std::exception& e) {
                errors[static_cast<size_t>(t)] = e.what();
            }
        });
    }
    for (auto& th : threads) th.join();

    for (int t = 0; t < kThreads; ++t) BOOST_TEST(errors[static_cast<size_t>(t)].empty(), errors[static_cast<size_t>(t)]);
    size_t imported = 0;
    for (size_t i = 0; i < replies.size(); ++i) {
        BOOST_TEST((replies[i].status == 201 || replies[i].status == 200), picked[i] << ": " << replies[i].describe());
        if (replies[i].status == 201) ++imported;
        if (replies[i].status == 201 || replies[i].status == 200)
            BOOST_TEST(replies[i].json()->getObject("file")->getValue<std::string>("name") ==
                       fs::path(picked[i]).filename().string());
    }
    BOOST_TEST(imported == 24u);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(Server::files_in(s.f.config.processed).size() == 25u);
    BOOST_TEST(s.f.db->count("files") == 25);
    BOOST_TEST(s.f.intake->queued() == 0u);
    // The service still answers.
    CHECK_STATUS(s.http.get("/healthz"), 200);
}

BOOST_AUTO_TEST_SUITE_END()
