#include "cli/fairgate_app.hpp"

#include <Poco/Util/Option.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/exit_codes.hpp"
#include "cli/help_text.hpp"
#include "cli/inspect_command.hpp"
#include "cli/progress_display.hpp"
#include "cli/rule_explanation_text.hpp"
#include "cli/run_summary.hpp"
#include "importers/import_error.hpp"
#include "importers/reading_plan.hpp"
#include "importers/template_mapping.hpp"
#include "pipeline/explanation.hpp"
#include "pipeline/log_lines.hpp"
#include "pipeline/batch_run.hpp"
#include "pipeline/version.hpp"
#include "reports/abandoned_files.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_document.hpp"
#include "rulebook/rulebook_lint.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using Poco::Util::Option;

namespace fairgate::cli {

void FairgateApp::initialize(Poco::Util::Application& self) {
    // No configuration files are loaded for the CLI: everything comes from the command line
    // and the environment, so a run is fully described by what was typed.
    Poco::Util::Application::initialize(self);
}

void FairgateApp::defineOptions(Poco::Util::OptionSet& options) {
    Poco::Util::Application::defineOptions(options);
    auto add = [&](const char* name, const char* arg, const char* help) {
        Option o(name, "", help);
        o.required(false).repeatable(false);
        if (arg) o.argument(arg);
        options.addOption(o);
    };
    options.addOption(Option("help", "h", "show help").required(false).repeatable(false));
    add("version", nullptr, "show the version");
    add("rules", "FILE", "the rulebook");
    add("inbox", "DIR", "folder of input files");
    add("out", "DIR", "folder for workbooks");
    add("db", "CONNECTION", "the store");
    add("quarantine", "DIR", "folder for refused files");
    add("all", nullptr, "judge every stored contract");
    add("as-of", "DATE", "state positions at DATE");
    add("fail-on", "LIST", "outcomes that make the exit status 1");
    add("jobs", "N", "threads that read ahead, judge and write workbooks");
    add("log-level", "LEVEL", "trace, debug, info, warn, error");
    add("log-file", "FILE", "also log to FILE");
    add("progress", "WHEN", "run: auto, bar, lines or never");
    add("rule", "ID", "rules explain: the rule to explain");
    add("return", "PATH", "rules explain: the file whose returns it judges");
    add("output", "FILE", "rules doc: write to FILE instead of the screen");
    add("json", nullptr, "inspect: JSON lines");
    add("cells", nullptr, "inspect: every non-empty cell as JSON lines");
    add("mappings", "DIR", "template mappings (*.mapping.csv) for inputs with their own headings");
}

void FairgateApp::handleOption(const std::string& name, const std::string& value) {
    Poco::Util::Application::handleOption(name, value);
    if (name == "help") { help_ = true; stopOptionsProcessing(); return; }
    if (name == "version") { version_ = true; return; }
    config().setString("fairgate." + name, value.empty() ? "true" : value);
}

void FairgateApp::setup_logging() {
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    // One prefix style for every message of the command line, its own and the pipeline's.
    console->set_formatter(log_line_formatter("%^%@%$%v"));
    progress_ = make_progress_display();
    sinks.push_back(progress_->log_sink(console));  // a log line never lands in the bar
    const std::string file = config().getString("fairgate.log-file", "");
    if (!file.empty()) {
        auto f = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file);
        f->set_formatter(log_line_formatter("%Y-%m-%dT%H:%M:%S.%e %-5l %v"));
        sinks.push_back(f);
    }
    auto logger = std::make_shared<spdlog::logger>("fairgate", sinks.begin(), sinks.end());
    const std::string level = config().getString("fairgate.log-level", "info");
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off") {
        throw std::invalid_argument("unknown --log-level '" + level + "' (trace, debug, info, warn, error)");
    }
    logger->set_level(parsed);
    spdlog::set_default_logger(logger);
}

std::shared_ptr<ProgressDisplay> FairgateApp::make_progress_display() {
    const std::string when = config().getString("fairgate.progress", "auto");
    const bool terminal = isatty(STDERR_FILENO) == 1;
    ProgressStyle style;
    if (when == "auto") style = terminal ? ProgressStyle::Bar : ProgressStyle::Lines;
    else if (when == "bar") style = ProgressStyle::Bar;
    else if (when == "lines") style = ProgressStyle::Lines;
    else if (when == "never") style = ProgressStyle::None;
    else throw std::invalid_argument("unknown --progress '" + when + "' (auto, bar, lines, never)");
    // A redraw a few times a second; a line every 5 s, so a log of a long run shows its pace
    // without drowning in it. FAIRGATE_PROGRESS_INTERVAL (seconds) changes both: for tests.
    double interval = style == ProgressStyle::Bar ? 0.1 : 5.0;
    if (const char* env = std::getenv("FAIRGATE_PROGRESS_INTERVAL"); env && *env) {
        char* end = nullptr;
        const double v = std::strtod(env, &end);
        if (*end || !(v >= 0)) throw std::invalid_argument(std::string("FAIRGATE_PROGRESS_INTERVAL='") + env + "' is not a number of seconds");
        interval = v;
    }
    return std::make_shared<ProgressDisplay>(style, std::chrono::duration<double>(interval));
}

namespace {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace

int FairgateApp::main(const std::vector<std::string>& args) {
    if (version_) {
        std::cout << "fairgate " << pipeline::fairgate_version() << "\n";
        return kOk;
    }
    if (help_ || args.empty()) {
        std::cout << help_text(args.empty() ? "" : args[0]);
        return args.empty() && !help_ ? kUsage : kOk;
    }
    try {
        setup_logging();
        const std::string& command = args[0];
        if (command == "help") return command_help(args);
        if (command == "run") {
            if (args.size() > 1) throw UsageError("run takes no arguments besides options: '" + args[1] + "'");
            return command_run();
        }
        if (command == "rules") return command_rules(args);
        if (command == "inspect") return command_inspect(args);
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& e) {
        std::cerr << "fairgate: " << e.what() << "\nRun `fairgate --help` for usage.\n";
        return kUsage;
    } catch (const std::invalid_argument& e) {
        std::cerr << "fairgate: " << e.what() << "\n";
        return kUsage;
    }
}

int FairgateApp::command_help(const std::vector<std::string>& args) {
    if (args.size() > 2) throw UsageError("help takes one command at most");
    const std::string command = args.size() > 1 ? args[1] : "";
    if (!has_help(command)) throw UsageError("no command '" + command + "' (run, rules, inspect, serve, help)");
    std::cout << help_text(command == "help" ? "" : command);
    return kOk;
}

int FairgateApp::load_rules(const std::string& path, Rulebook& rb) {
    if (!fs::exists(path)) {
        std::cerr << "fairgate: " << path << ": no such rulebook\n";
        return kNoInput;
    }
    try {
        rb = load_rulebook(path);
    } catch (const RulebookError& e) {
        std::cerr << e.what() << "\n" << e.diagnostics().size() << " error(s)\n";
        return kDataError;
    }
    return kOk;
}

int FairgateApp::load_mappings(const Rulebook& rb, std::vector<importers::TemplateMapping>& mappings) {
    const std::string dir = config().getString("fairgate.mappings", "");
    if (dir.empty()) return kOk;
    if (!fs::is_directory(dir)) {
        std::cerr << "fairgate: " << dir << ": no such mappings folder\n";
        return kNoInput;
    }
    try {
        mappings = importers::load_template_mappings(dir, rb.fields);
    } catch (const importers::MappingError& e) {
        std::cerr << "fairgate: " << e.what() << "\n";
        return kDataError;
    }
    return kOk;
}

int FairgateApp::command_rules(const std::vector<std::string>& args) {
    static const char* usage =
        "usage: fairgate rules lint FILE | rules test FILE | rules explain FILE --rule ID --return PATH | rules doc FILE";
    if (args.size() != 3) throw UsageError(usage);
    const std::string& sub = args[1];
    if (sub != "lint" && sub != "test" && sub != "explain" && sub != "doc") throw UsageError(usage);
    const std::string& path = args[2];
    Rulebook rb;
    if (const int status = load_rules(path, rb); status != kOk) return status;
    if (sub == "lint") return rules_lint(rb, path);
    if (sub == "test") return rules_test(rb, path);
    if (sub == "doc") return rules_doc(rb);
    return rules_explain(rb);
}

int FairgateApp::command_inspect(const std::vector<std::string>& args) {
    const std::string rules = config().getString("fairgate.rules", "");
    if (rules.empty()) throw UsageError("inspect needs --rules FILE (its field dictionary names what is read)");
    if (args.size() < 2) throw UsageError("usage: fairgate inspect --rules FILE [--json | --cells] INPUT...");
    Rulebook rb;
    if (const int status = load_rules(rules, rb); status != kOk) return status;
    const std::vector<std::string> paths(args.begin() + 1, args.end());
    std::vector<importers::TemplateMapping> mappings;
    if (const int status = load_mappings(rb, mappings); status != kOk) return status;
    const bool json = config().hasProperty("fairgate.json"), cells = config().hasProperty("fairgate.cells");
    if (json && cells) throw UsageError("inspect: --json and --cells are two outputs (--cells is JSON lines too): give one");
    const importers::ReadingPlan reading(rb.fields, std::move(mappings));
    return inspect_command(paths, json, cells, reading, std::cout, std::cerr);
}

int FairgateApp::rules_lint(const Rulebook& rb, const std::string& path) {
    const std::vector<Diagnostic> problems = lint_rulebook(rb);
    for (const Diagnostic& d : problems) std::cerr << d.display() << "\n";
    std::cout << path << ": " << rb.rules.size() << " rules, " << rb.fields.size() << " fields, "
              << rb.parameters.size() << " parameters, " << rb.clauses.size() << " sources, " << rb.tests.size()
              << " tests; " << problems.size() << " problem(s)\n";
    return problems.empty() ? kOk : kDataError;
}

int FairgateApp::rules_test(const Rulebook& rb, const std::string& path) {
    size_t passed = 0, failed = 0;
    for (const auto& r : run_rule_tests(rb)) {
        if (r.passed()) { ++passed; continue; }
        ++failed;
        std::cout << path << ":" << r.test->line << ": FAIL " << r.test->rule_id << " / " << r.test->name << ": expected "
                  << to_string(r.test->expect) << ", got " << to_string(r.actual) << " (" << r.message << ")\n";
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed ? kDataError : kOk;
}

int FairgateApp::rules_doc(const Rulebook& rb) {
    const std::string output = config().getString("fairgate.output", "");
    if (output.empty()) {
        write_rulebook_document(std::cout, rb);
        return kOk;
    }
    std::ofstream file(output);
    write_rulebook_document(file, rb);
    file.close();
    if (!file) {
        std::cerr << "fairgate: " << output << ": cannot write\n";
        return kCantCreate;
    }
    std::cout << "wrote " << output << "\n";
    return kOk;
}

int FairgateApp::rules_explain(const Rulebook& rb) {
    const std::string rule_id = config().getString("fairgate.rule", "");
    const std::string return_path = config().getString("fairgate.return", "");
    if (rule_id.empty() || return_path.empty()) throw UsageError("rules explain needs --rule ID and --return PATH");
    const Rule* rule = rb.rule(rule_id);
    if (!rule) {
        std::cerr << "fairgate: " << rb.path << " has no rule " << rule_id << "\n";
        return kUsage;
    }
    if (!fs::is_regular_file(return_path)) {
        std::cerr << "fairgate: " << return_path << ": no such file\n";
        return kNoInput;
    }
    std::vector<importers::TemplateMapping> mappings;
    if (const int status = load_mappings(rb, mappings); status != kOk) return status;
    const importers::ReadingPlan reading(rb.fields, std::move(mappings));
    // The store gives a return its context (contract, tender promise, earlier quarters) when
    // one is named or the default one exists; otherwise the return is judged alone.
    std::unique_ptr<Store> store;
    const std::string db = config().getString("fairgate.db", Store::default_connection());
    if (config().hasProperty("fairgate.db") || fs::exists(db)) {
        try {
            store = Store::open(db);
        } catch (const std::exception& e) {
            std::cerr << "fairgate: cannot open the store: " << e.what() << "\n";
            return kIoError;
        }
    }
    std::vector<RuleExplanation> explained;
    try {
        explained = explain_rule(rb, *rule, return_path, reading, store.get());
    } catch (const importers::ImportError& e) {
        std::cerr << "fairgate: " << e.describe() << "\n";
        return kDataError;
    }
    if (explained.empty()) {
        std::cerr << "fairgate: " << return_path << " holds nothing that " << rule->id << " judges (a "
                  << to_string(rule->stage) << " rule)\n";
        return kDataError;
    }
    print_explanations(std::cout, rb, *rule, explained);
    return kOk;
}

int FairgateApp::command_run() {
    auto need = [&](const char* key) {
        const std::string v = config().getString(std::string("fairgate.") + key, "");
        if (v.empty()) throw UsageError(std::string("run needs --") + key);
        return v;
    };
    const std::string rules = need("rules");
    const std::string inbox = need("inbox");
    const std::string out = need("out");
    const std::string db = config().getString("fairgate.db", Store::default_connection());
    std::vector<Outcome> fail_on;
    {
        std::stringstream ss(config().getString("fairgate.fail-on", ""));
        std::string item;
        while (std::getline(ss, item, ',')) {
            if (item.empty()) continue;
            auto o = parse_outcome(item);
            if (!o) throw UsageError("--fail-on: unknown outcome '" + item + "' (pass, warn, fail, refer, missing)");
            fail_on.push_back(*o);
        }
    }
    BatchOptions opt;
    opt.inbox = inbox;
    opt.out_dir = out;
    opt.quarantine_dir = config().getString("fairgate.quarantine", (fs::path(out) / "quarantine").string());
    opt.all_contracts = config().hasProperty("fairgate.all");
    opt.as_of = config().getString("fairgate.as-of", "");
    opt.fairgate_version = pipeline::fairgate_version();
    if (const std::string jobs = config().getString("fairgate.jobs", ""); !jobs.empty()) {
        char* end = nullptr;
        const long n = std::strtol(jobs.c_str(), &end, 10);
        if (*end || n < 1 || n > 256) throw UsageError("--jobs must be a whole number from 1 to 256");
        opt.jobs = static_cast<unsigned>(n);
    }
    if (!opt.as_of.empty() && !Date::parse_iso(opt.as_of)) throw UsageError("--as-of must be YYYY-MM-DD");

    Rulebook rb;
    if (const int status = load_rules(rules, rb); status != kOk) return status;
    if (const int status = load_mappings(rb, opt.mappings); status != kOk) return status;
    if (!fs::is_directory(inbox)) { spdlog::error("{}: the inbox is not a folder", inbox); return kNoInput; }
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec || !fs::is_directory(out)) { spdlog::error("{}: cannot create the output folder: {}", out, ec.message()); return kCantCreate; }

    std::unique_ptr<Store> store;
    try {
        Store::create_folder(db);
        store = Store::open(db);
    } catch (const std::exception& e) {
        spdlog::error("cannot open the store: {}", e.what());
        return kIoError;
    }
    if (const size_t n = reports::remove_abandoned_workbooks(out))
        spdlog::info("{}: removed {} temporary workbook(s) left by a run that was stopped", out, n);
    BatchResult result;
    opt.progress = progress_.get();
    try {
        result = run_batch(rb, *store, opt);
        progress_->finish();
    } catch (const StoreError& e) {
        progress_->finish();
        spdlog::error("the run failed: {}", e.what());
        return kIoError;
    } catch (const std::exception& e) {
        progress_->finish();
        spdlog::error("the run failed: {}", e.what());
        return kSoftware;
    }
    if (result.run.files.empty() && !opt.all_contracts)
        spdlog::warn("{}: the inbox holds no files, so nothing was read or judged (--all judges what is stored)", inbox);
    print_run_summary(std::cout, result, db);
    for (Outcome o : fail_on) {
        if (result.run.outcomes[static_cast<size_t>(o)] > 0) return kFindingsAtThreshold;
    }
    return kOk;
}

}  // namespace fairgate::cli
