#include "service/serve_app.hpp"

#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/Option.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sysexits.h>

#include "pipeline/log_lines.hpp"
#include "pipeline/version.hpp"
#include "reports/abandoned_files.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "service/http_api.hpp"
#include "service/inbox_watcher.hpp"
#include "service/intake.hpp"
#include "service/service_config.hpp"

namespace fs = std::filesystem;
using Poco::Util::Option;

namespace fairgate::service {

namespace {

constexpr const char* kUsage =
    "usage: fairgate serve --config FILE [--set KEY=VALUE]... [--daemon --pidfile=FILE]\n"
    "       fairgate serve token NAME ROLE      (ROLE: officer, auditor or admin)\n";

// Lower numbers are consulted first: --set, then the environment, then the file.
constexpr int kCommandLinePriority = -200;
constexpr int kEnvironmentPriority = -150;

}  // namespace

void ServeApp::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);  // --daemon, --pidfile, --umask
    options.addOption(Option("help", "h", "show help").required(false).repeatable(false));
    options.addOption(Option("config", "c", "the configuration file (.properties or .ini)")
                          .required(false).repeatable(false).argument("FILE"));
    options.addOption(Option("set", "D", "override a setting: KEY=VALUE (repeatable)")
                          .required(false).repeatable(true).argument("KEY=VALUE"));
}

void ServeApp::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        help_ = true;
        stopOptionsProcessing();
    } else if (name == "config") {
        config_file_ = value;
    } else if (name == "set") {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Poco::InvalidArgumentException("--set needs KEY=VALUE, got '" + value + "'");
        if (!overrides_added_) {
            config().add(overrides_, kCommandLinePriority, false);
            overrides_added_ = true;
        }
        overrides_->setString(value.substr(0, eq), value.substr(eq + 1));
    }
}

void ServeApp::initialize(Poco::Util::Application& self) {
    std::error_code ec;
    if (!working_dir_.empty()) fs::current_path(working_dir_, ec);
    if (!config_file_.empty()) {
        if (!fs::is_regular_file(config_file_))
            throw Poco::FileNotFoundException(config_file_ + ": no such configuration file");
        loadConfiguration(config_file_);
    }
    Poco::AutoPtr<Poco::Util::MapConfiguration> environment = new Poco::Util::MapConfiguration;
    for (const auto& key : overridable_keys()) {
        if (const char* v = std::getenv(environment_name(key).c_str()); v && *v) environment->setString(key, v);
    }
    config().add(environment, kEnvironmentPriority, false);
    ServerApplication::initialize(self);
}

void ServeApp::setup_logging() {
    const std::string file = config().getString("fairgate.log.file", "");
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_formatter(log_line_formatter("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %v"));
    sinks.push_back(console);
    if (!file.empty()) {
        const auto max_mb = config().getUInt("fairgate.log.max_mb", 10);
        const auto keep = config().getUInt("fairgate.log.keep", 5);
        auto f = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, size_t{max_mb} << 20, keep);
        f->set_formatter(log_line_formatter("%Y-%m-%dT%H:%M:%S.%e %-5l %v"));
        sinks.push_back(f);
    }
    auto logger = std::make_shared<spdlog::logger>("fairgate", sinks.begin(), sinks.end());
    const std::string level = config().getString("fairgate.log.level", "info");
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off")
        throw ConfigError("fairgate.log.level = '" + level + "': expected trace, debug, info, warn or error");
    logger->set_level(parsed);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

int ServeApp::make_token(const std::vector<std::string>& args) {
    if (args.size() != 3) {
        std::cerr << kUsage;
        return EX_USAGE;
    }
    const auto role = parse_role(args[2]);
    if (!role) {
        std::cerr << "fairgate: role '" << args[2] << "': expected officer, auditor or admin\n";
        return EX_USAGE;
    }
    for (unsigned char c : args[1]) {
        if (!std::isalnum(c) && c != '-' && c != '_') {
            std::cerr << "fairgate: token name '" << args[1] << "': use letters, digits, '-' and '_'\n";
            return EX_USAGE;
        }
    }
    const NewToken t = service::make_token(args[1], *role);
    const std::string base = "fairgate.token." + t.entry.name;
    std::cout << "# Give this token to its holder; it is not stored anywhere and cannot be shown again:\n"
              << "#   " << t.token << "\n"
              << "# Add these lines to the service's configuration file:\n"
              << base << ".role = " << to_string(t.entry.role) << "\n"
              << base << ".salt = " << t.entry.salt << "\n"
              << base << ".sha256 = " << t.entry.sha256 << "\n";
    return EX_OK;
}

int ServeApp::main(const std::vector<std::string>& args) {
    if (help_) {
        std::cout << kUsage << "\nSettings and their defaults: docs/service.md\n";
        return EX_OK;
    }
    if (!args.empty() && args[0] == "token") return make_token(args);
    if (!args.empty()) {
        std::cerr << "fairgate serve: unexpected argument '" << args[0] << "'\n" << kUsage;
        return EX_USAGE;
    }
    ServiceConfig cfg;
    Rulebook rulebook;
    std::vector<importers::TemplateMapping> mappings;
    try {
        setup_logging();
        cfg = read_service_config(config());
        if (cfg.http_enabled && cfg.tokens.empty())
            throw ConfigError("no access tokens are configured (fairgate.token.NAME.*), so nobody could use the "
                              "HTTP API: make one with `fairgate serve token NAME ROLE`, or set "
                              "fairgate.http.enabled = false");
        rulebook = load_rulebook(cfg.rules);
        if (!cfg.mappings.empty()) mappings = importers::load_template_mappings(cfg.mappings, rulebook.fields);
    } catch (const RulebookError& e) {
        spdlog::error("{}", e.what());
        return EX_DATAERR;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return EX_CONFIG;
    }
    for (const auto& [folder, what] : {std::pair{cfg.inbox, "inbox"}, {cfg.out, "output folder"},
                                       {cfg.processed, "processed folder"}, {cfg.quarantine, "quarantine"}}) {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (!fs::is_directory(folder)) {
            spdlog::error("{}: cannot create the {}: {}", folder, what, ec.message());
            return EX_CANTCREAT;
        }
    }

    if (const size_t n = reports::remove_abandoned_workbooks(cfg.out))
        spdlog::info("{}: removed {} temporary workbook(s) left by a writer that was stopped", cfg.out, n);

    ServiceMetrics metrics;
    IntakeOptions intake_options;
    intake_options.batch.out_dir = cfg.out;
    intake_options.batch.quarantine_dir = cfg.quarantine;
    intake_options.batch.inbox = cfg.inbox;
    intake_options.batch.jobs = cfg.jobs;
    intake_options.batch.fairgate_version = pipeline::fairgate_version();
    intake_options.batch.mappings = std::move(mappings);
    intake_options.processed_dir = cfg.processed;
    intake_options.max_batch_files = cfg.batch_files;
    Intake intake(rulebook, cfg.db, intake_options, metrics);
    try {
        Store::create_folder(cfg.db);
        intake.start();
    } catch (const std::exception& e) {
        spdlog::error("cannot open the store: {}", e.what());
        return EX_IOERR;
    }
    InboxWatcher watcher(cfg.inbox, std::chrono::milliseconds(cfg.poll_ms), intake);
    ServiceParts parts{cfg, intake, &watcher, metrics, AccessList(cfg.tokens), StorePool(cfg.db)};
    ApiServer api(parts);
    if (cfg.http_enabled) {
        try {
            api.start();
        } catch (const std::exception& e) {
            spdlog::error("cannot listen on {}:{}: {}", cfg.http_host, cfg.http_port, e.what());
            intake.stop();
            return EX_UNAVAILABLE;
        }
    }
    watcher.start();
    spdlog::info("fairgate {} serving: rulebook {} {}, inbox {}, every {} ms", pipeline::fairgate_version(), rulebook.id,
                 rulebook.version, cfg.inbox, cfg.poll_ms);

    waitForTerminationRequest();

    // Stop taking work first, then let what is in flight finish: uploads in progress get
    // their answers, the run in progress commits and moves its files.
    spdlog::info("stopping: finishing the work in progress");
    watcher.stop();
    api.stop();
    intake.stop();
    spdlog::info("stopped");
    return EX_OK;
}

}  // namespace fairgate::service
