#include "store/migrations.hpp"

#include "model/company_number.hpp"
#include "model/timestamp.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fairgate::store {

namespace {

// Portable DDL: TEXT and BIGINT mean the same on both backends; no NULLs are stored (every
// column has a default) so that readers never need to tell NULL from empty. Dates are ISO
// text. Column names avoid words either backend reserves (end, value, type, position).
const std::vector<std::vector<std::string>> kMigrations = {
    // 1: the initial schema.
    {
        R"(CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            started_at TEXT NOT NULL DEFAULT '',
            finished_at TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            rulebook_id TEXT NOT NULL DEFAULT '',
            rulebook_version TEXT NOT NULL DEFAULT '',
            rulebook_sha256 TEXT NOT NULL DEFAULT '',
            inbox TEXT NOT NULL DEFAULT '',
            out_dir TEXT NOT NULL DEFAULT '',
            contracts_reported BIGINT NOT NULL DEFAULT 0,
            returns_evaluated BIGINT NOT NULL DEFAULT 0,
            pass_count BIGINT NOT NULL DEFAULT 0,
            warn_count BIGINT NOT NULL DEFAULT 0,
            fail_count BIGINT NOT NULL DEFAULT 0,
            refer_count BIGINT NOT NULL DEFAULT 0,
            missing_count BIGINT NOT NULL DEFAULT 0,
            not_applicable_count BIGINT NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '')
        )",
        "CREATE INDEX runs_started ON runs (started_at)",
        R"(CREATE TABLE run_files (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            seq BIGINT NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            size_bytes BIGINT NOT NULL DEFAULT 0,
            file_format TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            returns_count BIGINT NOT NULL DEFAULT 0,
            contracts_count BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, seq))
        )",
        R"(CREATE TABLE run_file_notes (
            run_id TEXT NOT NULL,
            file_seq BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (run_id, file_seq, seq),
            FOREIGN KEY (run_id, file_seq) REFERENCES run_files (run_id, seq) ON DELETE CASCADE)
        )",
        R"(CREATE TABLE files (
            sha256 TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '')
        )",
        R"(CREATE TABLE contracts (
            id TEXT NOT NULL PRIMARY KEY,
            tender_id TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            supplier_id TEXT NOT NULL DEFAULT '',
            supplier_name TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL DEFAULT '',
            end_date TEXT NOT NULL DEFAULT '',
            source_sha256 TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '')
        )",
        "CREATE INDEX contracts_tender ON contracts (tender_id)",
        "CREATE INDEX contracts_source ON contracts (source_sha256)",
        R"(CREATE TABLE contract_values (
            contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
            seq BIGINT NOT NULL,
            field TEXT NOT NULL,
            value_type TEXT NOT NULL DEFAULT '',
            value_state TEXT NOT NULL DEFAULT '',
            canonical TEXT NOT NULL DEFAULT '',
            raw TEXT NOT NULL DEFAULT '',
            invalid_reason TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '',
            locator TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (contract_id, seq))
        )",
        R"(CREATE TABLE returns (
            id TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT '',
            tender_id TEXT NOT NULL DEFAULT '',
            contract_id TEXT NOT NULL DEFAULT '',
            supplier_id TEXT NOT NULL DEFAULT '',
            supplier_name TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            submitted TEXT NOT NULL DEFAULT '',
            source_sha256 TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '')
        )",
        "CREATE INDEX returns_tender ON returns (tender_id)",
        "CREATE INDEX returns_contract ON returns (contract_id)",
        "CREATE INDEX returns_source ON returns (source_sha256)",
        R"(CREATE TABLE return_values (
            return_id TEXT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
            seq BIGINT NOT NULL,
            field TEXT NOT NULL,
            value_type TEXT NOT NULL DEFAULT '',
            value_state TEXT NOT NULL DEFAULT '',
            canonical TEXT NOT NULL DEFAULT '',
            raw TEXT NOT NULL DEFAULT '',
            invalid_reason TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '',
            locator TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (return_id, seq))
        )",
        // One row per judged subject: writers lock it before replacing the subject's
        // findings, so two processes saving the same subject take turns.
        R"(CREATE TABLE finding_subjects (
            subject_id TEXT NOT NULL PRIMARY KEY,
            contract_id TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '')
        )",
        R"(CREATE TABLE findings (
            subject_id TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            contract_id TEXT NOT NULL DEFAULT '',
            tender_id TEXT NOT NULL DEFAULT '',
            supplier_id TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT '',
            rule_title TEXT NOT NULL DEFAULT '',
            rulebook_id TEXT NOT NULL DEFAULT '',
            rulebook_version TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            severity TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            expected TEXT NOT NULL DEFAULT '',
            found TEXT NOT NULL DEFAULT '',
            remedy TEXT NOT NULL DEFAULT '',
            citations TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (subject_id, rule_id))
        )",
        "CREATE INDEX findings_contract ON findings (contract_id)",
        "CREATE INDEX findings_tender ON findings (tender_id)",
        R"(CREATE TABLE finding_evidence (
            subject_id TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            display_value TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '',
            locator TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (subject_id, rule_id, seq),
            FOREIGN KEY (subject_id, rule_id) REFERENCES findings (subject_id, rule_id) ON DELETE CASCADE)
        )",
    },
    // 2: findings by rule and outcome for each run, so an auditor can see which rules bit
    // in which run (the findings table holds only each subject's latest verdict).
    {
        R"(CREATE TABLE run_rule_outcomes (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            rule_id TEXT NOT NULL,
            pass_count BIGINT NOT NULL DEFAULT 0,
            warn_count BIGINT NOT NULL DEFAULT 0,
            fail_count BIGINT NOT NULL DEFAULT 0,
            refer_count BIGINT NOT NULL DEFAULT 0,
            missing_count BIGINT NOT NULL DEFAULT 0,
            not_applicable_count BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, rule_id))
        )",
    },
    // 3: each contract judged in a run, with its status and workbook, so the service can
    // answer "where is this contract now, and which run and workbook say so".
    {
        R"(CREATE TABLE run_contracts (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            contract_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '',
            workbook TEXT NOT NULL DEFAULT '',
            portfolio TEXT NOT NULL DEFAULT '',
            pass_count BIGINT NOT NULL DEFAULT 0,
            warn_count BIGINT NOT NULL DEFAULT 0,
            fail_count BIGINT NOT NULL DEFAULT 0,
            refer_count BIGINT NOT NULL DEFAULT 0,
            missing_count BIGINT NOT NULL DEFAULT 0,
            not_applicable_count BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, contract_id))
        )",
        "CREATE INDEX run_contracts_contract ON run_contracts (contract_id, run_id)",
    },
    // 4: the process that ran each run, so that a later start can mark the runs of a process
    // that died as interrupted rather than leave them "running" for ever; and whether a
    // refused file's copy is kept; and how many tenders a run screened.
    {
        "ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE runs ADD COLUMN pid BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN tenders_reported BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX runs_status ON runs (status)",
        // Whether quarantine keeps a copy of a refused file: never of personal data.
        "ALTER TABLE files ADD COLUMN copy_kept BIGINT NOT NULL DEFAULT 1",
    },
    // 5: tenders before award, from the tender pipeline or a tender-stage OCDS notice, with
    // their own facts (as contracts and contract_values hold a contract's); and how many
    // tenders each file of a run gave.
    {
        R"(CREATE TABLE tenders (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            source_sha256 TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '')
        )",
        "CREATE INDEX tenders_source ON tenders (source_sha256)",
        R"(CREATE TABLE tender_values (
            tender_id TEXT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
            seq BIGINT NOT NULL,
            field TEXT NOT NULL,
            value_type TEXT NOT NULL DEFAULT '',
            value_state TEXT NOT NULL DEFAULT '',
            canonical TEXT NOT NULL DEFAULT '',
            raw TEXT NOT NULL DEFAULT '',
            invalid_reason TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '',
            locator TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (tender_id, seq))
        )",
        "ALTER TABLE run_files ADD COLUMN tenders_count BIGINT NOT NULL DEFAULT 0",
    },
    // 6: public registers bidders are cross-checked against (the gender pay gap service), a
    // row per employer and year, found by normalised company number or name.
    {
        R"(CREATE TABLE register_entries (
            register_name TEXT NOT NULL,
            reporting_year TEXT NOT NULL,
            register_row BIGINT NOT NULL,
            employer_name TEXT NOT NULL DEFAULT '',
            company_number TEXT NOT NULL DEFAULT '',
            name_key TEXT NOT NULL DEFAULT '',
            size_band TEXT NOT NULL DEFAULT '',
            submitted TEXT NOT NULL DEFAULT '',
            late BIGINT NOT NULL DEFAULT 0,
            median_gap TEXT NOT NULL DEFAULT '',
            source_sha256 TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (register_name, reporting_year, register_row))
        )",
        "CREATE INDEX register_entries_company ON register_entries (register_name, reporting_year, company_number)",
        "CREATE INDEX register_entries_name ON register_entries (register_name, reporting_year, name_key)",
    },
    // 7: each return's supplier as supplier_key (model/company_number) reads its id, so that
    // a contract finds its awarded bid, and a resubmission the bid it replaces, however each
    // typed the number ("1234567", "01234567"). The rows already held get theirs from
    // backfill_supplier_keys, which also brings register rows' company numbers to the key.
    {
        "ALTER TABLE returns ADD COLUMN supplier_key TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX returns_tender_supplier ON returns (tender_id, supplier_key)",
    },
    // 8: which return counts for a quarter. Every file that gave a quarterly return is one of
    // its versions (return_versions): the one with the later date submitted is the return
    // held (returns), whatever the import order, and first_submitted is the earliest date of
    // any version, what lateness is judged on. A quarterly return received but refused
    // (refused_returns): the contract and quarter the refused file was for, as far as it
    // still read; its name, reason and run are the file's own (files). The returns already
    // held are each their own one version.
    {
        "ALTER TABLE returns ADD COLUMN first_submitted TEXT NOT NULL DEFAULT ''",
        "UPDATE returns SET first_submitted = submitted WHERE kind = 'quarterly'",
        R"(CREATE TABLE return_versions (
            return_id TEXT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
            source_sha256 TEXT NOT NULL,
            source_name TEXT NOT NULL DEFAULT '',
            submitted TEXT NOT NULL DEFAULT '',
            submitted_locator TEXT NOT NULL DEFAULT '',
            run_id TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (return_id, source_sha256))
        )",
        "INSERT INTO return_versions (return_id, source_sha256, source_name, submitted, run_id) "
        "SELECT id, source_sha256, source_name, submitted, run_id FROM returns WHERE kind = 'quarterly'",
        R"(CREATE TABLE refused_returns (
            source_sha256 TEXT NOT NULL,
            contract_id TEXT NOT NULL,
            period TEXT NOT NULL,
            supplier_id TEXT NOT NULL DEFAULT '',
            submitted TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source_sha256, contract_id, period))
        )",
        "CREATE INDEX refused_returns_contract ON refused_returns (contract_id)",
    },
    // 9: the evaluation fingerprint of each contract judged in a run (evaluation_fingerprint):
    // a later run whose fingerprint for the contract is the same leaves its workbook as it is.
    // And return versions by file: which contracts a file already held feeds (a rerun asks
    // it of every file) was a scan of every version.
    {
        "ALTER TABLE run_contracts ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX return_versions_source ON return_versions (source_sha256)",
    },
    // 10: finding subjects by contract. Storing a contract's findings asks which quarters it
    // had judged missing; without this each ask scanned every subject in the store, which made
    // a 10,000-contract run's judging grow with the square of the portfolio.
    {
        "CREATE INDEX finding_subjects_contract ON finding_subjects (contract_id)",
    },
    // 11: each tender screened in a run, with its comparison workbook and that screening's
    // evaluation fingerprint, as run_contracts holds a contract's: a later run whose
    // fingerprint for the tender is the same leaves its comparison as it is.
    {
        R"(CREATE TABLE run_tenders (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            tender_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL DEFAULT '',
            workbook TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (run_id, tender_id))
        )",
        "CREATE INDEX run_tenders_tender ON run_tenders (tender_id, run_id)",
    },
};

// Sets `to` in every row of `table` whose `from` has a key (supplier_key) other than its
// `to`: one UPDATE through a table of each distinct value and its key, not one per row.
void set_supplier_keys(Db& db, const std::string& table, const std::string& from, const std::string& to) {
    std::vector<std::pair<std::string, std::string>> keys;
    const std::string sql = "SELECT DISTINCT " + from + " FROM " + table + (from == to ? "" : " WHERE " + to + " = ''");
    for (std::string& typed : db.single_column(sql)) {
        std::string key = supplier_key(typed);
        if (key != (from == to ? typed : std::string())) keys.emplace_back(std::move(typed), std::move(key));
    }
    if (keys.empty()) return;
    db.exec("CREATE TEMPORARY TABLE supplier_key_map (typed TEXT NOT NULL PRIMARY KEY, supplier_key TEXT NOT NULL)");
    {
        BulkInsert map(db, "INSERT INTO supplier_key_map (typed, supplier_key)",
                       {BulkInsert::Kind::Text, BulkInsert::Kind::Text});
        for (auto& [typed, key] : keys) {
            map.text(std::move(typed)).text(std::move(key));
            map.end_row();
        }
        map.flush();
    }
    db.exec("UPDATE " + table + " SET " + to + " = (SELECT m.supplier_key FROM supplier_key_map m WHERE m.typed = " +
            table + "." + from + ") WHERE " + from + " IN (SELECT typed FROM supplier_key_map)");
    db.exec("DROP TABLE supplier_key_map");
}

// Version 7's rows: the key of every return's supplier, and register rows' company numbers
// as supplier_key reads them (it reads a few spellings normalise_company_number did not:
// "1234567.0", dots and dashes).
void backfill_supplier_keys(Db& db) {
    set_supplier_keys(db, "returns", "supplier_id", "supplier_key");
    set_supplier_keys(db, "register_entries", "company_number", "company_number");
}

// What a migration needs done in code after its statements, by version: what SQL alone cannot
// say (the model's normalisation, which is not written twice, in SQL too).
void after_migration(Db& db, int version) {
    if (version == 7) backfill_supplier_keys(db);
}


int current_version(Db& db) {
    return std::stoi(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

int migrate(Db& db) {
    // IF NOT EXISTS: two processes may get here together; the loser of PostgreSQL's race on
    // the catalog retries once the winner has committed.
    for (int attempt = 0;; ++attempt) {
        try {
            db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '')");
            break;
        } catch (...) {
            if (attempt >= 2) throw;
        }
    }
    const int latest = latest_schema_version();
    auto refuse_newer = [latest](int version) {
        if (version > latest) {
            throw std::runtime_error("the database has schema version " + std::to_string(version) +
                                     ", newer than this build of fairgate supports (" + std::to_string(latest) +
                                     "); use a newer fairgate");
        }
    };
    // Fast path without the lock: the usual open of an up-to-date database.
    int version = current_version(db);
    refuse_newer(version);
    if (version == latest) return version;

    in_transaction(db, [&] {
        db.dialect().lock_migrations(db.session());
        version = current_version(db);  // another process may have migrated meanwhile
        refuse_newer(version);
        for (int v = version + 1; v <= latest; ++v) {
            for (const auto& sql : kMigrations[static_cast<size_t>(v - 1)]) db.exec(sql);
            after_migration(db, v);
            db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", {v, utc_now_iso()});
        }
    });
    return current_version(db);
}

}  // namespace fairgate::store
