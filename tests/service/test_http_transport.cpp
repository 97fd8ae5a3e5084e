// The HTTP transport under clients that misbehave: bodies cut off or never finished, framing
// that does not add up, requests that cannot be decoded, idle connections. A real ApiServer
// over a real Intake and SQLite store, talked to over real sockets on 127.0.0.1; every wait
// is bounded.

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/api_server.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::Server;
using fairgate::test::HttpReply;
using fairgate::test::ServiceFixture;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

/// One client connection driven byte by byte: what a broken or hostile client does.
class RawConnection {
public:
    /// Connects to 127.0.0.1:port from the loopback address `from` (another one than
    /// 127.0.0.1 makes a different client as far as the server can tell).
    explicit RawConnection(unsigned port, const std::string& from = "127.0.0.1")
        : socket_(Poco::Net::SocketAddress::IPv4) {
        socket_.impl()->bind(Poco::Net::SocketAddress(from, 0), false);
        socket_.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(5, 0));
    }
    void send(const std::string& bytes) {
        size_t sent = 0;
        while (sent < bytes.size()) {
            const int n = socket_.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0) throw std::runtime_error("could not send");
            sent += static_cast<size_t>(n);
        }
    }
    /// Reads until the server closes the connection or `limit` seconds pass; `closed` says which.
    std::string read_until_closed(double limit, bool& closed) {
        std::string got;
        closed = false;
        const auto until = Clock::now() + std::chrono::milliseconds(static_cast<long>(limit * 1000));
        char buf[8192];
        while (Clock::now() < until) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now()).count();
            if (!socket_.poll(Poco::Timespan(std::max<long>(left, 1)), Poco::Net::Socket::SELECT_READ)) continue;
            int n = 0;
            try {
                n = socket_.receiveBytes(buf, sizeof buf);
            } catch (const Poco::Exception&) {
                n = 0;  // reset: closed as well
            }
            if (n <= 0) {
                closed = true;
                break;
            }
            got.append(buf, static_cast<size_t>(n));
        }
        return got;
    }
    void close() { socket_.close(); }

private:
    Poco::Net::StreamSocket socket_;
};

/// The status code of the first answer in `raw` (0 if there is none).
int status_of(const std::string& raw) {
    if (raw.rfind("HTTP/", 0) != 0 || raw.size() < 12) return 0;
    return std::stoi(raw.substr(9, 3));
}
std::string body_of(const std::string& raw) {
    const size_t at = raw.find("\r\n\r\n");
    return at == std::string::npos ? std::string() : raw.substr(at + 4);
}

/// The "error" message of a JSON error answer, checked for shape.
std::string error_message(const HttpReply& r) {
    const auto o = r.json();
    BOOST_REQUIRE_MESSAGE(o->has("error"), "no \"error\" in " << r.describe());
    const auto e = o->getObject("error");
    BOOST_TEST(e->getValue<int>("status") == r.status);
    BOOST_TEST(r.header("Content-Type").rfind("application/json", 0) == 0u);
    return e->getValue<std::string>("message");
}

/// Whether `s` is well-formed UTF-8 with no control character (JSON escapes them).
bool clean_utf8(const std::string& s, std::string& why) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) {
            why = "control byte " + std::to_string(c) + " at " + std::to_string(i);
            return false;
        }
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            why = "invalid UTF-8 at " + std::to_string(i);
            return false;
        }
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) {
                why = "invalid UTF-8 at " + std::to_string(i);
                return false;
            }
        i += len;
    }
    return true;
}

std::string post_head(const std::string& target, const std::string& token, const std::string& framing) {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/octet-stream\r\n" + framing + "\r\n";
}

/// The first `n` comma-separated cells of a CSV line (the export quotes none of them).
std::string first_cells(const std::string& line, size_t n) {
    size_t end = 0;
    for (size_t i = 0; i < n && end != std::string::npos; ++i) end = line.find(',', end + (i > 0));
    return line.substr(0, end);
}

/// The Kentish Environmental export's heading and first return (BX-2025-0170, 2025-Q3), up
/// to its volunteering hours, made the last column so that a body cut short cuts into it,
/// with those hours and the submission date as given.
std::string q3_return(const std::string& submitted, const std::string& hours) {
    const std::string csv = test::read_bytes(
        ServiceFixture::sample("quarterly/BX-2025-0170/kentish-environmental-export-2025-Q3-to-2026-Q2.csv").string());
    const size_t head_end = csv.find('\n');
    const size_t row_end = csv.find('\n', head_end + 1);
    std::string head = csv.substr(0, head_end);
    std::string row = csv.substr(head_end + 1, row_end - head_end - 1);
    if (!row.empty() && row.back() == '\r') row.pop_back();
    const std::string column = "q.sv.volunteering_hours";
    const size_t at = head.find(column);
    BOOST_REQUIRE(at != std::string::npos);
    const size_t cells = static_cast<size_t>(std::count(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(at), ',')) + 1;
    head = first_cells(head, cells);
    row = first_cells(row, cells - 1) + "," + hours;
    const size_t date = row.find("2026-01-09");
    BOOST_REQUIRE(date != std::string::npos);
    row.replace(date, 10, submitted);
    return head + "\n" + row + "\n";
}

// An incomplete request left no file anywhere and nothing in the store.
void nothing_reached_the_inbox_or_the_store(Server& s) {
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(Server::files_in(s.f.config.processed).empty(), join(Server::files_in(s.f.config.processed)));
    BOOST_TEST(Server::files_in(s.f.config.quarantine).empty(), join(Server::files_in(s.f.config.quarantine)));
    BOOST_TEST(s.f.db->count("files") == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_transport)

// A client that sends part of a Content-Length body and hangs up: nothing reaches the inbox
// or the store, and the good return stored earlier for the same contract and quarter keeps
// its values (the cut-off file would have read 33 hours as 3).
BOOST_AUTO_TEST_CASE(cut_off_upload_changes_nothing) {
    Server s("http_cut_off");
    BOOST_REQUIRE(s.http.upload_raw("contract-register.csv",
                                    test::read_bytes(ServiceFixture::sample("register/contract-register.csv").string()),
                                    s.f.officer_token)
                      .status == 201);
    const HttpReply good = s.http.upload_raw("q3.csv", q3_return("2026-01-09", "33"), s.f.officer_token);
    BOOST_REQUIRE_MESSAGE(good.status == 201, good.describe());
    const std::string hours33 = "field = 'q.sv.volunteering_hours' AND canonical = '33'";
    BOOST_REQUIRE_EQUAL(s.f.db->count("return_values", hours33), 1);
    BOOST_REQUIRE_EQUAL(s.f.db->count("returns", "contract_id = 'BX-2025-0170' AND submitted = '2026-01-09'"), 1);
    const long files = s.f.db->count("files");

    // The corrected return, cut off after "...,3" of "...,33".
    const std::string corrected = q3_return("2026-01-10", "33");
    {
        RawConnection c(s.http.port());
        c.send(post_head("/api/v1/returns?filename=q3-corrected.csv", s.f.officer_token,
                         "Content-Length: " + std::to_string(corrected.size()) + "\r\n") +
               corrected.substr(0, corrected.size() - 2));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        c.close();
    }
    // Whatever the server did with it happened before a later upload is answered: the
    // intake takes files in order.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const HttpReply later = s.http.upload_raw(
        "BX-2025-0142_2025-Q3.xlsx",
        test::read_bytes(ServiceFixture::sample("quarterly/BX-2025-0142/BX-2025-0142_2025-Q3.xlsx").string()),
        s.f.officer_token);
    BOOST_REQUIRE_MESSAGE(later.status == 201, later.describe());

    BOOST_TEST(s.f.db->count("files") == files + 1, "only the later upload was stored");
    BOOST_TEST(s.f.db->count("return_values", hours33) == 1);
    BOOST_TEST(s.f.db->count("return_values", "field = 'q.sv.volunteering_hours' AND canonical = '3'") == 0);
    BOOST_TEST(s.f.db->count("returns", "contract_id = 'BX-2025-0170' AND submitted = '2026-01-09'") == 1);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(!fs::exists(fs::path(s.f.config.processed) / "q3-corrected.csv"));
    BOOST_TEST(Server::files_in(s.f.config.quarantine).empty(), join(Server::files_in(s.f.config.quarantine)));
}

// A chunked body that never ends: the connection is closed once the body deadline passes,
// with a 408 if the client still listens, and no file is left or stored.
BOOST_AUTO_TEST_CASE(endless_chunked_body_ends_at_the_body_timeout) {
    Server s("http_endless_chunked", [](service::ServiceConfig& c) { c.http_body_timeout_s = 2; });
    RawConnection c(s.http.port());
    const auto started = Clock::now();
    c.send(post_head("/api/v1/returns?filename=endless.csv", s.f.officer_token, "Transfer-Encoding: chunked\r\n") +
           "10\r\nreturn.kind,cont\r\n");
    bool closed = false;
    const std::string got = c.read_until_closed(15, closed);
    const double took = seconds_since(started);
    BOOST_TEST(closed, "the connection was still open after " << took << " s");
    BOOST_TEST(took >= 1.5);
    BOOST_TEST(took < 10.0);
    BOOST_TEST(status_of(got) == 408, got);
    BOOST_TEST(body_of(got).find("fairgate.http.body_timeout_s") != std::string::npos, got);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(s.f.db->count("files") == 0);
}

// A chunked body whose client hangs up before the last chunk is not a file either.
BOOST_AUTO_TEST_CASE(chunked_body_without_its_last_chunk_is_dropped) {
    Server s("http_chunked_cut");
    {
        RawConnection c(s.http.port());
        const std::string data = q3_return("2026-01-09", "33");
        char size[16];
        std::snprintf(size, sizeof size, "%zx", data.size());
        c.send(post_head("/api/v1/returns?filename=cut.csv", s.f.officer_token, "Transfer-Encoding: chunked\r\n") +
               size + "\r\n" + data + "\r\n");  // no "0\r\n\r\n"
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        c.close();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_TEST(s.http.get("/healthz").status == 200);
    nothing_reached_the_inbox_or_the_store(s);
}

// A multipart upload whose client hangs up inside the file part: the part read so far is
// not a file.
BOOST_AUTO_TEST_CASE(multipart_body_cut_short_is_dropped) {
    Server s("http_multipart_cut");
    const std::string body = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q3.csv\"\r\n"
                             "Content-Type: text/csv\r\n\r\n" + q3_return("2026-01-09", "33") + "\r\n--XYZ--\r\n";
    {
        RawConnection c(s.http.port());
        c.send("POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + s.f.officer_token +
               "\r\nContent-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        c.close();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_TEST(s.http.get("/healthz").status == 200);
    nothing_reached_the_inbox_or_the_store(s);
}

// Two different Content-Length headers, or one that is not a number: 400, nothing stored.
BOOST_AUTO_TEST_CASE(content_length_must_be_one_number) {
    Server s("http_content_length");
    const std::string body = q3_return("2026-01-09", "33");
    const std::string n = std::to_string(body.size());
    struct Case {
        const char* what;
        std::string framing;
    };
    const std::vector<Case> cases = {
        {"two different lengths",
         "Content-Length: " + n + "\r\nContent-Length: " + std::to_string(body.size() + 5) + "\r\n"},
        {"a length that is not a number", "Content-Length: " + n + "abc\r\n"},
        {"a negative length", "Content-Length: -" + n + "\r\n"},
        {"a list of lengths", "Content-Length: " + n + ", " + n + "\r\n"},
    };
    for (const auto& c : cases) {
        const HttpReply r =
            s.http.exchange(post_head("/api/v1/returns?filename=r.csv", s.f.officer_token, c.framing) + body);
        BOOST_TEST(r.status == 400, c.what << ": " << r.describe());
        if (r.status == 400) BOOST_TEST(error_message(r).find("Content-Length") != std::string::npos, r.body);
    }
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(s.f.db->count("files") == 0);
}

// Requests that cannot be decoded are the client's fault (400, JSON), before any sign-in.
BOOST_AUTO_TEST_CASE(undecodable_requests_get_400_with_json) {
    Server s("http_undecodable");
    struct Case {
        const char* what;
        std::string uri;
        std::string token;
    };
    std::string params;
    for (int i = 0; i <= 100; ++i) params += (i ? "&p" : "p") + std::to_string(i) + "=" + std::to_string(i);
    const std::vector<Case> cases = {
        {"a bad escape in the path", "/api/v1/contracts/BX%zz", ""},
        {"a cut escape in the path", "/api/v1/contracts/BX%2", s.f.auditor_token},
        {"a bad escape in the query", "/healthz?status=%g1", ""},
        {"101 query parameters", "/healthz?" + params, ""},
    };
    for (const auto& c : cases) {
        const HttpReply r = s.http.get(c.uri, c.token);
        BOOST_TEST(r.status == 400, c.what << ": " << r.describe());
        if (r.status == 400) BOOST_TEST(!error_message(r).empty());
    }
    // 100 parameters are still fine.
    params = params.substr(0, params.rfind("&p100"));
    BOOST_TEST(s.http.get("/healthz?" + params).status == 200);

    // The sign-in form, posted with more fields than it has room for, or as broken multipart.
    std::string fields;
    for (int i = 0; i < 20; ++i) fields += (i ? "&f" : "f") + std::to_string(i) + "=x";
    struct Post {
        const char* what;
        std::string content_type, body;
    };
    const std::vector<Post> posts = {
        {"20 form fields", "application/x-www-form-urlencoded", fields},
        {"broken multipart", "multipart/form-data; boundary=XYZ", "no boundary here"},
    };
    for (const auto& p : posts) {
        const HttpReply r = s.http.request("POST", "/login", "", p.body, p.content_type, {{"Origin", s.origin()}});
        BOOST_TEST(r.status == 400, "POST /login with " << p.what << ": " << r.describe());
        // A page's form: the refusal is a page.
        if (r.status == 400) BOOST_TEST(r.body.find("cannot be read") != std::string::npos, r.body);
    }
}

BOOST_AUTO_TEST_CASE(malformed_multipart_gets_400) {
    Server s("http_bad_multipart");
    const std::string file = q3_return("2026-01-09", "33");
    const std::string part = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q3.csv\"\r\n"
                             "Content-Type: text/csv\r\n\r\n" + file + "\r\n";
    struct Case {
        const char* what;
        std::string body;
    };
    const std::vector<Case> cases = {
        {"no boundary line at all", "this is not a multipart body"},
        {"no closing boundary", part},
        {"a part with a broken header", "--XYZ\r\nContent-Disposition form-data\r\n\r\nx\r\n--XYZ--\r\n"},
    };
    for (const auto& c : cases) {
        const std::string head = "POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                 s.f.officer_token + "\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n"
                                 "Content-Length: " + std::to_string(c.body.size()) + "\r\n\r\n";
        const HttpReply r = s.http.exchange(head + c.body);
        BOOST_TEST(r.status == 400, c.what << ": " << r.describe());
        if (r.status == 400) BOOST_TEST(error_message(r).find("multipart") != std::string::npos, r.body);
    }
    // The same part, closed properly, is an upload.
    const std::string whole = part + "--XYZ--\r\n";
    const HttpReply r = s.http.exchange(
        "POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + s.f.officer_token +
        "\r\nContent-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: " + std::to_string(whole.size()) +
        "\r\n\r\n" + whole);
    BOOST_TEST((r.status == 201 || r.status == 422), r.describe());
    BOOST_TEST(s.f.db->count("files") == 1);
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
}

BOOST_AUTO_TEST_CASE(unknown_http_versions_are_refused) {
    Server s("http_versions");
    for (const char* version : {"HTTP/9.9", "HTTP/2.0", "HTTP/1.2"}) {
        const HttpReply r = s.http.exchange(std::string("GET /healthz ") + version + "\r\nHost: 127.0.0.1\r\n\r\n");
        BOOST_TEST((r.status == 505 || r.status == 400), version << ": " << r.describe());
    }
    BOOST_TEST(s.http.exchange("GET /healthz HTTP/1.0\r\n\r\n").status == 200);
}

// Bytes from the request (a path, a file name) are never put raw into a JSON answer.
BOOST_AUTO_TEST_CASE(invalid_bytes_are_not_echoed_raw) {
    Server s("http_invalid_bytes");
    const HttpReply r = s.http.get("/api/no%FFsuch%01place%C3%0A%1B[31m", s.f.auditor_token);
    BOOST_TEST(r.status == 404, r.describe());
    std::string why;
    BOOST_TEST(clean_utf8(r.body, why), why << " in " << r.body);
    BOOST_TEST(error_message(r).find("no such resource") != std::string::npos);
    // Nor into a page (whose own lines end in newlines: none of the path's).
    const HttpReply page = s.http.get("/no%FFsuch%01place%C3%0A%1B[31m", s.f.auditor_token);
    BOOST_TEST(page.status == 404, page.describe());
    std::string lines = page.body;
    lines.erase(std::remove(lines.begin(), lines.end(), '\n'), lines.end());
    BOOST_TEST(clean_utf8(lines, why), why << " in " << page.body);
    BOOST_TEST(page.body.find("no such resource: /no\xEF\xBF\xBDsuch\xEF\xBF\xBDplace") != std::string::npos, page.body);

    const HttpReply refused = s.http.upload_raw("bad\xff\x01\x1b[31m.xlsx", std::string(3000, 'z'), s.f.officer_token);
    BOOST_TEST(refused.status == 422, refused.describe());
    BOOST_TEST(clean_utf8(refused.body, why), why << " in " << refused.body);
    BOOST_TEST(error_message(refused).find(".xlsx") != std::string::npos);
}

// 64 connections from one address that send nothing, or stop half-way through a request's
// head: past the per-client cap they are refused at once, the rest are closed after the
// header timeout, and /healthz from another client answers within a second all the while.
BOOST_AUTO_TEST_CASE(idle_connections_leave_room_for_healthz) {
    Server s("http_idle", [](service::ServiceConfig& c) { c.http_header_timeout_s = 2; });
    const unsigned cap = s.f.config.connections_per_client();
    BOOST_REQUIRE(cap < 64u);
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 64; ++i) {
        idle.push_back(std::make_unique<RawConnection>(s.http.port(), "127.0.0.2"));
        try {
            if (i % 2) idle.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        } catch (const std::exception&) {
            // refused already
        }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    const auto asked = Clock::now();
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(s.http.port()));
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    int status = 0;
    try {
        session.sendRequest(req);
        Poco::Net::HTTPResponse resp;
        session.receiveResponse(resp).ignore(1 << 20);
        status = resp.getStatus();
    } catch (const Poco::Exception& e) {
        BOOST_TEST_MESSAGE("healthz: " << e.displayText());
    }
    const double took = seconds_since(asked);
    BOOST_TEST(status == 200);
    BOOST_TEST(took < 1.0, "/healthz took " << took << " s with 64 idle connections open");

    // The connections past the cap were refused quickly (503, or closed).
    size_t refused = 0, refused_503 = 0;
    for (auto& c : idle) {
        bool closed = false;
        const std::string got = c->read_until_closed(0.05, closed);
        if (closed) ++refused;
        if (status_of(got) == 503) ++refused_503;
    }
    BOOST_TEST(refused >= 64u - cap, refused << " of 64 refused; the cap is " << cap);
    BOOST_TEST(refused_503 >= 1u);
    // The others are closed once the header timeout (2 s) passes.
    bool closed = false;
    const auto waiting = Clock::now();
    size_t still_open = 0;
    for (auto& c : idle) {
        c->read_until_closed(std::max(0.0, 6.0 - seconds_since(waiting)), closed);
        if (!closed) ++still_open;
    }
    BOOST_TEST(still_open == 0u);
    BOOST_TEST(seconds_since(waiting) < 6.0);
}

// A slow-loris client sends its request head a byte at a time, each well within the wait
// for one read: the head as a whole must still arrive within the header timeout.
BOOST_AUTO_TEST_CASE(a_head_sent_a_byte_at_a_time_is_cut_off) {
    Server s("http_slow_head", [](service::ServiceConfig& c) { c.http_header_timeout_s = 2; });
    RawConnection c(s.http.port());
    const auto started = Clock::now();
    c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    bool closed = false;
    while (!closed && seconds_since(started) < 10.0) {
        c.read_until_closed(0.5, closed);
        if (!closed) {
            try {
                c.send("a");
            } catch (const std::exception&) {
                closed = true;
            }
        }
    }
    const double took = seconds_since(started);
    BOOST_TEST(closed, "the connection was still open after " << took << " s");
    BOOST_TEST(took < 5.0, "closed after " << took << " s; the header timeout is 2 s");
    BOOST_TEST(s.http.get("/healthz").status == 200);
}

// Every part of a multipart body counts against the body limit, not only the file.
BOOST_AUTO_TEST_CASE(every_multipart_part_counts_against_the_limit) {
    Server s("http_multipart_limit");
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.addPart("file", new Poco::Net::StringPartSource(q3_return("2026-01-09", "33"), "text/csv", "q3.csv"));
    form.addPart("notes", new Poco::Net::StringPartSource(std::string(s.f.config.max_body_bytes + 1000, 'n'),
                                                          "text/plain", "notes.txt"));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/returns", Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Authorization", "Bearer " + s.f.officer_token);
    form.prepareSubmit(req);
    HttpReply r;
    try {
        r = s.http.send(req, [&](std::ostream& out) { form.write(out); });
    } catch (const Poco::Exception& e) {
        BOOST_TEST_MESSAGE("the server stopped reading: " << e.displayText());
    }
    BOOST_TEST(r.status == 413, r.describe());
    BOOST_TEST(Server::files_in(s.f.config.inbox).empty(), join(Server::files_in(s.f.config.inbox)));
    BOOST_TEST(s.f.db->count("files") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
