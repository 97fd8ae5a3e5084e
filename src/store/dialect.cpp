#include "store/dialect.hpp"

#include <cctype>
#include <stdexcept>

#include <libpq-fe.h>

#include <Poco/Data/Binding.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/SessionHandle.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <spdlog/spdlog.h>

namespace fairgate::store {

using namespace Poco::Data::Keywords;

namespace {

void run(Poco::Data::Session& session, const std::string& sql) {
    session << sql, now;
}

class SqliteDialect final : public Dialect {
public:
    std::string name() const override { return "sqlite"; }
    std::string connector() const override { return Poco::Data::SQLite::Connector::KEY; }
    std::string sql(std::string_view portable) const override { return std::string(portable); }
    size_t login_timeout_seconds() const override { return 1; }
    void configure(Poco::Data::Session& session) const override {
        // WAL lets readers (reports, a second run) proceed while a run writes; the busy
        // timeout makes concurrent writers queue instead of failing at once.
        run(session, "PRAGMA busy_timeout = " + std::to_string(kSqliteBusyTimeoutMs));
        run(session, "PRAGMA journal_mode = WAL");
        run(session, "PRAGMA synchronous = NORMAL");
        run(session, "PRAGMA foreign_keys = ON");
        // A batch's findings are one large transaction; with SQLite's default 2 MiB page cache
        // it spills to the WAL part-way and rewrites pages there. 16 MiB holds it.
        run(session, "PRAGMA cache_size = -16384");
    }
    void begin(Poco::Data::Session& session) const override { run(session, begin_sql()); }
    void commit(Poco::Data::Session& session) const override { run(session, commit_sql()); }
    std::string begin_sql() const override { return "BEGIN IMMEDIATE"; }
    std::string commit_sql() const override { return "COMMIT"; }
    void rollback(Poco::Data::Session& session) const override { run(session, "ROLLBACK"); }
    void lock_migrations(Poco::Data::Session&) const override {
        // BEGIN IMMEDIATE already holds the database's only write lock.
    }
    // SQLite's compile-time limit is 32766 since 3.32; stay far below it so statements stay
    // small enough to prepare quickly.
    size_t max_params() const override { return 4000; }
};

class PostgresDialect final : public Dialect {
public:
    explicit PostgresDialect(PgSettings settings) : settings_(std::move(settings)) {}
    std::string name() const override { return "postgresql"; }
    std::string connector() const override { return Poco::Data::PostgreSQL::Connector::KEY; }
    std::string sql(std::string_view portable) const override {
        // PostgreSQL numbers its parameters: ? ? ? -> $1 $2 $3.
        std::string out;
        out.reserve(portable.size() + 16);
        int n = 0;
        for (char c : portable) {
            if (c == '?') out += "$" + std::to_string(++n);
            else out.push_back(c);
        }
        return out;
    }
    size_t login_timeout_seconds() const override { return 30; }
    void configure(Poco::Data::Session& session) const override {
        // libpq prints server notices ("relation ... already exists, skipping") on stderr;
        // they are routine here, so they go to the debug log instead.
        auto* handle = Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
        PQsetNoticeProcessor(static_cast<PGconn*>(*handle), &PostgresDialect::log_notice, nullptr);
        for (const auto& [name, value] : settings_) {
            std::string n = name, v = value;
            session << "SELECT set_config($1, $2, false)", bind(n), bind(v), now;
        }
    }
    void begin(Poco::Data::Session& session) const override { session.begin(); }
    void commit(Poco::Data::Session& session) const override { session.commit(); }
    void rollback(Poco::Data::Session& session) const override { session.rollback(); }
    void lock_migrations(Poco::Data::Session& session) const override {
        // Held until the migration transaction ends; other openers wait here, then find the
        // schema current.
        run(session, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE");
    }
    // The protocol allows 65535, but libpq (before 16) drops the connection when the
    // parameter description of a prepared statement exceeds 30000 bytes (4 per parameter).
    size_t max_params() const override { return 4000; }

private:
    static void log_notice(void*, const char* message) {
        std::string m = message ? message : "";
        while (!m.empty() && std::isspace(static_cast<unsigned char>(m.back()))) m.pop_back();
        spdlog::debug("postgresql: {}", m);
    }

    PgSettings settings_;
};

// Splits a libpq `options` value as the server does: white space separates, a backslash
// escapes the next character.
std::vector<std::string> split_options(const std::string& options) {
    std::vector<std::string> out;
    std::string cur;
    bool in_token = false;
    for (size_t i = 0; i < options.size(); ++i) {
        const char c = options[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (in_token) out.push_back(cur);
            cur.clear();
            in_token = false;
        } else {
            if (c == '\\' && i + 1 < options.size()) ++i;
            cur.push_back(options[i]);
            in_token = true;
        }
    }
    if (in_token) out.push_back(cur);
    return out;
}

void add_setting(PgSettings& settings, const std::string& assignment) {
    const size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw std::runtime_error("options: expected name=value, found '" + assignment + "'");
    std::string name = assignment.substr(0, eq);
    for (char& ch : name) if (ch == '-') ch = '_';
    settings.emplace_back(name, assignment.substr(eq + 1));
}

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }
std::unique_ptr<Dialect> make_postgresql_dialect(PgSettings settings) {
    return std::make_unique<PostgresDialect>(std::move(settings));
}

PgConnection prepare_postgresql_connection(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "out of memory";
        PQfreemem(err);
        while (!msg.empty() && std::isspace(static_cast<unsigned char>(msg.back()))) msg.pop_back();
        throw std::runtime_error("bad connection string: " + msg);
    }
    PgConnection out;
    try {
        for (PQconninfoOption* o = opts; o->keyword; ++o) {
            if (!o->val || !*o->val) continue;
            const std::string key = o->keyword, val = o->val;
            if (key == "options") {
                const auto tokens = split_options(val);
                for (size_t i = 0; i < tokens.size(); ++i) {
                    const std::string& t = tokens[i];
                    if (t == "-c" && i + 1 < tokens.size()) add_setting(out.settings, tokens[++i]);
                    else if (t.size() > 2 && t.compare(0, 2, "-c") == 0) add_setting(out.settings, t.substr(2));
                    else if (t.size() > 2 && t.compare(0, 2, "--") == 0) add_setting(out.settings, t.substr(2));
                    else throw std::runtime_error("options: only -c name=value settings are supported, found '" + t + "'");
                }
                continue;
            }
            std::string escaped;
            for (char c : val) {
                if (std::isspace(static_cast<unsigned char>(c)))
                    throw std::runtime_error("the value of " + key +
                                             " contains white space, which the PostgreSQL connector cannot pass");
                if (c == '\\' || c == '\'') escaped.push_back('\\');
                escaped.push_back(c);
            }
            if (!out.connect.empty()) out.connect += ' ';
            out.connect += key + "=" + escaped;
        }
    } catch (...) {
        PQconninfoFree(opts);
        throw;
    }
    PQconninfoFree(opts);
    return out;
}

}  // namespace fairgate::store
