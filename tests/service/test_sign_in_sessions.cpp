// Page sessions held by the server (SignInSessions): random secrets, sign-out, lifetime and
// idle timeout (on a clock the test moves), the bound on how many, many threads at once; and
// which Origin or Referer names this site.

#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "service/sign_in_sessions.hpp"

using namespace fairgate::service;
using namespace std::chrono_literals;

namespace {

bool is_hex(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isxdigit(c)) return false;
    return !s.empty();
}

/// A clock the test moves by hand.
struct HandClock {
    SignInSessions::Clock::time_point at{};
    std::function<SignInSessions::Clock::time_point()> reader() {
        return [this] { return at; };
    }
};

const Principal kAuditor{"internal-audit", Role::Auditor};

}  // namespace

BOOST_AUTO_TEST_SUITE(sign_in_sessions)

BOOST_AUTO_TEST_CASE(a_session_has_random_secrets_and_ends_when_closed) {
    SignInSessions sessions(SessionLimits{});
    const OpenedSession a = sessions.open(kAuditor);
    const OpenedSession b = sessions.open(Principal{"procurement", Role::Officer});
    BOOST_TEST(a.id.size() == 64u);  // 256 bits
    BOOST_TEST(is_hex(a.id));
    BOOST_TEST(a.session.csrf_token.size() == 64u);
    BOOST_TEST(a.id != b.id);
    BOOST_TEST(a.id != a.session.csrf_token);
    BOOST_TEST(a.session.csrf_token != b.session.csrf_token);

    const auto found = sessions.find(a.id);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->principal.name == "internal-audit");
    BOOST_TEST(found->csrf_token == a.session.csrf_token);
    BOOST_TEST(sessions.find(b.id)->principal.name == "procurement");
    BOOST_TEST(!sessions.find("").has_value());
    BOOST_TEST(!sessions.find(a.session.csrf_token).has_value(), "the CSRF token is not an id");

    sessions.close(a.id);
    BOOST_TEST(!sessions.find(a.id).has_value());
    BOOST_TEST(sessions.find(b.id).has_value(), "closing one leaves the others");
    sessions.close(a.id);  // twice: nothing happens
    sessions.close("unknown");
    BOOST_TEST(sessions.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_session_ends_at_its_lifetime_however_active) {
    HandClock clock;
    SignInSessions sessions(SessionLimits{100s, 30s, 10}, clock.reader());
    const OpenedSession s = sessions.open(kAuditor);
    for (int i = 0; i < 9; ++i) {
        clock.at += 11s;  // 99 s after 9 requests, each within the idle timeout
        BOOST_TEST(sessions.find(s.id).has_value(), "at " << (i + 1) * 11 << " s");
    }
    clock.at += 1s;
    BOOST_TEST(!sessions.find(s.id).has_value(), "100 s after sign-in");
    BOOST_TEST(sessions.size() == 0u, "the expired session is dropped");
}

BOOST_AUTO_TEST_CASE(a_session_left_idle_ends) {
    HandClock clock;
    SignInSessions sessions(SessionLimits{3600s, 30s, 10}, clock.reader());
    const OpenedSession s = sessions.open(kAuditor);
    clock.at += 29s;
    BOOST_TEST(sessions.find(s.id).has_value());
    clock.at += 29s;  // 58 s after sign-in, 29 s after its last request
    BOOST_TEST(sessions.find(s.id).has_value(), "a request restarts the idle timeout");
    clock.at += 30s;
    BOOST_TEST(!sessions.find(s.id).has_value(), "30 s without a request");

    // No idle timeout: only the lifetime counts.
    SignInSessions lasting(SessionLimits{3600s, 0s, 10}, clock.reader());
    const OpenedSession t = lasting.open(kAuditor);
    clock.at += 3599s;
    BOOST_TEST(lasting.find(t.id).has_value());
    clock.at += 1s;
    BOOST_TEST(!lasting.find(t.id).has_value());
}

BOOST_AUTO_TEST_CASE(beyond_the_bound_the_oldest_session_ends) {
    HandClock clock;
    SignInSessions sessions(SessionLimits{3600s, 0s, 3}, clock.reader());
    std::vector<OpenedSession> opened;
    for (int i = 0; i < 5; ++i) {
        opened.push_back(sessions.open(kAuditor));
        clock.at += 1s;
    }
    BOOST_TEST(sessions.size() == 3u);
    BOOST_TEST(!sessions.find(opened[0].id).has_value());
    BOOST_TEST(!sessions.find(opened[1].id).has_value());
    for (size_t i = 2; i < 5; ++i) BOOST_TEST(sessions.find(opened[i].id).has_value(), i);

    // Expired sessions are dropped before live ones: one past its lifetime makes room.
    SignInSessions short_lived(SessionLimits{10s, 0s, 2}, clock.reader());
    const OpenedSession old = short_lived.open(kAuditor);
    clock.at += 5s;
    const OpenedSession mid = short_lived.open(kAuditor);
    clock.at += 6s;  // `old` is 11 s old, `mid` 6 s
    const OpenedSession young = short_lived.open(kAuditor);
    BOOST_TEST(short_lived.size() == 2u);
    BOOST_TEST(short_lived.find(mid.id).has_value());
    BOOST_TEST(short_lived.find(young.id).has_value());
}

BOOST_AUTO_TEST_CASE(many_threads_open_find_and_close) {
    constexpr int kThreads = 8, kEach = 300;
    SignInSessions sessions(SessionLimits{3600s, 0s, 1000});
    std::vector<std::vector<std::string>> ids(kThreads);
    std::atomic<int> lost{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const OpenedSession s = sessions.open(kAuditor);
                ids[static_cast<size_t>(t)].push_back(s.id);
                if (!sessions.find(s.id)) ++lost;
                // Every third one signs out again.
                if (i % 3 == 0) sessions.close(s.id);
            }
        });
    }
    for (auto& th : threads) th.join();
    std::set<std::string> unique;
    for (const auto& v : ids) unique.insert(v.begin(), v.end());
    BOOST_TEST(unique.size() == static_cast<size_t>(kThreads * kEach), "every id is new");
    // 2,400 opened, 800 closed: 1,600 live, of which the bound keeps 1,000.
    BOOST_TEST(sessions.size() == 1000u);
    // Unless 1,000 others were opened in between, a session is found right after it opens.
    BOOST_TEST(lost.load() == 0);
}

BOOST_AUTO_TEST_CASE(origin_and_referer_name_this_site_or_another) {
    BOOST_TEST(names_this_site("http://127.0.0.1:8080", "127.0.0.1:8080"));
    BOOST_TEST(names_this_site("http://127.0.0.1:8080/login?x=1", "127.0.0.1:8080"), "a Referer");
    BOOST_TEST(names_this_site("https://Fairgate.Bexley.gov.uk", "fairgate.bexley.gov.uk"), "names ignore case");
    BOOST_TEST(names_this_site("https://fairgate.bexley.gov.uk", "fairgate.bexley.gov.uk:443"));
    BOOST_TEST(names_this_site("http://fairgate.bexley.gov.uk", "fairgate.bexley.gov.uk"));
    BOOST_TEST(names_this_site("http://[::1]:8080", "[::1]:8080"));
    BOOST_TEST(!names_this_site("http://127.0.0.1:8081", "127.0.0.1:8080"), "another port");
    BOOST_TEST(!names_this_site("https://evil.example", "fairgate.bexley.gov.uk"));
    BOOST_TEST(!names_this_site("https://fairgate.bexley.gov.uk.evil.example", "fairgate.bexley.gov.uk"));
    BOOST_TEST(!names_this_site("https://fairgate.bexley.gov.uk:8443", "fairgate.bexley.gov.uk"));
    BOOST_TEST(!names_this_site("null", "127.0.0.1:8080"), "an opaque origin");
    BOOST_TEST(!names_this_site("", "127.0.0.1:8080"));
    BOOST_TEST(!names_this_site("file:///tmp/x.html", "127.0.0.1:8080"));
    BOOST_TEST(!names_this_site("http://127.0.0.1:8080", ""), "no Host header");
}

BOOST_AUTO_TEST_SUITE_END()

