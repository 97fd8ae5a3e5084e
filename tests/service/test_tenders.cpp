// Tenders wherever they should show: GET /api/v1/tenders[/{id}[/workbook]], the answer to an
// uploaded bid, and the auditors' tender pages. A real ApiServer over a real Intake and SQLite
// store, talked to over loopback.

#include <Poco/JSON/Array.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/api_server.hpp"
#include "service/pages/tenders.hpp"
#include "service/http_client.hpp"
#include "service/service_fixture.hpp"

using namespace fairgate;
using fairgate::test::HttpReply;
using fairgate::test::Server;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kLiveTender = "BX-T-2026-031";  // two bidders, no contract yet

#define REQUIRE_REPLY(reply, code)                                                       \
    do {                                                                                 \
        const HttpReply checked_reply_ = (reply);                                        \
        BOOST_REQUIRE_MESSAGE(checked_reply_.status == (code), checked_reply_.describe()); \
    } while (0)

// Best standing first, as ranks go.
int standing_order(const std::string& code) {
    if (code == "can-proceed") return 0;
    if (code == "needs-decision") return 1;
    if (code == "cannot-proceed") return 2;
    BOOST_FAIL("not a standing: " << code);
    return 3;
}

uint64_t total(const Object::Ptr& counts) {
    uint64_t n = 0;
    for (const auto& [outcome, count] : *counts) n += count.convert<uint64_t>();
    return n;
}

// The checks every bidder list must pass: ranks 1..n each once, better standing never ranked
// below worse, and the standing the findings call for.
void check_bidders(const Array::Ptr& bidders, bool with_findings) {
    BOOST_REQUIRE(bidders);
    std::map<uint64_t, std::string> by_rank;
    for (size_t i = 0; i < bidders->size(); ++i) {
        Object::Ptr b = bidders->getObject(static_cast<unsigned>(i));
        const std::string standing = b->getValue<std::string>("standing");
        BOOST_TEST(by_rank.emplace(b->getValue<uint64_t>("rank"), standing).second, "a rank given twice");
        BOOST_TEST(!b->getValue<std::string>("supplier_id").empty());
        BOOST_TEST(total(b->getObject("findings")) > 0u, "a screened bid has findings");
        if (!with_findings) {
            BOOST_TEST(!b->has("findings_detail"));
            continue;
        }
        Array::Ptr detail = b->getArray("findings_detail");
        BOOST_REQUIRE(detail);
        BOOST_TEST(detail->size() == total(b->getObject("findings")));
        bool mandatory_failed = false;
        for (size_t k = 0; k < detail->size(); ++k) {
            Object::Ptr f = detail->getObject(static_cast<unsigned>(k));
            BOOST_TEST(f->getValue<std::string>("stage") == "tender");
            BOOST_TEST(f->optValue<std::string>("supplier", "") == b->getValue<std::string>("supplier_id"));
            mandatory_failed = mandatory_failed || (f->getValue<std::string>("severity") == "mandatory" &&
                                                    f->getValue<std::string>("outcome") == "fail");
        }
        BOOST_TEST((standing == "cannot-proceed") == mandatory_failed, standing);
    }
    BOOST_TEST(by_rank.size() == bidders->size());
    if (!by_rank.empty()) BOOST_TEST(by_rank.begin()->first == 1u);
    if (!by_rank.empty()) BOOST_TEST(by_rank.rbegin()->first == bidders->size());
    int previous = 0;
    for (const auto& [rank, standing] : by_rank) {
        BOOST_TEST(standing_order(standing) >= previous, "rank " << rank << " is " << standing);
        previous = standing_order(standing);
    }
}

std::map<std::string, Object::Ptr> tenders_by_id(const Server& s) {
    const HttpReply r = s.http.get("/api/v1/tenders", s.f.auditor_token);
    REQUIRE_REPLY(r, 200);
    Array::Ptr list = r.json()->getArray("tenders");
    BOOST_REQUIRE(list);
    std::map<std::string, Object::Ptr> out;
    std::string previous;
    for (size_t i = 0; i < list->size(); ++i) {
        Object::Ptr t = list->getObject(static_cast<unsigned>(i));
        const std::string id = t->getValue<std::string>("id");
        BOOST_TEST(previous < id, "tenders are listed in id order");
        previous = id;
        out[id] = t;
    }
    return out;
}

void upload_live_tender(const Server& s) {
    for (const char* bid : {"dinewell-catering.xlsx", "riverside-meals.xlsx"})
        REQUIRE_REPLY(s.upload_sample(std::string("tenders/") + kLiveTender + "/" + bid), 201);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tenders)

BOOST_AUTO_TEST_CASE(an_uploaded_bid_is_answered_with_its_screening) {
    Server s("tenders_upload");
    const HttpReply r = s.upload_sample(std::string("tenders/") + kLiveTender + "/riverside-meals.xlsx");
    REQUIRE_REPLY(r, 201);
    Object::Ptr o = r.json();
    BOOST_TEST(o->getArray("contracts")->size() == 0u, "no contract comes from the tender yet");
    Array::Ptr tenders = o->getArray("tenders");
    BOOST_REQUIRE(tenders);
    BOOST_REQUIRE_EQUAL(tenders->size(), 1u);
    Object::Ptr t = tenders->getObject(0);
    BOOST_TEST(t->getValue<std::string>("id") == kLiveTender);
    BOOST_TEST(t->getValue<uint64_t>("bidder_count") == 1u);
    BOOST_TEST(t->isNull("contract"));
    Array::Ptr bidders = t->getArray("bidders");
    BOOST_REQUIRE_EQUAL(bidders->size(), 1u);
    BOOST_TEST(bidders->getObject(0)->getValue<std::string>("supplier_name").find("Riverside") != std::string::npos,
               r.describe());
    check_bidders(bidders, true);
    BOOST_TEST(bidders->getObject(0)->getArray("findings_detail")->size() > 0u);

    // The second bid's answer holds that bid only, ranked among both.
    const HttpReply second = s.upload_sample(std::string("tenders/") + kLiveTender + "/dinewell-catering.xlsx");
    REQUIRE_REPLY(second, 201);
    Array::Ptr mine = second.json()->getArray("tenders")->getObject(0)->getArray("bidders");
    BOOST_REQUIRE_EQUAL(mine->size(), 1u);
    BOOST_TEST(second.json()->getArray("tenders")->getObject(0)->getValue<uint64_t>("bidder_count") == 2u);
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("supplier_name").find("Dinewell") != std::string::npos);
    const auto rank = mine->getObject(0)->getValue<uint64_t>("rank");
    BOOST_TEST((rank == 1u || rank == 2u));

    // A file that is no bid (a quarterly return) is answered with no tenders.
    REQUIRE_REPLY(s.upload_sample("register/contract-register.csv"), 201);
    const HttpReply q = s.upload_sample("quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx");
    REQUIRE_REPLY(q, 201);
    BOOST_TEST(q.json()->getArray("tenders")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(tenders_api_lists_screens_and_serves_workbooks) {
    Server s("tenders_api");
    // Before any bid: an empty list, and 404 for a tender.
    BOOST_TEST(tenders_by_id(s).empty());
    REQUIRE_REPLY(s.http.get(std::string("/api/v1/tenders/") + kLiveTender, s.f.auditor_token), 404);

    REQUIRE_REPLY(s.upload_sample("register/contract-register.csv"), 201);
    for (const char* bid : {"bexley-care-partnership.xlsx", "carewell-group.xlsx", "crayford-community-care.xlsx",
                            "thameside-homecare.xlsx"})
        REQUIRE_REPLY(s.upload_sample(std::string("tenders/BX-T-2025-014/") + bid), 201);
    upload_live_tender(s);

    auto list = tenders_by_id(s);
    BOOST_REQUIRE(list.count("BX-T-2025-014"));
    BOOST_REQUIRE(list.count(kLiveTender));
    Object::Ptr awarded = list["BX-T-2025-014"];
    BOOST_TEST(awarded->getValue<std::string>("contract") == "BX-2025-0142");
    BOOST_TEST(awarded->getValue<uint64_t>("bidder_count") == 4u);
    check_bidders(awarded->getArray("bidders"), false);
    Object::Ptr live = list[kLiveTender];
    BOOST_TEST(live->isNull("contract"));
    BOOST_TEST(live->getValue<uint64_t>("bidder_count") == 2u);
    BOOST_TEST(live->getValue<std::string>("workbook") == std::string("/api/v1/tenders/") + kLiveTender + "/workbook");
    check_bidders(live->getArray("bidders"), false);

    // One tender: the same, with every bid's findings.
    HttpReply r = s.http.get(std::string("/api/v1/tenders/") + kLiveTender, s.f.auditor_token);
    REQUIRE_REPLY(r, 200);
    Object::Ptr one = r.json();
    BOOST_TEST(one->getValue<std::string>("id") == kLiveTender);
    check_bidders(one->getArray("bidders"), true);
    r = s.http.get("/api/v1/tenders/BX-T-2025-014", s.f.auditor_token);
    REQUIRE_REPLY(r, 200);
    check_bidders(r.json()->getArray("bidders"), true);

    // Unknown: a JSON 404.
    r = s.http.get("/api/v1/tenders/BX-T-1999-000", s.f.auditor_token);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").rfind("application/json", 0) == 0u);
    BOOST_TEST(r.json()->getObject("error")->getValue<std::string>("message").find("BX-T-1999-000") !=
               std::string::npos);

    // The comparison workbook, under both names; 404 for a tender never screened.
    for (const char* name : {"workbook", "comparison"}) {
        r = s.http.get(std::string("/api/v1/tenders/") + kLiveTender + "/" + name, s.f.auditor_token);
        REQUIRE_REPLY(r, 200);
        BOOST_TEST(r.header("Content-Type") == kXlsx);
        BOOST_TEST(r.header("Content-Disposition").find("attachment") != std::string::npos);
        BOOST_TEST(r.header("Content-Disposition").find(kLiveTender) != std::string::npos);
        BOOST_TEST(r.body.substr(0, 2) == "PK");
    }
    BOOST_TEST(s.http.get("/api/v1/tenders/BX-T-1999-000/workbook", s.f.auditor_token).status == 404);

    // Reading needs a token, of any role; writing is not a thing here.
    BOOST_TEST(s.http.get("/api/v1/tenders").status == 401);
    BOOST_TEST(s.http.get("/api/v1/tenders", s.f.officer_token).status == 200);
    BOOST_TEST(s.http.get(std::string("/api/v1/tenders/") + kLiveTender, s.f.admin_token).status == 200);
    BOOST_TEST(s.http.request("POST", "/api/v1/tenders", s.f.admin_token, "", "").status == 405);
}

BOOST_AUTO_TEST_CASE(tender_pages_show_standing_in_words_and_escape_suppliers) {
    Server s("tenders_page");
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    const test::HttpClient::Headers with_cookie{{"Cookie", cookie}};

    // No bids: the empty state says what to do; the contract list links here.
    HttpReply r = s.http.get("/tenders", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(r.body.find("No bids yet") != std::string::npos);
    BOOST_TEST(r.body.find("put bidders' questionnaires in the inbox or upload them") != std::string::npos);
    BOOST_TEST(s.http.get("/", "", with_cookie).body.find("href=\"/tenders\"") != std::string::npos);

    // A bid from a supplier whose name is markup.
    std::string bid = Server::sample_bytes("tenders/BX-T-2025-019/portal-export-BX-T-2025-019.csv");
    const std::string name = ",Greenway Grounds Ltd,";
    const size_t at = bid.find(name);
    BOOST_REQUIRE(at != std::string::npos);
    bid.replace(at, name.size(), ",\"<script>alert(1)</script> Greenway & \"\"Grounds\"\"\",");
    REQUIRE_REPLY(s.http.upload_raw("portal-export.csv", bid, s.f.officer_token), 201);
    upload_live_tender(s);

    r = s.http.get("/tenders", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(r.body.find("No bids yet") == std::string::npos);
    BOOST_TEST(r.body.find("<script") == std::string::npos);
    BOOST_TEST(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Greenway &amp; &quot;Grounds&quot;") !=
               std::string::npos);
    BOOST_TEST(r.body.find("<a href=\"/tenders/BX-T-2025-019\">") != std::string::npos);
    BOOST_TEST(r.body.find(std::string("<a href=\"/tenders/") + kLiveTender + "\">") != std::string::npos);
    BOOST_TEST(r.body.find(std::string("href=\"/api/v1/tenders/") + kLiveTender + "/workbook\" download") !=
               std::string::npos);
    BOOST_TEST(r.body.find("<th scope=\"col\">Tender</th>") != std::string::npos);
    BOOST_TEST(r.body.find("<main id=\"main\"") != std::string::npos);
    // The standing as words, whatever the colour.
    const bool worded = r.body.find(": Can proceed<") != std::string::npos ||
                        r.body.find(": Needs a decision<") != std::string::npos ||
                        r.body.find(": Cannot proceed<") != std::string::npos;
    BOOST_TEST(worded, r.body);

    // One tender's page: its bidders ranked, their standing in words, the workbook.
    r = s.http.get(std::string("/tenders/") + kLiveTender, "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(r.body.find("Riverside") != std::string::npos);
    BOOST_TEST(r.body.find("Dinewell") != std::string::npos);
    BOOST_TEST(r.body.find("Not yet") != std::string::npos, "no contract awarded yet");
    BOOST_TEST(r.body.find(std::string("href=\"/api/v1/tenders/") + kLiveTender + "/workbook\"") != std::string::npos);
    BOOST_TEST(r.body.find("<caption>Bidders, best first, side by side</caption>") != std::string::npos);
    // One column per bidder: its name heads it.
    BOOST_TEST(r.body.find("<th scope=\"col\">Riverside") != std::string::npos);
    BOOST_TEST(r.body.find("<th scope=\"row\">Clarifications to ask</th>") != std::string::npos);
    const HttpReply json = s.http.get(std::string("/api/v1/tenders/") + kLiveTender, s.f.auditor_token);
    Array::Ptr bidders = json.json()->getArray("bidders");
    for (size_t i = 0; i < bidders->size(); ++i) {
        const std::string code = bidders->getObject(static_cast<unsigned>(i))->getValue<std::string>("standing");
        const char* word = code == "can-proceed" ? "Can proceed" : code == "needs-decision" ? "Needs a decision"
                                                                                              : "Cannot proceed";
        BOOST_TEST(r.body.find(std::string("<strong>") + word + "</strong>: ") != std::string::npos, word);
    }
    r = s.http.get("/tenders/BX-T-2025-019", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(r.body.find("<script") == std::string::npos);
    BOOST_TEST(r.body.find("&lt;script&gt;") != std::string::npos);

    // Unknown tender: 404; not signed in: to the sign-in page.
    BOOST_TEST(s.http.get("/tenders/BX-T-1999-000", "", with_cookie).status == 404);
    r = s.http.get("/tenders");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("Location") == "/login");
    BOOST_TEST(s.http.get(std::string("/tenders/") + kLiveTender).status == 303);
}

BOOST_AUTO_TEST_CASE(tender_pages_escape_ids) {
    service::ScreenedTender t;
    t.tender_id = "T-1\"><b>";
    t.contract_id = "<i>C</i>";
    service::TenderBid b;
    b.supplier_id = "S'1";
    b.supplier_name = "<script>x</script>";
    b.standing = reports::BidStanding::CannotProceed;
    b.rank = 1;
    Finding f;
    f.rule_id = "R<1>";
    f.outcome = Outcome::Fail;
    f.message = "<img src=x>";
    b.findings.push_back(f);
    t.bids.push_back(b);
    for (const std::string& html : {service::pages::tenders_page({t}, test::viewed_by("<who>")), service::pages::tender_page(t, test::viewed_by("<who>"))}) {
        BOOST_TEST(html.find("<b>") == std::string::npos);
        BOOST_TEST(html.find("<i>") == std::string::npos);
        BOOST_TEST(html.find("<script") == std::string::npos);
        BOOST_TEST(html.find("<img") == std::string::npos);
        BOOST_TEST(html.find("<who>") == std::string::npos);
        BOOST_TEST(html.find("Cannot proceed") != std::string::npos);
        BOOST_TEST(html.find("/api/v1/tenders/T-1%22%3E%3Cb%3E/workbook") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
