#pragma once
// Browsers signed in to the auditors' page. A browser cannot send a bearer token, so signing
// in with one opens a session on the server: the browser's cookie holds only the session's
// random id, never the token, and the server alone decides when the session ends (its
// lifetime, an idle timeout, sign-out). Each session also has a CSRF token that every form
// the page posts must carry.
//
// Sessions live in memory only: restarting the service signs everyone out.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "service/access.hpp"

namespace fairgate::service {

/// How long sessions last and how many there may be (fairgate.http.session_*, max_sessions).
struct SessionLimits {
    std::chrono::seconds lifetime{8 * 3600};  ///< From sign-in, however active the session.
    std::chrono::seconds idle{30 * 60};       ///< Since its last request; 0: no idle timeout.
    size_t max_sessions = 10'000;             ///< Beyond this the oldest session is ended.
};

/// An open session, as a request sees it.
struct SignInSession {
    std::string csrf_token;  ///< 256 random bits, hex: the hidden field of every form it posts.
    Principal principal;     ///< Whose token opened it.
};

/// A session just opened, with the id that names it. Only the browser keeps the id (in its
/// cookie); the server keeps its SHA-256.
struct OpenedSession {
    std::string id;  ///< The cookie's value: 256 random bits, hex.
    SignInSession session;
};

/// Every open session. Thread-safe: any HTTP thread may open, find or close one.
class SignInSessions {
public:
    using Clock = std::chrono::steady_clock;
    /// `now` is the clock expiry is measured by (tests may pass their own).
    explicit SignInSessions(SessionLimits limits, std::function<Clock::time_point()> now = Clock::now);

    /// A new session for `who`, with fresh random id and CSRF token. If there are then more
    /// than max_sessions, the oldest is ended. Throws std::runtime_error if no random bytes.
    OpenedSession open(const Principal& who);
    /// The session `id` names if it is open and within its lifetime and idle timeout (a
    /// request through it restarts the idle timeout); an expired one is ended. Nothing for an
    /// unknown id.
    std::optional<SignInSession> find(std::string_view id);
    /// Ends the session `id` names (sign-out); nothing happens if there is none.
    void close(std::string_view id);
    /// Sessions held, expired ones not yet noticed included.
    size_t size() const;
    const SessionLimits& limits() const { return limits_; }

private:
    struct Held {
        SignInSession session;
        Clock::time_point opened, last_seen;
        uint64_t serial;  ///< Its place in `by_age_`.
    };
    void end(std::unordered_map<std::string, Held>::iterator at);

    SessionLimits limits_;
    std::function<Clock::time_point()> now_;
    mutable std::mutex mutex_;
    // Keyed by the SHA-256 of the id, so a lookup's timing says nothing about live ids.
    std::unordered_map<std::string, Held> held_;
    std::map<uint64_t, std::string> by_age_;  ///< Serial (order of opening) -> key in held_.
    uint64_t next_serial_ = 0;
};

/// Whether `url` (an Origin or Referer header's value) names the site at `host` (the Host
/// header: name and optional port), scheme aside: a TLS proxy in front makes the browser's
/// https the service's http. "null" and unreadable values name no site.
bool names_this_site(std::string_view url, std::string_view host);

}  // namespace fairgate::service
