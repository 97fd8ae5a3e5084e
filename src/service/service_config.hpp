#pragma once
// The settings of `fairgate serve`, read from Poco's layered configuration: a .properties or
// .ini file, overridden by FAIRGATE_* environment variables, overridden by --set on the
// command line. Every key is documented in docs/service.md.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/Util/AbstractConfiguration.h>

#include "service/access.hpp"

namespace fairgate::service {

/// A missing or invalid setting. what() names the key and says what is wanted.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ServiceConfig {
    std::string rules;            ///< fairgate.rules: the rulebook (required).
    std::string db;               ///< fairgate.db: the store; default Store::default_connection().
    std::string inbox;            ///< fairgate.inbox: watched folder (required).
    std::string out;              ///< fairgate.out: workbooks (required).
    std::string processed;        ///< fairgate.processed: taken files; default OUT/processed.
    std::string quarantine;       ///< fairgate.quarantine: refused files; default OUT/quarantine.
    std::string mappings;         ///< fairgate.mappings: folder of template mappings; none if empty.
    unsigned poll_ms = 2000;      ///< fairgate.poll_ms: inbox polling interval.
    unsigned jobs = 0;            ///< fairgate.jobs: judging threads; 0 = one per core.
    unsigned batch_files = 200;   ///< fairgate.batch_files: most files judged in one run.
    bool http_enabled = true;     ///< fairgate.http.enabled
    std::string http_host = "127.0.0.1";  ///< fairgate.http.host
    unsigned http_port = 8080;    ///< fairgate.http.port; 0 = any free port (logged).
    unsigned http_threads = 64;   ///< fairgate.http.threads: connections served at once
    uint64_t max_body_bytes = 50ull << 20;  ///< fairgate.http.max_body_mb: largest request body
    /// fairgate.http.header_timeout_s: a request's line and headers must have arrived whole
    /// this long after the connection is served (or the previous answer sent), however the
    /// client paces them; an idle connection is closed after it.
    unsigned http_header_timeout_s = 5;
    /// fairgate.http.body_timeout_s: a request body must have arrived whole this long after its
    /// headers, however the client paces it.
    unsigned http_body_timeout_s = 300;
    /// fairgate.http.connections_per_client: most connections open at once from one address;
    /// 0 = all but an eighth of http_threads, so one client never holds every thread.
    unsigned http_connections_per_client = 0;
    /// The cap actually applied: http_connections_per_client, or its default from http_threads.
    unsigned connections_per_client() const {
        if (http_connections_per_client != 0) return http_connections_per_client;
        const unsigned kept = http_threads / 8 > 0 ? http_threads / 8 : 1;
        return http_threads > kept ? http_threads - kept : 1;
    }
    unsigned session_lifetime_s = 8 * 3600;  ///< fairgate.http.session_lifetime_s: a page session's longest life.
    unsigned session_idle_s = 30 * 60;  ///< fairgate.http.session_idle_s: ends a session unused this long; 0 = never.
    unsigned max_sessions = 10'000;     ///< fairgate.http.max_sessions: more sign-ins end the oldest sessions.
    bool secure_cookies = false;        ///< fairgate.http.secure_cookies: cookies only over https (behind TLS).
    std::string log_file;         ///< fairgate.log.file; empty = console only.
    std::string log_level = "info";  ///< fairgate.log.level
    unsigned log_max_mb = 10;     ///< fairgate.log.max_mb: size at which the log file rotates.
    unsigned log_keep = 5;        ///< fairgate.log.keep: rotated files kept.
    std::vector<TokenEntry> tokens;  ///< fairgate.token.<name>.role|salt|sha256
};

/// Reads and checks every setting. Throws ConfigError naming the first bad key.
ServiceConfig read_service_config(const Poco::Util::AbstractConfiguration& config);

/// The environment variable that overrides `key`: "fairgate.http.port" -> FAIRGATE_HTTP_PORT.
std::string environment_name(const std::string& key);

/// The keys that environment variables may override (all but the tokens).
const std::vector<std::string>& overridable_keys();

}  // namespace fairgate::service
