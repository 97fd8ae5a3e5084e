#pragma once
// A service assembled in-process for one test: a fresh folder with inbox, out, processed
// and quarantine, the shipped rulebook, a fresh SQLite store, an intake (started) and two
// tokens (officer and auditor). Real parts throughout; nothing is mocked.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>

#include "rulebook/rulebook_loader.hpp"
#include "service/access.hpp"
#include "service/intake.hpp"
#include "service/metrics.hpp"
#include "service/service_config.hpp"
#include "support/test_db.hpp"

namespace fairgate::test {

struct ServiceFixture {
    std::filesystem::path dir;
    service::ServiceConfig config;
    Rulebook rulebook;
    std::unique_ptr<TestDb> db;
    service::ServiceMetrics metrics;
    std::unique_ptr<service::Intake> intake;
    std::string officer_token, auditor_token, admin_token;

    /// `postgres`: the store is a fresh PostgreSQL schema (FAIRGATE_TEST_POSTGRES); check
    /// `ready()`, which is false when no server is configured.
    explicit ServiceFixture(const std::string& name, bool postgres = false) {
        dir = std::filesystem::path(FAIRGATE_TEST_TMP) / name;
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        config.rules = std::string(FAIRGATE_SOURCE_DIR) + "/rules/bexley.xml";
        config.inbox = (dir / "inbox").string();
        config.out = (dir / "out").string();
        config.processed = (dir / "processed").string();
        config.quarantine = (dir / "quarantine").string();
        config.http_port = 0;  // any free port
        config.max_body_bytes = 2u << 20;
        for (const auto& f : {config.inbox, config.out, config.processed, config.quarantine})
            std::filesystem::create_directories(f);
        db = postgres ? make_postgres_db(name) : make_sqlite_db(dir.string(), "service");
        if (!db) return;
        config.db = db->connection();
        rulebook = load_rulebook(config.rules);
        auto officer = service::make_token("officer-1", service::Role::Officer);
        auto auditor = service::make_token("auditor-1", service::Role::Auditor);
        auto admin = service::make_token("admin-1", service::Role::Admin);
        officer_token = officer.token;
        auditor_token = auditor.token;
        admin_token = admin.token;
        config.tokens = {officer.entry, auditor.entry, admin.entry};

        service::IntakeOptions o;
        o.batch.out_dir = config.out;
        o.batch.quarantine_dir = config.quarantine;
        o.batch.inbox = config.inbox;
        o.batch.jobs = 1;
        o.batch.fairgate_version = "test";
        o.processed_dir = config.processed;
        intake = std::make_unique<service::Intake>(rulebook, config.db, o, metrics);
        intake->start();
    }

    bool ready() const { return intake != nullptr; }

    /// A file from samples/inbox (path relative to it).
    static std::filesystem::path sample(const std::string& relative) {
        return std::filesystem::path(FAIRGATE_SOURCE_DIR) / "samples" / "inbox" / relative;
    }

    /// Copies a sample file into the inbox (flat) and returns its inbox path.
    std::string put_in_inbox(const std::string& relative) const {
        const auto from = sample(relative);
        const auto to = std::filesystem::path(config.inbox) / from.filename();
        std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
        return to.string();
    }

    /// Writes `content` as a file in the inbox.
    std::string write_in_inbox(const std::string& name, const std::string& content) const {
        const auto to = std::filesystem::path(config.inbox) / name;
        std::ofstream(to, std::ios::binary) << content;
        return to.string();
    }
};

}  // namespace fairgate::test
