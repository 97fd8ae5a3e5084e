// The service's settings: required keys, defaults, checks, and which layer wins.
#include <boost/test/unit_test.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/MapConfiguration.h>

#include <algorithm>

#include "service/service_config.hpp"

using namespace fairgate::service;
using Poco::AutoPtr;
using Poco::Util::MapConfiguration;

BOOST_AUTO_TEST_SUITE(service_config)

namespace {

AutoPtr<MapConfiguration> minimal() {
    AutoPtr<MapConfiguration> c = new MapConfiguration;
    c->setString("fairgate.rules", "/etc/fairgate/bexley.xml");
    c->setString("fairgate.inbox", "/srv/fairgate/inbox");
    c->setString("fairgate.out", "/srv/fairgate/out");
    return c;
}

std::string error_of(const Poco::Util::AbstractConfiguration& c) {
    try {
        read_service_config(c);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_fill_what_is_not_set) {
    const ServiceConfig s = read_service_config(*minimal());
    BOOST_TEST(s.processed == "/srv/fairgate/out/processed");
    BOOST_TEST(s.quarantine == "/srv/fairgate/out/quarantine");
    BOOST_TEST(s.poll_ms == 2000u);
    BOOST_TEST(s.http_host == "127.0.0.1");
    BOOST_TEST(s.http_port == 8080u);
    BOOST_TEST(s.max_body_bytes == 50ull << 20);
    BOOST_TEST(s.tokens.empty());
    BOOST_TEST(!s.db.empty());
}

BOOST_AUTO_TEST_CASE(a_missing_or_bad_setting_is_named) {
    AutoPtr<MapConfiguration> c = minimal();
    c->remove("fairgate.inbox");
    BOOST_TEST(error_of(*c).find("fairgate.inbox is not set") != std::string::npos);
    BOOST_TEST(error_of(*c).find("FAIRGATE_INBOX") != std::string::npos, "says how else to set it");

    c = minimal();
    c->setString("fairgate.http.port", "80a");
    BOOST_TEST(error_of(*c) == "fairgate.http.port = '80a': expected a whole number from 0 to 65535");
    c->setString("fairgate.http.port", "70000");
    BOOST_TEST(error_of(*c).find("fairgate.http.port = '70000'") == 0u);
    c = minimal();
    c->setString("fairgate.poll_ms", "-5");
    BOOST_TEST(error_of(*c).find("fairgate.poll_ms") == 0u);
    c = minimal();
    c->setString("fairgate.http.enabled", "maybe");
    BOOST_TEST(error_of(*c) == "fairgate.http.enabled = 'maybe': expected true or false");
}

// The transport's limits: defaults, the per-client cap that follows the thread count unless
// set, and bad values named.
BOOST_AUTO_TEST_CASE(http_limits) {
    ServiceConfig s = read_service_config(*minimal());
    BOOST_TEST(s.http_header_timeout_s == 5u);
    BOOST_TEST(s.http_body_timeout_s == 300u);
    BOOST_TEST(s.connections_per_client() == 56u);  // all but an eighth of 64 threads
    AutoPtr<MapConfiguration> c = minimal();
    c->setString("fairgate.http.threads", "8");
    BOOST_TEST(read_service_config(*c).connections_per_client() == 7u);
    c->setString("fairgate.http.threads", "1");
    BOOST_TEST(read_service_config(*c).connections_per_client() == 1u);
    c->setString("fairgate.http.connections_per_client", "200");
    BOOST_TEST(read_service_config(*c).connections_per_client() == 200u);
    c->setString("fairgate.http.header_timeout_s", "0");
    BOOST_TEST(error_of(*c) == "fairgate.http.header_timeout_s = '0': expected a whole number from 1 to 600");
    c = minimal();
    c->setString("fairgate.http.body_timeout_s", "5m");
    BOOST_TEST(error_of(*c).find("fairgate.http.body_timeout_s = '5m'") == 0u);
    for (const char* key :
         {"fairgate.http.header_timeout_s", "fairgate.http.body_timeout_s", "fairgate.http.connections_per_client"}) {
        const auto& keys = overridable_keys();
        BOOST_TEST((std::find(keys.begin(), keys.end(), key) != keys.end()), key << " can be set by the environment");
    }
}

BOOST_AUTO_TEST_CASE(page_session_settings) {
    AutoPtr<MapConfiguration> c = minimal();
    ServiceConfig s = read_service_config(*c);
    BOOST_TEST(s.session_lifetime_s == 8u * 3600);
    BOOST_TEST(s.session_idle_s == 30u * 60);
    BOOST_TEST(s.max_sessions == 10'000u);
    BOOST_TEST(!s.secure_cookies);
    c->setString("fairgate.http.session_lifetime_s", "2");
    c->setString("fairgate.http.session_idle_s", "0");
    c->setString("fairgate.http.max_sessions", "50");
    c->setString("fairgate.http.secure_cookies", "true");
    s = read_service_config(*c);
    BOOST_TEST(s.session_lifetime_s == 2u);
    BOOST_TEST(s.session_idle_s == 0u);
    BOOST_TEST(s.max_sessions == 50u);
    BOOST_TEST(s.secure_cookies);
    c->setString("fairgate.http.session_lifetime_s", "0");
    BOOST_TEST(error_of(*c).find("fairgate.http.session_lifetime_s = '0'") == 0u, error_of(*c));
    c = minimal();
    c->setString("fairgate.http.max_sessions", "0");
    BOOST_TEST(error_of(*c).find("fairgate.http.max_sessions = '0'") == 0u, error_of(*c));
    for (const char* key : {"fairgate.http.session_lifetime_s", "fairgate.http.session_idle_s",
                            "fairgate.http.max_sessions", "fairgate.http.secure_cookies"}) {
        const auto& keys = overridable_keys();
        BOOST_TEST((std::find(keys.begin(), keys.end(), key) != keys.end()), key << " can be set by the environment");
    }
}

BOOST_AUTO_TEST_CASE(folders_inside_the_inbox_are_refused) {
    AutoPtr<MapConfiguration> c = minimal();
    c->setString("fairgate.processed", "/srv/fairgate/inbox/done");
    BOOST_TEST(error_of(*c).find("fairgate.processed") == 0u);
    c = minimal();
    c->setString("fairgate.out", "/srv/fairgate/inbox/out");
    BOOST_TEST(error_of(*c).find("must not be inside one another") != std::string::npos);
    c = minimal();
    c->setString("fairgate.inbox", "/srv/fairgate/inbox2");  // a sibling with a common prefix is fine
    c->setString("fairgate.processed", "/srv/fairgate/inbox");
    BOOST_TEST(error_of(*c).empty());
}

BOOST_AUTO_TEST_CASE(tokens_are_read_and_checked) {
    AutoPtr<MapConfiguration> c = minimal();
    const auto t = make_token("audit", Role::Auditor);
    c->setString("fairgate.token.audit.role", "auditor");
    c->setString("fairgate.token.audit.salt", t.entry.salt);
    c->setString("fairgate.token.audit.sha256", t.entry.sha256);
    const ServiceConfig s = read_service_config(*c);
    BOOST_TEST_REQUIRE(s.tokens.size() == 1u);
    BOOST_TEST(s.tokens[0].name == "audit");
    BOOST_TEST(AccessList(s.tokens).find(t.token).has_value());

    c->setString("fairgate.token.audit.role", "superuser");
    BOOST_TEST(error_of(*c) == "fairgate.token.audit.role = 'superuser': expected officer, auditor or admin");
    c->setString("fairgate.token.audit.role", "auditor");
    c->setString("fairgate.token.audit.sha256", "not-hex");
    BOOST_TEST(error_of(*c).find("fairgate.token.audit: salt and sha256 must be hex") == 0u);
    c->remove("fairgate.token.audit.sha256");
    BOOST_TEST(error_of(*c).find("fairgate.token.audit.sha256 is not set") == 0u);
}

BOOST_AUTO_TEST_CASE(command_line_beats_environment_beats_file) {
    // The layering ServeApp sets up: --set (-200) before the environment (-150) before the file.
    AutoPtr<Poco::Util::LayeredConfiguration> layered = new Poco::Util::LayeredConfiguration;
    AutoPtr<MapConfiguration> file = minimal(), environment = new MapConfiguration, command = new MapConfiguration;
    file->setString("fairgate.http.port", "8080");
    file->setString("fairgate.poll_ms", "1000");
    file->setString("fairgate.jobs", "2");
    environment->setString("fairgate.http.port", "9090");
    environment->setString("fairgate.poll_ms", "500");
    command->setString("fairgate.http.port", "7070");
    layered->add(file, 0);
    layered->add(environment, -150);
    layered->add(command, -200);
    const ServiceConfig s = read_service_config(*layered);
    BOOST_TEST(s.http_port == 7070u);
    BOOST_TEST(s.poll_ms == 500u);
    BOOST_TEST(s.jobs == 2u);
    BOOST_TEST(environment_name("fairgate.http.max_body_mb") == "FAIRGATE_HTTP_MAX_BODY_MB");
    for (const auto& key : overridable_keys()) BOOST_TEST(key.rfind("fairgate.", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
