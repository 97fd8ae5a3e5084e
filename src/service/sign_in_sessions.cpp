#include "service/sign_in_sessions.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cctype>

#include "model/content_hash.hpp"

namespace fairgate::service {

namespace {

constexpr size_t kSecretBytes = 32;  // 256 bits: ids and CSRF tokens cannot be guessed

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

}  // namespace

SignInSessions::SignInSessions(SessionLimits limits, std::function<Clock::time_point()> now)
    : limits_(limits), now_(std::move(now)) {}

OpenedSession SignInSessions::open(const Principal& who) {
    OpenedSession opened{random_secret_hex(kSecretBytes), SignInSession{random_secret_hex(kSecretBytes), who}};
    const std::string key = sha256_hex(opened.id);
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = now_();
    // Sessions past their lifetime are the oldest: end them first, so the bound below drops
    // live sessions only when there really are that many.
    while (!by_age_.empty()) {
        auto oldest = held_.find(by_age_.begin()->second);
        if (now - oldest->second.opened < limits_.lifetime) break;
        end(oldest);
    }
    const uint64_t serial = next_serial_++;
    held_.emplace(key, Held{opened.session, now, now, serial});
    by_age_.emplace(serial, key);
    while (held_.size() > limits_.max_sessions) end(held_.find(by_age_.begin()->second));
    return opened;
}

std::optional<SignInSession> SignInSessions::find(std::string_view id) {
    if (id.empty()) return std::nullopt;
    const std::string key = sha256_hex(id);
    std::lock_guard<std::mutex> lock(mutex_);
    auto at = held_.find(key);
    if (at == held_.end()) return std::nullopt;
    const auto now = now_();
    Held& h = at->second;
    const bool too_old = now - h.opened >= limits_.lifetime;
    const bool idle = limits_.idle.count() > 0 && now - h.last_seen >= limits_.idle;
    if (too_old || idle) {
        end(at);
        return std::nullopt;
    }
    h.last_seen = now;
    return h.session;
}

void SignInSessions::close(std::string_view id) {
    if (id.empty()) return;
    const std::string key = sha256_hex(id);
    std::lock_guard<std::mutex> lock(mutex_);
    auto at = held_.find(key);
    if (at != held_.end()) end(at);
}

size_t SignInSessions::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_.size();
}

void SignInSessions::end(std::unordered_map<std::string, Held>::iterator at) {
    by_age_.erase(at->second.serial);
    held_.erase(at);
}

bool names_this_site(std::string_view url, std::string_view host) {
    Poco::URI uri;
    try {
        uri = Poco::URI(std::string(url));
    } catch (const Poco::Exception&) {
        return false;
    }
    if (uri.getScheme() != "http" && uri.getScheme() != "https") return false;
    if (uri.getHost().empty()) return false;

    // The Host header: "name", "name:port", "[v6]" or "[v6]:port".
    std::string_view name = host, port;
    if (!host.empty() && host.front() == '[') {
        const size_t close = host.find(']');
        if (close == std::string_view::npos) return false;
        name = host.substr(1, close - 1);
        if (close + 1 < host.size()) {
            if (host[close + 1] != ':') return false;
            port = host.substr(close + 2);
        }
    } else if (const size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        name = host.substr(0, colon);
        port = host.substr(colon + 1);
    }
    if (!same_name(name, uri.getHost())) return false;
    // No port in Host: the default port of the scheme the browser used.
    if (port.empty()) return uri.getPort() == (uri.getScheme() == "https" ? 443 : 80);
    return port == std::to_string(uri.getPort());
}

}  // namespace fairgate::service
