#include "service/service_config.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "store/store.hpp"

namespace fs = std::filesystem;

namespace fairgate::service {

namespace {

std::string text(const Poco::Util::AbstractConfiguration& c, const std::string& key, const std::string& fallback) {
    return c.getString(key, fallback);
}

std::string required(const Poco::Util::AbstractConfiguration& c, const std::string& key, const char* what) {
    std::string v = c.getString(key, "");
    if (v.empty())
        throw ConfigError(key + " is not set: it names " + what + " (set it in the configuration file, as " +
                          environment_name(key) + ", or with --set " + key + "=...)");
    return v;
}

uint64_t number(const Poco::Util::AbstractConfiguration& c, const std::string& key, uint64_t fallback,
                uint64_t low, uint64_t high) {
    const std::string v = c.getString(key, "");
    if (v.empty()) return fallback;
    size_t used = 0;
    uint64_t n = 0;
    try {
        n = std::stoull(v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != v.size() || v[0] == '-' || n < low || n > high)
        throw ConfigError(key + " = '" + v + "': expected a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high));
    return n;
}

bool flag(const Poco::Util::AbstractConfiguration& c, const std::string& key, bool fallback) {
    const std::string v = c.getString(key, "");
    if (v.empty()) return fallback;
    if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
    if (v == "false" || v == "no" || v == "off" || v == "0") return false;
    throw ConfigError(key + " = '" + v + "': expected true or false");
}

bool hex(const std::string& s) {
    if (s.empty()) return false;
    for (unsigned char ch : s)
        if (!std::isxdigit(ch)) return false;
    return true;
}

}  // namespace

std::string environment_name(const std::string& key) {
    std::string name = key.rfind("fairgate.", 0) == 0 ? key.substr(9) : key;
    for (auto& ch : name) ch = ch == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return "FAIRGATE_" + name;
}

const std::vector<std::string>& overridable_keys() {
    static const std::vector<std::string> keys = {
        "fairgate.rules",        "fairgate.db",          "fairgate.inbox",         "fairgate.out",
        "fairgate.processed",    "fairgate.quarantine",  "fairgate.mappings",  "fairgate.poll_ms",       "fairgate.jobs",
        "fairgate.batch_files",  "fairgate.http.enabled", "fairgate.http.host",    "fairgate.http.port",
        "fairgate.http.threads", "fairgate.http.max_body_mb", "fairgate.http.header_timeout_s",
        "fairgate.http.body_timeout_s", "fairgate.http.connections_per_client", "fairgate.http.session_lifetime_s",
        "fairgate.http.session_idle_s", "fairgate.http.max_sessions", "fairgate.http.secure_cookies",
        "fairgate.log.file", "fairgate.log.level",
        "fairgate.log.max_mb",   "fairgate.log.keep"};
    return keys;
}

ServiceConfig read_service_config(const Poco::Util::AbstractConfiguration& c) {
    ServiceConfig s;
    s.rules = required(c, "fairgate.rules", "the rulebook");
    s.inbox = required(c, "fairgate.inbox", "the folder watched for returns");
    s.out = required(c, "fairgate.out", "the folder workbooks are written to");
    s.db = text(c, "fairgate.db", Store::default_connection());
    s.processed = text(c, "fairgate.processed", (fs::path(s.out) / "processed").string());
    s.quarantine = text(c, "fairgate.quarantine", (fs::path(s.out) / "quarantine").string());
    s.mappings = text(c, "fairgate.mappings", "");
    s.poll_ms = static_cast<unsigned>(number(c, "fairgate.poll_ms", s.poll_ms, 50, 3'600'000));
    s.jobs = static_cast<unsigned>(number(c, "fairgate.jobs", s.jobs, 0, 256));
    s.batch_files = static_cast<unsigned>(number(c, "fairgate.batch_files", s.batch_files, 1, 100'000));
    s.http_enabled = flag(c, "fairgate.http.enabled", s.http_enabled);
    s.http_host = text(c, "fairgate.http.host", s.http_host);
    s.http_port = static_cast<unsigned>(number(c, "fairgate.http.port", s.http_port, 0, 65535));
    s.http_threads = static_cast<unsigned>(number(c, "fairgate.http.threads", s.http_threads, 1, 1024));
    s.max_body_bytes = number(c, "fairgate.http.max_body_mb", s.max_body_bytes >> 20, 1, 4096) << 20;
    s.http_header_timeout_s =
        static_cast<unsigned>(number(c, "fairgate.http.header_timeout_s", s.http_header_timeout_s, 1, 600));
    s.http_body_timeout_s =
        static_cast<unsigned>(number(c, "fairgate.http.body_timeout_s", s.http_body_timeout_s, 1, 86'400));
    s.http_connections_per_client = static_cast<unsigned>(
        number(c, "fairgate.http.connections_per_client", s.http_connections_per_client, 0, 1024));
    s.session_lifetime_s =
        static_cast<unsigned>(number(c, "fairgate.http.session_lifetime_s", s.session_lifetime_s, 1, 7 * 24 * 3600));
    s.session_idle_s =
        static_cast<unsigned>(number(c, "fairgate.http.session_idle_s", s.session_idle_s, 0, 7 * 24 * 3600));
    s.max_sessions = static_cast<unsigned>(number(c, "fairgate.http.max_sessions", s.max_sessions, 1, 1'000'000));
    s.secure_cookies = flag(c, "fairgate.http.secure_cookies", s.secure_cookies);
    s.log_file = text(c, "fairgate.log.file", "");
    s.log_level = text(c, "fairgate.log.level", s.log_level);
    s.log_max_mb = static_cast<unsigned>(number(c, "fairgate.log.max_mb", s.log_max_mb, 1, 100'000));
    s.log_keep = static_cast<unsigned>(number(c, "fairgate.log.keep", s.log_keep, 1, 1000));

    // Each inside the other would feed taken files back in, or watch the output.
    const auto inside = [](const std::string& a, const std::string& b) {
        const auto x = fs::weakly_canonical(fs::absolute(a)), y = fs::weakly_canonical(fs::absolute(b));
        auto [end, _] = std::mismatch(y.begin(), y.end(), x.begin(), x.end());
        return end == y.end();
    };
    for (const auto& [key, folder] : {std::pair<const char*, std::string>{"fairgate.processed", s.processed},
                                      {"fairgate.quarantine", s.quarantine},
                                      {"fairgate.out", s.out}}) {
        if (inside(folder, s.inbox) || inside(s.inbox, folder))
            throw ConfigError(std::string(key) + " = '" + folder + "' and fairgate.inbox = '" + s.inbox +
                              "' must not be inside one another");
    }

    Poco::Util::AbstractConfiguration::Keys names;
    c.keys("fairgate.token", names);
    for (const auto& name : names) {
        const std::string base = "fairgate.token." + name;
        TokenEntry t;
        t.name = name;
        const std::string role = required(c, base + ".role", "the token's role (officer, auditor or admin)");
        const auto parsed = parse_role(role);
        if (!parsed) throw ConfigError(base + ".role = '" + role + "': expected officer, auditor or admin");
        t.role = *parsed;
        t.salt = required(c, base + ".salt", "the token's salt");
        t.sha256 = required(c, base + ".sha256", "the SHA-256 of salt and token");
        if (!hex(t.salt) || !hex(t.sha256) || t.sha256.size() != 64)
            throw ConfigError(base + ": salt and sha256 must be hex, sha256 64 digits (make one with "
                              "`fairgate serve token NAME ROLE`)");
        s.tokens.push_back(std::move(t));
    }
    return s;
}

}  // namespace fairgate::service
