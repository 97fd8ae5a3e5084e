#include "store/sql_store.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

#include <Poco/Exception.h>

#include "model/company_number.hpp"
#include "model/value_parse.hpp"
#include "store/migrations.hpp"

namespace fairgate::store {

namespace {

using K = BulkInsert::Kind;

int64_t to_int(const std::string& s) { return s.empty() ? 0 : std::stoll(s); }

std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }
std::optional<Date> date_from(const std::string& s) { return s.empty() ? std::nullopt : Date::parse_iso(s); }

const char* state_name(Value::State s) {
    switch (s) {
        case Value::State::Absent: return "absent";
        case Value::State::Valid: return "valid";
        case Value::State::Invalid: return "invalid";
        case Value::State::NotApplicable: return "not-applicable";
        case Value::State::NotPublished: return "not-published";
    }
    return "absent";
}

// Citations are clause references; a newline cannot occur in one.
std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += '\n';
        out += items[i];
    }
    return out;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    size_t start = 0;
    for (;;) {
        const size_t nl = s.find('\n', start);
        out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

// The columns shared by contract_values and return_values after the owner id.
const std::vector<K> kValueKinds = {K::Text, K::Int, K::Text, K::Text, K::Text,
                                    K::Text, K::Text, K::Text, K::Text, K::Text};
const char* kValueColumns = "seq, field, value_type, value_state, canonical, raw, invalid_reason, file, locator";

void add_values(BulkInsert& ins, const std::string& owner, const Record& record, const FieldDictionary& fields) {
    int64_t seq = 0;
    for (const auto& [id, answer] : record.answers()) {
        if (id >= fields.size())
            throw std::runtime_error("answer of " + owner + " has field id " + std::to_string(id) +
                                     ", which the field dictionary does not have");
        const FieldDef& def = fields.at(id);
        const Value& v = answer.value;
        ins.text(owner)
            .integer(seq++)
            .text(def.name)
            .text(std::string(to_string(v.is_absent() ? def.type : v.type())))
            .text(state_name(v.state()))
            .text(v.canonical())
            .text(answer.typed())
            .text(v.is_invalid() ? v.invalid_reason() : std::string())
            .text(answer.where.file())
            .text(answer.where.locator());
        ins.end_row();
    }
}

// "?,?,?": the placeholders of an n-column VALUES list.
std::string placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
    return out;
}

// Each query's select list is a Columns struct (db.hpp) declared beside the code that reads
// it, its Cols named as the columns are. The groups below add a run of columns that several
// queries read to each of their lists.

// The outcome counts stored for a run, for each rule of a run and for each contract of a run,
// in OutcomeCounts' order.
constexpr std::array<std::string_view, 6> kCountColumns = {"pass_count",  "warn_count",    "fail_count",
                                                           "refer_count", "missing_count", "not_applicable_count"};
static_assert(kCountColumns.size() == std::tuple_size_v<OutcomeCounts>);
using CountCols = std::array<Col, kCountColumns.size()>;

OutcomeCounts counts_from(const Row& r, const CountCols& cols) {
    OutcomeCounts counts{};
    for (size_t i = 0; i < counts.size(); ++i) counts[i] = static_cast<uint64_t>(to_int(r[cols[i]]));
    return counts;
}

// One stored answer (contract_values, tender_values, return_values): the columns after its
// owner's id and seq, added to a query's list with `qualifier` ("v." or "").
struct AnswerCols {
    AnswerCols(Columns& q, std::string_view qualifier)
        : field(q.add(qualifier, "field")),
          value_type(q.add(qualifier, "value_type")),
          value_state(q.add(qualifier, "value_state")),
          canonical(q.add(qualifier, "canonical")),
          raw(q.add(qualifier, "raw")),
          invalid_reason(q.add(qualifier, "invalid_reason")),
          file(q.add(qualifier, "file")),
          locator(q.add(qualifier, "locator")) {}
    Col field, value_type, value_state, canonical, raw, invalid_reason, file, locator;
};

// Rebuilds one answer from a value row. Returns false for a field the dictionary does not know.
bool read_answer(const Row& row, const AnswerCols& c, const FieldDictionary& fields, Record& record) {
    const FieldDef* def = fields.find(row[c.field]);
    if (!def) return false;
    const std::string& type = row[c.value_type];
    const std::string& state = row[c.value_state];
    const std::string& canonical = row[c.canonical];
    const std::string& typed = row[c.raw];
    Value value;
    if (state == "invalid") {
        value = Value::invalid(def->type, canonical, row[c.invalid_reason]);
    } else if (state == "not-applicable") {
        value = Value::not_applicable(def->type, canonical);
    } else if (state == "not-published") {
        value = Value::not_published(def->type);
    } else if (state == "valid") {
        // A rulebook may since have changed the field's type: read the text as typed again
        // under the current definition rather than misread the stored canonical form.
        value = type == to_string(def->type) ? Value::from_canonical(def->type, canonical) : parse_value(*def, typed);
    }
    record.set(def->id, Answer::read(std::move(value), typed, Provenance{row[c.file], row[c.locator]}));
    return true;
}

// A contract's outcome in a run (run_contracts), added with `qualifier` ("rc." or "").
struct OutcomeCols {
    OutcomeCols(Columns& q, std::string_view qualifier)
        : status(q.add(qualifier, "status")),
          workbook(q.add(qualifier, "workbook")),
          portfolio(q.add(qualifier, "portfolio")),
          fingerprint(q.add(qualifier, "fingerprint")),
          counts(q.add(qualifier, kCountColumns)) {}
    Col status, workbook, portfolio, fingerprint;
    CountCols counts;
};

ContractOutcome outcome_from(const Row& r, const OutcomeCols& c, std::string contract_id) {
    ContractOutcome o;
    o.contract_id = std::move(contract_id);
    // Written only from ContractStatus; anything else means the row was changed by hand.
    const std::string& stored = r[c.status];
    const auto status = parse_contract_status(stored);
    if (!status) throw std::runtime_error("contract " + o.contract_id + " has the stored status '" + stored + "', not red, amber or green");
    o.status = *status;
    o.workbook = r[c.workbook];
    o.portfolio = r[c.portfolio];
    o.fingerprint = r[c.fingerprint];
    o.outcomes = counts_from(r, c.counts);
    return o;
}

// Calls `statement` with "(?,?,...)" and its parameters for each slice of `ids`, so that a
// statement's IN list stays of bounded size. One id per statement where statements are reused:
// a single cached statement then serves every call, instead of one preparation per list length.
template <typename Statement>
void in_slices(Db& db, const std::vector<std::string>& ids, Statement statement) {
    const size_t chunk = db.reuses_statements() ? 1 : std::min<size_t>(500, db.dialect().max_params());
    for (size_t i = 0; i < ids.size(); i += chunk) {
        const size_t n = std::min(chunk, ids.size() - i);
        std::string in_list = "(";
        Params params;
        params.reserve(n);
        for (size_t k = 0; k < n; ++k) {
            in_list += k ? ",?" : "?";
            params.emplace_back(ids[i + k]);
        }
        in_list += ")";
        statement(in_list, params);
    }
}

// DELETE ... WHERE column IN (...) over `ids`, in statements of bounded size.
void delete_where_in(Db& db, const std::string& table, const std::string& column, const std::vector<std::string>& ids) {
    in_slices(db, ids, [&](const std::string& in_list, const Params& params) {
        db.exec("DELETE FROM " + table + " WHERE " + column + " IN " + in_list, params);
    });
}

// A run's own row: read by load_run, and the column list upsert_run writes.
struct RunColumns : Columns {
    Col id = add("id"), started_at = add("started_at"), finished_at = add("finished_at"), status = add("status"),
        rulebook_id = add("rulebook_id"), rulebook_version = add("rulebook_version"),
        rulebook_sha256 = add("rulebook_sha256"), inbox = add("inbox"), out_dir = add("out_dir"),
        contracts_reported = add("contracts_reported"), returns_evaluated = add("returns_evaluated");
    CountCols outcomes = add("", kCountColumns);
    Col error = add("error"), host = add("host"), pid = add("pid"), tenders_reported = add("tenders_reported");
};
const RunColumns kRun;

// A finding's row: read by read_findings, and the column list save_findings writes.
struct FindingColumns : Columns {
    Col subject_id = add("subject_id"), rule_id = add("rule_id"), contract_id = add("contract_id"),
        tender_id = add("tender_id"), supplier_id = add("supplier_id"), period = add("period"), stage = add("stage"),
        rule_title = add("rule_title"), rulebook_id = add("rulebook_id"), rulebook_version = add("rulebook_version"),
        outcome = add("outcome"), severity = add("severity"), message = add("message"), expected = add("expected"),
        found = add("found"), remedy = add("remedy"), citations = add("citations"), run_id = add("run_id");
};
const FindingColumns kFinding;

}  // namespace

template <class F>
auto SqlStore::guard(const char* operation, F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const StoreError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw StoreError(display_ + ": " + operation + ": " + e.displayText());
    } catch (const std::exception& e) {
        throw StoreError(display_ + ": " + operation + ": " + e.what());
    }
}

SqlStore::SqlStore(std::unique_ptr<Dialect> dialect, const std::string& connect_string, std::string display)
    : display_(std::move(display)) {
    guard("open", [&] { db_ = std::make_unique<Db>(std::move(dialect), connect_string); });
    version_ = guard("migrate", [&] { return migrate(*db_); });
}

int SqlStore::schema_version() { return version_; }
std::string SqlStore::backend() const { return db_->dialect().name(); }

// --- runs ---------------------------------------------------------------------------------

void SqlStore::upsert_run(const Run& run) {
    std::string sql = "INSERT INTO runs (" + kRun.list() + ") VALUES (" + placeholders(kRun.size()) +
                      ") ON CONFLICT (id) DO UPDATE SET "
                      "started_at = excluded.started_at, finished_at = excluded.finished_at, status = excluded.status, "
                      "rulebook_id = excluded.rulebook_id, rulebook_version = excluded.rulebook_version, "
                      "rulebook_sha256 = excluded.rulebook_sha256, inbox = excluded.inbox, out_dir = excluded.out_dir, "
                      "contracts_reported = excluded.contracts_reported, returns_evaluated = excluded.returns_evaluated, "
                      "pass_count = excluded.pass_count, warn_count = excluded.warn_count, "
                      "fail_count = excluded.fail_count, refer_count = excluded.refer_count, "
                      "missing_count = excluded.missing_count, not_applicable_count = excluded.not_applicable_count, "
                      "error = excluded.error, host = excluded.host, pid = excluded.pid, "
                      "tenders_reported = excluded.tenders_reported";
    // In kRun's order.
    Params p{run.id, run.started_at, run.finished_at, std::string(to_string(run.status)), run.rulebook_id,
             run.rulebook_version,
             run.rulebook_sha256, run.inbox, run.out_dir, run.contracts_reported, run.returns_evaluated};
    for (uint64_t n : run.outcomes) p.emplace_back(n);
    p.emplace_back(run.error);
    p.emplace_back(run.host);
    p.emplace_back(run.pid);
    p.emplace_back(run.tenders_reported);
    db_->exec(sql, p);
}

void SqlStore::begin_run(const Run& run) {
    guard("begin_run", [&] { upsert_run(run); });
}

void SqlStore::finish_run(const Run& run) {
    guard("finish_run", [&] {
        in_transaction(*db_, [&] {
            upsert_run(run);
            db_->exec("DELETE FROM run_file_notes WHERE run_id = ?", {run.id});
            db_->exec("DELETE FROM run_files WHERE run_id = ?", {run.id});
            BulkInsert files(*db_,
                             "INSERT INTO run_files (run_id, seq, sha256, name, path, size_bytes, file_format, "
                             "status, reason, returns_count, contracts_count, tenders_count)",
                             {K::Text, K::Int, K::Text, K::Text, K::Text, K::Int, K::Text, K::Text, K::Text, K::Int,
                              K::Int, K::Int});
            BulkInsert notes(*db_, "INSERT INTO run_file_notes (run_id, file_seq, seq, place, message)",
                             {K::Text, K::Int, K::Int, K::Text, K::Text});
            for (size_t i = 0; i < run.files.size(); ++i) {
                const FileResult& f = run.files[i];
                files.text(run.id)
                    .integer(static_cast<int64_t>(i))
                    .text(f.file.sha256)
                    .text(f.file.name)
                    .text(f.file.path)
                    .integer(static_cast<int64_t>(f.file.size))
                    .text(f.format)
                    .text(std::string(to_string(f.status)))
                    .text(f.reason)
                    .integer(f.returns)
                    .integer(f.contracts)
                    .integer(f.tenders);
                files.end_row();
            }
            files.flush();  // notes refer to their file rows
            for (size_t i = 0; i < run.files.size(); ++i) {
                const auto& ns = run.files[i].notes;
                for (size_t k = 0; k < ns.size(); ++k) {
                    notes.text(run.id)
                        .integer(static_cast<int64_t>(i))
                        .integer(static_cast<int64_t>(k))
                        .text(ns[k].where)
                        .text(ns[k].message);
                    notes.end_row();
                }
            }
            notes.flush();
            db_->exec("DELETE FROM run_rule_outcomes WHERE run_id = ?", {run.id});
            BulkInsert rules(*db_,
                             "INSERT INTO run_rule_outcomes (run_id, rule_id, pass_count, warn_count, fail_count, "
                             "refer_count, missing_count, not_applicable_count)",
                             {K::Text, K::Text, K::Int, K::Int, K::Int, K::Int, K::Int, K::Int});
            for (const auto& [rule, counts] : run.rule_outcomes) {
                rules.text(run.id).text(rule);
                for (uint64_t c : counts) rules.integer(static_cast<int64_t>(c));
                rules.end_row();
            }
            rules.flush();
            db_->exec("DELETE FROM run_contracts WHERE run_id = ?", {run.id});
            BulkInsert contracts(*db_,
                                 "INSERT INTO run_contracts (run_id, contract_id, status, workbook, portfolio, "
                                 "fingerprint, pass_count, warn_count, fail_count, refer_count, missing_count, "
                                 "not_applicable_count)",
                                 {K::Text, K::Text, K::Text, K::Text, K::Text, K::Text, K::Int, K::Int, K::Int,
                                  K::Int, K::Int, K::Int});
            for (const ContractOutcome& c : run.contracts) {
                contracts.text(run.id).text(c.contract_id).text(std::string(to_string(c.status))).text(c.workbook)
                    .text(c.portfolio).text(c.fingerprint);
                for (uint64_t n : c.outcomes) contracts.integer(static_cast<int64_t>(n));
                contracts.end_row();
            }
            contracts.flush();
            db_->exec("DELETE FROM run_tenders WHERE run_id = ?", {run.id});
            BulkInsert tenders(*db_, "INSERT INTO run_tenders (run_id, tender_id, fingerprint, workbook)",
                               {K::Text, K::Text, K::Text, K::Text});
            for (const TenderOutcome& t : run.tenders) {
                tenders.text(run.id).text(t.tender_id).text(t.fingerprint).text(t.workbook);
                tenders.end_row();
            }
            tenders.flush();
        });
    });
}

namespace {

struct RunFileColumns : Columns {
    Col sha256 = add("sha256"), name = add("name"), path = add("path"), size_bytes = add("size_bytes"),
        file_format = add("file_format"), status = add("status"), reason = add("reason"),
        returns_count = add("returns_count"), contracts_count = add("contracts_count"),
        tenders_count = add("tenders_count");
};
const RunFileColumns kRunFile;

struct RunNoteColumns : Columns {
    Col file_seq = add("file_seq"), place = add("place"), message = add("message");
};
const RunNoteColumns kRunNote;

struct RuleOutcomeColumns : Columns {
    Col rule_id = add("rule_id");
    CountCols counts = add("", kCountColumns);
};
const RuleOutcomeColumns kRuleOutcome;

struct RunContractColumns : Columns {
    Col contract_id = add("contract_id");
    OutcomeCols outcome{*this, ""};
};
const RunContractColumns kRunContract;

struct RunTenderColumns : Columns {
    // Qualified: the latest screening's query names run_tenders twice.
    Col run_id = add("rt.run_id"), tender_id = add("rt.tender_id"), fingerprint = add("rt.fingerprint"),
        workbook = add("rt.workbook");

    TenderOutcome outcome(const Row& r) const { return {r[tender_id], r[workbook], r[fingerprint]}; }
};
const RunTenderColumns kRunTender;

}  // namespace

std::optional<Run> SqlStore::load_run(const std::string& run_id) {
    return guard("load_run", [&]() -> std::optional<Run> {
        const auto rows = db_->select(kRun, "FROM runs WHERE id = ?", {run_id});
        if (rows.empty()) return std::nullopt;
        const Row r = rows[0];
        Run run;
        run.id = r[kRun.id];
        run.started_at = r[kRun.started_at];
        run.finished_at = r[kRun.finished_at];
        // A status this build does not know (a newer fairgate wrote it) reads as running.
        run.status = parse_run_status(r[kRun.status]).value_or(RunStatus::Running);
        run.rulebook_id = r[kRun.rulebook_id];
        run.rulebook_version = r[kRun.rulebook_version];
        run.rulebook_sha256 = r[kRun.rulebook_sha256];
        run.inbox = r[kRun.inbox];
        run.out_dir = r[kRun.out_dir];
        run.contracts_reported = static_cast<uint32_t>(to_int(r[kRun.contracts_reported]));
        run.returns_evaluated = static_cast<uint32_t>(to_int(r[kRun.returns_evaluated]));
        run.outcomes = counts_from(r, kRun.outcomes);
        run.error = r[kRun.error];
        run.host = r[kRun.host];
        run.pid = to_int(r[kRun.pid]);
        run.tenders_reported = static_cast<uint32_t>(to_int(r[kRun.tenders_reported]));

        for (const Row& f : db_->select(kRunFile, "FROM run_files WHERE run_id = ? ORDER BY seq", {run_id})) {
            FileResult fr;
            fr.file.sha256 = f[kRunFile.sha256];
            fr.file.name = f[kRunFile.name];
            fr.file.path = f[kRunFile.path];
            fr.file.size = static_cast<uint64_t>(to_int(f[kRunFile.size_bytes]));
            fr.format = f[kRunFile.file_format];
            fr.status = parse_file_status(f[kRunFile.status]).value_or(FileStatus::Skipped);
            fr.reason = f[kRunFile.reason];
            fr.returns = static_cast<uint32_t>(to_int(f[kRunFile.returns_count]));
            fr.contracts = static_cast<uint32_t>(to_int(f[kRunFile.contracts_count]));
            fr.tenders = static_cast<uint32_t>(to_int(f[kRunFile.tenders_count]));
            run.files.push_back(std::move(fr));
        }
        for (const Row& n : db_->select(kRunNote, "FROM run_file_notes WHERE run_id = ? ORDER BY file_seq, seq",
                                       {run_id})) {
            const auto i = static_cast<size_t>(to_int(n[kRunNote.file_seq]));
            if (i < run.files.size()) run.files[i].notes.push_back(ImportNote{n[kRunNote.place], n[kRunNote.message]});
        }
        for (const Row& rule : db_->select(kRuleOutcome, "FROM run_rule_outcomes WHERE run_id = ?", {run_id}))
            run.rule_outcomes[rule[kRuleOutcome.rule_id]] = counts_from(rule, kRuleOutcome.counts);
        for (const Row& c : db_->select(kRunContract, "FROM run_contracts WHERE run_id = ? ORDER BY contract_id",
                                       {run_id}))
            run.contracts.push_back(outcome_from(c, kRunContract.outcome, c[kRunContract.contract_id]));
        for (const Row& t : db_->select(kRunTender, "FROM run_tenders rt WHERE rt.run_id = ? ORDER BY rt.tender_id",
                                       {run_id}))
            run.tenders.push_back(kRunTender.outcome(t));
        return run;
    });
}

std::vector<Run> SqlStore::list_runs(size_t limit) {
    const auto ids = guard("list_runs", [&] {
        return db_->single_column("SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
                                  {static_cast<int64_t>(std::min<size_t>(limit, INT32_MAX))});
    });
    std::vector<Run> runs;
    for (const std::string& id : ids) {
        if (auto run = load_run(id)) runs.push_back(std::move(*run));
    }
    return runs;
}

std::vector<Run> SqlStore::unfinished_runs() {
    const auto ids = guard("unfinished_runs", [&] {
        return db_->single_column("SELECT id FROM runs WHERE status = ? ORDER BY id",
                                  {std::string(to_string(RunStatus::Running))});
    });
    std::vector<Run> runs;
    for (const std::string& id : ids) {
        if (auto run = load_run(id)) runs.push_back(std::move(*run));
    }
    return runs;
}

bool SqlStore::mark_run_interrupted(const std::string& run_id, const std::string& finished_at,
                                    const std::string& reason) {
    return guard("mark_run_interrupted", [&] {
        // Only a run still running: its process may have finished it meanwhile.
        const std::string changed =
            db_->scalar("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = ? "
                        "RETURNING id",
                        {std::string(to_string(RunStatus::Interrupted)), finished_at, reason, run_id,
                         std::string(to_string(RunStatus::Running))});
        return !changed.empty();
    });
}

void SqlStore::ping() {
    guard("ping", [&] { db_->scalar("SELECT 1"); });
}

namespace {

struct PositionColumns : Columns {
    Col id = add("c.id"), title = add("c.title"), category = add("c.category"),
        supplier_name = add("c.supplier_name"), run_id = add("rc.run_id");
    OutcomeCols outcome{*this, "rc."};
};
const PositionColumns kPosition;

}  // namespace

std::vector<ContractPosition> SqlStore::read_positions(const std::string& where, const Params& params) {
    // Run ids are time-ordered, so a contract's greatest run id is its latest judgement.
    const auto rows = db_->select(kPosition,
                                  "FROM contracts c JOIN run_contracts rc ON rc.contract_id = c.id "
                                  "WHERE rc.run_id = (SELECT MAX(run_id) FROM run_contracts x "
                                  "WHERE x.contract_id = c.id)" + where + " ORDER BY c.id",
                                  params);
    std::vector<ContractPosition> positions;
    positions.reserve(rows.size());
    for (const Row& r : rows) {
        ContractPosition p;
        p.title = r[kPosition.title];
        p.category = r[kPosition.category];
        p.supplier_name = r[kPosition.supplier_name];
        p.run_id = r[kPosition.run_id];
        p.outcome = outcome_from(r, kPosition.outcome, r[kPosition.id]);
        positions.push_back(std::move(p));
    }
    return positions;
}

std::vector<ContractPosition> SqlStore::contract_positions() {
    return guard("contract_positions", [&] { return read_positions("", {}); });
}

std::optional<ContractPosition> SqlStore::contract_position(const std::string& contract_id) {
    return guard("contract_position", [&]() -> std::optional<ContractPosition> {
        auto one = read_positions(" AND c.id = ?", {contract_id});
        if (one.empty()) return std::nullopt;
        return std::move(one.front());
    });
}

std::vector<TenderScreening> SqlStore::read_screenings(const std::string& where, const Params& params) {
    // Run ids are time-ordered, so a tender's greatest run id is its latest screening.
    const auto rows = db_->select(kRunTender,
                                  "FROM run_tenders rt WHERE rt.run_id = (SELECT MAX(run_id) FROM run_tenders x "
                                  "WHERE x.tender_id = rt.tender_id)" + where + " ORDER BY rt.tender_id",
                                  params);
    std::vector<TenderScreening> screenings;
    screenings.reserve(rows.size());
    for (const Row& r : rows) screenings.push_back({kRunTender.outcome(r), r[kRunTender.run_id]});
    return screenings;
}

std::vector<TenderScreening> SqlStore::tender_screenings() {
    return guard("tender_screenings", [&] { return read_screenings("", {}); });
}

std::optional<TenderScreening> SqlStore::tender_screening(const std::string& tender_id) {
    return guard("tender_screening", [&]() -> std::optional<TenderScreening> {
        auto one = read_screenings(" AND rt.tender_id = ?", {tender_id});
        if (one.empty()) return std::nullopt;
        return std::move(one.front());
    });
}

// --- files and imports --------------------------------------------------------------------

namespace {

struct FileColumns : Columns {
    Col sha256 = add("sha256"), name = add("name"), status = add("status"), reason = add("reason"),
        run_id = add("run_id"), copy_kept = add("copy_kept");
};
const FileColumns kFile;

}  // namespace

std::optional<KnownFile> SqlStore::find_file(const std::string& sha256) {
    return guard("find_file", [&]() -> std::optional<KnownFile> {
        const auto rows = db_->select(kFile, "FROM files WHERE sha256 = ?", {sha256});
        if (rows.empty()) return std::nullopt;
        const Row r = rows[0];
        return KnownFile{r[kFile.sha256], r[kFile.name],   r[kFile.status],
                         r[kFile.reason], r[kFile.run_id], to_int(r[kFile.copy_kept]) != 0};
    });
}

void SqlStore::upsert_file(const std::string& run_id, const FileResult& result, const char* status) {
    // The first run (and name) that gave the file this status is kept: it is what a rerun
    // reports ("already imported as ..., run ...").
    db_->exec("INSERT INTO files (sha256, name, status, reason, run_id, copy_kept) VALUES (?,?,?,?,?,?) "
              "ON CONFLICT (sha256) DO UPDATE SET "
              "name = CASE WHEN files.status = excluded.status THEN files.name ELSE excluded.name END, "
              "run_id = CASE WHEN files.status = excluded.status THEN files.run_id ELSE excluded.run_id END, "
              "status = excluded.status, reason = excluded.reason, copy_kept = excluded.copy_kept",
              {result.file.sha256, result.file.name, status, result.reason, run_id,
               int64_t{result.copy_kept ? 1 : 0}});
}

void SqlStore::record_quarantined(const std::string& run_id, const FileResult& result) {
    guard("record_quarantined", [&] {
        in_transaction(*db_, [&] {
            upsert_file(run_id, result, "quarantined");
            // The quarters it was for, as far as it still read; a file refused again says so again.
            db_->exec("DELETE FROM refused_returns WHERE source_sha256 = ?", {result.file.sha256});
            std::map<std::pair<std::string, std::string>, const RefusedIdentity*> quarters;
            for (const RefusedIdentity& r : result.refused_returns)
                if (!r.contract_id.empty()) quarters.emplace(std::make_pair(r.contract_id, r.period.label()), &r);
            BulkInsert ri(*db_, "INSERT INTO refused_returns (source_sha256, contract_id, period, supplier_id, submitted)",
                          std::vector<K>(5, K::Text));
            for (const auto& [key, r] : quarters) {
                ri.text(result.file.sha256).text(key.first).text(key.second).text(r->supplier_id);
                ri.text(date_text(r->submitted));
                ri.end_row();
            }
            ri.flush();
        });
    });
}

namespace {

// A quarterly return as stored: which version it holds, and its first receipt.
struct HeldReturnColumns : Columns {
    Col id = add("id"), submitted = add("submitted"), source_sha256 = add("source_sha256"),
        first_submitted = add("first_submitted");
};
const HeldReturnColumns kHeldReturn;

std::optional<Date> earlier_of(const std::optional<Date>& a, const std::optional<Date>& b) {
    if (!a) return b;
    if (!b) return a;
    return *b < *a ? b : a;
}

}  // namespace

void SqlStore::write_records(const std::string& run_id, const std::vector<Contract>& contracts,
                             const std::vector<SupplierReturn>& returns, const FieldDictionary& fields) {
    // Last one wins for a repeated id (for a return, a repeated identity: one supplier's bid
    // however its number is typed), except between two files' copies of a quarterly return,
    // where the later date submitted wins (supersedes()); sorted so that concurrent writers
    // lock rows in the same order and cannot deadlock.
    std::map<std::string, const Contract*> cs;
    for (const auto& c : contracts) cs[c.id] = &c;
    std::map<std::string, const SupplierReturn*> by_identity;
    // Quarterly returns: each file's copy (by id, then file), every one a version kept.
    std::map<std::string, std::map<std::string, const SupplierReturn*>> versions;
    for (const auto& r : returns) {
        const SupplierReturn*& held = by_identity[r.identity()];
        if (r.kind == ReturnKind::Quarterly) {
            versions[r.id()][r.source_sha256] = &r;
            if (held && held->source_sha256 != r.source_sha256 &&
                !supersedes(r.submitted, r.source_sha256, held->submitted, held->source_sha256))
                continue;
        }
        held = &r;
    }
    std::map<std::string, const SupplierReturn*> rs;
    for (const auto& [identity, r] : by_identity) rs[r->id()] = r;
    std::vector<std::string> ids;
    BulkInsert ci(*db_,
                  "INSERT INTO contracts (id, tender_id, title, category, supplier_id, supplier_name, "
                  "start_date, end_date, source_sha256, source_name, run_id)",
                  std::vector<K>(11, K::Text),
                  "ON CONFLICT (id) DO UPDATE SET tender_id = excluded.tender_id, title = excluded.title, "
                  "category = excluded.category, supplier_id = excluded.supplier_id, "
                  "supplier_name = excluded.supplier_name, start_date = excluded.start_date, "
                  "end_date = excluded.end_date, source_sha256 = excluded.source_sha256, "
                  "source_name = excluded.source_name, run_id = excluded.run_id");
    for (const auto& [id, c] : cs) {
        ci.text(id).text(c->tender_id).text(c->title).text(c->category).text(c->supplier_id);
        ci.text(c->supplier_name).text(date_text(c->start)).text(date_text(c->end));
        ci.text(c->source_sha256).text(c->source_name).text(run_id);
        ci.end_row();
        ids.push_back(id);
    }
    ci.flush();
    // The parent rows are locked by the upsert above, so replacing their answers
    // cannot interleave with another writer's.
    delete_where_in(*db_, "contract_values", "contract_id", ids);
    BulkInsert cv(*db_, std::string("INSERT INTO contract_values (contract_id, ") + kValueColumns + ")",
                  kValueKinds);
    for (const auto& [id, c] : cs) add_values(cv, id, c->fields, fields);
    cv.flush();

    // A quarterly return already held from another file stays unless this batch's copy
    // supersedes it; either way the earliest date submitted of every version is its first
    // receipt.
    std::map<std::string, std::optional<Date>> first;  // quarterly id -> first receipt
    std::vector<std::pair<std::string, std::string>> first_only;  // held, with an earlier first receipt
    if (!versions.empty()) {
        std::vector<std::string> quarterly;
        for (const auto& [id, files] : versions) quarterly.push_back(id);
        const std::map<std::string, HeldReturn> held = held_returns(quarterly);
        for (const auto& [id, files] : versions) {
            std::optional<Date> earliest;
            for (const auto& [sha, r] : files) earliest = earlier_of(earliest, r->submitted);
            const auto h = held.find(id);
            if (h == held.end()) {
                first[id] = earliest;
                continue;
            }
            const HeldReturn& stored = h->second;
            earliest = earlier_of(earliest, stored.first_submitted);
            const SupplierReturn* incoming = rs.at(id);
            if (stored.source_sha256 != incoming->source_sha256 &&
                !supersedes(incoming->submitted, incoming->source_sha256, stored.submitted, stored.source_sha256)) {
                rs.erase(id);  // the version held stays the return
                if (earliest && earliest != stored.first_submitted) first_only.emplace_back(id, earliest->iso());
                continue;
            }
            first[id] = earliest;
        }
    }

    ids.clear();
    delete_replaced_bids(rs);
    BulkInsert ri(*db_,
                  "INSERT INTO returns (id, kind, tender_id, contract_id, supplier_id, supplier_key, supplier_name, "
                  "period, submitted, first_submitted, source_sha256, source_name, run_id)",
                  std::vector<K>(13, K::Text),
                  "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, tender_id = excluded.tender_id, "
                  "contract_id = excluded.contract_id, supplier_id = excluded.supplier_id, "
                  "supplier_key = excluded.supplier_key, supplier_name = excluded.supplier_name, "
                  "period = excluded.period, submitted = excluded.submitted, "
                  "first_submitted = excluded.first_submitted, source_sha256 = excluded.source_sha256, "
                  "source_name = excluded.source_name, run_id = excluded.run_id");
    for (const auto& [id, r] : rs) {
        ri.text(id).text(std::string(to_string(r->kind))).text(r->tender_id).text(r->contract_id);
        ri.text(r->supplier_id).text(r->supplier_key()).text(r->supplier_name);
        ri.text(r->period ? r->period->label() : std::string());
        const auto f = first.find(id);
        ri.text(date_text(r->submitted)).text(f == first.end() ? std::string() : date_text(f->second));
        ri.text(r->source_sha256).text(r->source_name).text(run_id);
        ri.end_row();
        ids.push_back(id);
    }
    ri.flush();
    for (const auto& [id, date] : first_only)
        db_->exec("UPDATE returns SET first_submitted = ? WHERE id = ?", {date, id});
    delete_where_in(*db_, "return_values", "return_id", ids);
    BulkInsert rv(*db_, std::string("INSERT INTO return_values (return_id, ") + kValueColumns + ")",
                  kValueKinds);
    for (const auto& [id, r] : rs) add_values(rv, id, r->answers, fields);
    rv.flush();

    if (versions.empty()) return;
    // Every file's copy, the one held or not: what a correction superseded, and its date.
    const FieldDef* submitted = fields.find(FieldRole::ReturnSubmitted);
    BulkInsert vi(*db_,
                  "INSERT INTO return_versions (return_id, source_sha256, source_name, submitted, "
                  "submitted_locator, run_id)",
                  std::vector<K>(6, K::Text),
                  "ON CONFLICT (return_id, source_sha256) DO UPDATE SET source_name = excluded.source_name, "
                  "submitted = excluded.submitted, submitted_locator = excluded.submitted_locator");
    for (const auto& [id, files] : versions) {
        for (const auto& [sha, r] : files) {
            const Answer* date = submitted ? r->answers.get(submitted->id) : nullptr;
            vi.text(id).text(sha).text(r->source_name).text(date_text(r->submitted));
            vi.text(date ? date->where.locator() : std::string()).text(run_id);
            vi.end_row();
        }
    }
    vi.flush();
}

std::map<std::string, SqlStore::HeldReturn> SqlStore::held_returns(const std::vector<std::string>& ids) {
    std::map<std::string, HeldReturn> out;
    in_slices(*db_, ids, [&](const std::string& in_list, const Params& params) {
        for (const Row& r : db_->select(kHeldReturn, "FROM returns WHERE id IN " + in_list, params)) {
            out[r[kHeldReturn.id]] = HeldReturn{date_from(r[kHeldReturn.submitted]), r[kHeldReturn.source_sha256],
                                                date_from(r[kHeldReturn.first_submitted])};
        }
    });
    return out;
}

namespace {

struct StoredBidColumns : Columns {
    Col id = add("id"), supplier_key = add("supplier_key");
};
const StoredBidColumns kStoredBid;

}  // namespace

void SqlStore::delete_replaced_bids(const std::map<std::string, const SupplierReturn*>& returns) {
    // A bid of the same tender and supplier key stored under another id: "1234567" stored,
    // "01234567" arriving (or the reverse). It goes, as a resubmission under its own id would
    // replace it; its findings with it, so that the tender is not left holding them.
    std::map<std::string, std::set<std::string>> written;  // tender -> its suppliers' keys
    for (const auto& [id, r] : returns)
        if (r->kind == ReturnKind::Tender) written[r->tender_id].insert(r->supplier_key());
    std::vector<std::string> replaced;
    for (const auto& [tender, keys] : written) {
        for (const Row& b : db_->select(kStoredBid, "FROM returns WHERE kind = 'tender' AND tender_id = ?", {tender})) {
            if (keys.count(b[kStoredBid.supplier_key]) && !returns.count(b[kStoredBid.id]))
                replaced.push_back(b[kStoredBid.id]);
        }
    }
    if (replaced.empty()) return;
    std::sort(replaced.begin(), replaced.end());
    delete_where_in(*db_, "finding_evidence", "subject_id", replaced);
    delete_where_in(*db_, "findings", "subject_id", replaced);
    delete_where_in(*db_, "finding_subjects", "subject_id", replaced);
    delete_where_in(*db_, "return_values", "return_id", replaced);
    delete_where_in(*db_, "returns", "id", replaced);
}

void SqlStore::write_tenders(const std::string& run_id, const std::vector<Tender>& tenders,
                             const FieldDictionary& fields) {
    if (tenders.empty()) return;
    // As write_records: the last one wins for a repeated id; sorted against deadlocks.
    std::map<std::string, const Tender*> ts;
    for (const auto& t : tenders) ts[t.id] = &t;
    std::vector<std::string> ids;
    BulkInsert ti(*db_, "INSERT INTO tenders (id, title, category, source_sha256, source_name, run_id)",
                  std::vector<K>(6, K::Text),
                  "ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category, "
                  "source_sha256 = excluded.source_sha256, source_name = excluded.source_name, "
                  "run_id = excluded.run_id");
    for (const auto& [id, t] : ts) {
        ti.text(id).text(t->title).text(t->category).text(t->source_sha256).text(t->source_name).text(run_id);
        ti.end_row();
        ids.push_back(id);
    }
    ti.flush();
    delete_where_in(*db_, "tender_values", "tender_id", ids);
    BulkInsert tv(*db_, std::string("INSERT INTO tender_values (tender_id, ") + kValueColumns + ")", kValueKinds);
    for (const auto& [id, t] : ts) add_values(tv, id, t->fields, fields);
    tv.flush();
}

namespace {
/// Carries a failure of the caller's feed (an unreadable file) through guard() unchanged.
struct FeedFailed {};
}  // namespace

void SqlStore::save_import_in_batches(const std::string& run_id, const FileResult& result,
                                      const FieldDictionary& fields,
                                      const std::function<void(const ImportWriter&)>& feed) {
    std::exception_ptr feed_error;
    try {
        guard("save_import", [&] {
            in_transaction(*db_, [&] {
                upsert_file(run_id, result, "imported");
                ImportWriter writer;
                writer.records = [&](const std::vector<Contract>& contracts, const std::vector<SupplierReturn>& returns,
                                     const std::vector<Tender>& tenders) {
                    guard("save_import", [&] {
                        write_records(run_id, contracts, returns, fields);
                        write_tenders(run_id, tenders, fields);
                    });
                };
                writer.register_entries = [&](const std::vector<RegisterEntry>& entries) {
                    guard("save_import", [&] { write_register_entries(run_id, entries); });
                };
                try {
                    feed(writer);
                } catch (const StoreError&) {
                    throw;
                } catch (...) {
                    feed_error = std::current_exception();
                    throw FeedFailed{};
                }
            });
        });
    } catch (const FeedFailed&) {
        std::rethrow_exception(feed_error);  // rolled back: nothing of the file is stored
    }
}

// --- public registers ---------------------------------------------------------------------

namespace {

// A register entry's row: read by find_register_entry, and (with run_id after it) the column
// list write_register_entries writes.
struct RegisterColumns : Columns {
    Col register_name = add("register_name"), reporting_year = add("reporting_year"), register_row = add("register_row"),
        employer_name = add("employer_name"), company_number = add("company_number"), name_key = add("name_key"),
        size_band = add("size_band"), submitted = add("submitted"), late = add("late"),
        median_gap = add("median_gap"), source_sha256 = add("source_sha256"), source_name = add("source_name");
};
const RegisterColumns kRegister;

RegisterEntry register_entry_from(const Row& r) {
    RegisterEntry e;
    e.register_name = r[kRegister.register_name];
    e.year = r[kRegister.reporting_year];
    e.row = static_cast<uint32_t>(std::stoul(r[kRegister.register_row]));
    e.employer_name = r[kRegister.employer_name];
    e.company_number = r[kRegister.company_number];
    e.name_key = r[kRegister.name_key];
    e.size_band = parse_employer_size_band(r[kRegister.size_band]).value_or(EmployerSizeBand::NotProvided);
    e.submitted = date_from(r[kRegister.submitted]);
    e.late = r[kRegister.late] == "1";
    const std::string& gap = r[kRegister.median_gap];
    if (!gap.empty()) e.median_gap_percent = std::strtod(gap.c_str(), nullptr);
    e.source_sha256 = r[kRegister.source_sha256];
    e.source_name = r[kRegister.source_name];
    return e;
}

}  // namespace

void SqlStore::write_register_entries(const std::string& run_id, const std::vector<RegisterEntry>& entries) {
    std::set<std::pair<std::string, std::string>> years;
    for (const auto& e : entries) years.emplace(e.register_name, e.year);
    for (const auto& [name, year] : years) {
        db_->exec("DELETE FROM register_entries WHERE register_name = ? AND reporting_year = ?", {name, year});
    }
    std::vector<K> kinds(kRegister.size() + 1, K::Text);  // and run_id
    kinds[kRegister.register_row.index()] = kinds[kRegister.late.index()] = K::Int;
    BulkInsert bi(*db_, "INSERT INTO register_entries (" + kRegister.list() + ", run_id)", kinds,
                  "ON CONFLICT (register_name, reporting_year, register_row) DO UPDATE SET "
                  "employer_name = excluded.employer_name, company_number = excluded.company_number, "
                  "name_key = excluded.name_key, size_band = excluded.size_band, submitted = excluded.submitted, "
                  "late = excluded.late, median_gap = excluded.median_gap, source_sha256 = excluded.source_sha256, "
                  "source_name = excluded.source_name, run_id = excluded.run_id");
    for (const auto& e : entries) {
        bi.text(e.register_name).text(e.year).integer(e.row).text(e.employer_name).text(e.company_number);
        bi.text(e.name_key).text(std::string(to_string(e.size_band))).text(date_text(e.submitted));
        bi.integer(e.late ? 1 : 0).text(e.median_gap_text());
        bi.text(e.source_sha256).text(e.source_name).text(run_id);
        bi.end_row();
    }
    bi.flush();
}

std::optional<std::string> SqlStore::latest_register_year(const std::string& register_name) {
    return guard("latest_register_year", [&]() -> std::optional<std::string> {
        const std::string year =
            db_->scalar("SELECT MAX(reporting_year) FROM register_entries WHERE register_name = ?", {register_name});
        if (year.empty()) return std::nullopt;
        return year;
    });
}

std::optional<RegisterEntry> SqlStore::find_register_entry(const std::string& register_name,
                                                           const std::string& company_number, const std::string& name) {
    const auto year = latest_register_year(register_name);
    if (!year) return std::nullopt;
    return guard("find_register_entry", [&]() -> std::optional<RegisterEntry> {
        const std::string from = "FROM register_entries WHERE register_name = ? AND reporting_year = ? AND ";
        const SupplierNumber number = read_supplier_number(company_number);
        // A charity's own number ("GB-CHC-1123456") is not looked for among company numbers,
        // where a company's of the same digits would answer for it.
        if (number.kind != SupplierIdKind::Blank && number.kind != SupplierIdKind::Charity) {
            const auto rows = db_->select(kRegister, from + "company_number = ? ORDER BY register_row LIMIT 1",
                                          {register_name, *year, number.key});
            if (!rows.empty()) return register_entry_from(rows[0]);
        }
        const std::string key = normalise_organisation_name(name);
        if (key.empty()) return std::nullopt;
        // Two employers of one name: a name alone cannot say which bid is which.
        const auto rows =
            db_->select(kRegister, from + "name_key = ? ORDER BY register_row LIMIT 2", {register_name, *year, key});
        if (rows.size() != 1) return std::nullopt;
        return register_entry_from(rows[0]);
    });
}

// --- reading back -------------------------------------------------------------------------

namespace {

// An answer of a contract or a tender (contract_values, tender_values: the owner is the WHERE).
struct ValueColumns : Columns {
    AnswerCols answer{*this, ""};
};
const ValueColumns kValue;

struct ContractColumns : Columns {
    Col id = add("id"), tender_id = add("tender_id"), title = add("title"), category = add("category"),
        supplier_id = add("supplier_id"), supplier_name = add("supplier_name"), start_date = add("start_date"),
        end_date = add("end_date"), source_sha256 = add("source_sha256"), source_name = add("source_name");
};
const ContractColumns kContract;

struct TenderColumns : Columns {
    Col id = add("id"), title = add("title"), category = add("category"), source_sha256 = add("source_sha256"),
        source_name = add("source_name");
};
const TenderColumns kTender;

// Qualified: read_returns' WHERE names the returns as r.
struct ReturnColumns : Columns {
    Col id = add("r.id"), kind = add("r.kind"), tender_id = add("r.tender_id"), contract_id = add("r.contract_id"),
        supplier_id = add("r.supplier_id"), supplier_name = add("r.supplier_name"), period = add("r.period"),
        submitted = add("r.submitted"), source_sha256 = add("r.source_sha256"), source_name = add("r.source_name");
};
const ReturnColumns kReturn;

struct ReturnValueColumns : Columns {
    Col return_id = add("v.return_id");
    AnswerCols answer{*this, "v."};
};
const ReturnValueColumns kReturnValue;

struct VersionColumns : Columns {
    Col return_id = add("v.return_id"), source_sha256 = add("v.source_sha256"), source_name = add("v.source_name"),
        submitted = add("v.submitted"), submitted_locator = add("v.submitted_locator");
};
const VersionColumns kVersion;

// A refused quarterly return: the identity its file still told, and the file's own record.
struct RefusedColumns : Columns {
    Col source_sha256 = add("x.source_sha256"), contract_id = add("x.contract_id"), period = add("x.period"),
        supplier_id = add("x.supplier_id"), submitted = add("x.submitted"), name = add("f.name"),
        reason = add("f.reason"), run_id = add("f.run_id");
};
const RefusedColumns kRefused;

}  // namespace

void SqlStore::read_values(const char* table, const char* key, const std::string& id, const FieldDictionary& fields,
                           Record& into) {
    const auto values = db_->select(kValue, std::string("FROM ") + table + " WHERE " + key + " = ? ORDER BY seq", {id});
    for (const Row& v : values) read_answer(v, kValue.answer, fields, into);
}

std::optional<Contract> SqlStore::read_contract(const std::string& contract_id, const FieldDictionary& fields) {
    const auto rows = db_->select(kContract, "FROM contracts WHERE id = ?", {contract_id});
    if (rows.empty()) return std::nullopt;
    const Row r = rows[0];
    Contract c;
    c.id = r[kContract.id];
    c.tender_id = r[kContract.tender_id];
    c.title = r[kContract.title];
    c.category = r[kContract.category];
    c.supplier_id = r[kContract.supplier_id];
    c.supplier_name = r[kContract.supplier_name];
    c.start = date_from(r[kContract.start_date]);
    c.end = date_from(r[kContract.end_date]);
    c.source_sha256 = r[kContract.source_sha256];
    c.source_name = r[kContract.source_name];
    read_values("contract_values", "contract_id", contract_id, fields, c.fields);
    return c;
}

std::optional<Tender> SqlStore::read_tender(const std::string& tender_id, const FieldDictionary& fields) {
    const auto rows = db_->select(kTender, "FROM tenders WHERE id = ?", {tender_id});
    if (rows.empty()) return std::nullopt;
    const Row r = rows[0];
    Tender t;
    t.id = r[kTender.id];
    t.title = r[kTender.title];
    t.category = r[kTender.category];
    t.source_sha256 = r[kTender.source_sha256];
    t.source_name = r[kTender.source_name];
    read_values("tender_values", "tender_id", tender_id, fields, t.fields);
    return t;
}

std::vector<SupplierReturn> SqlStore::read_returns(const std::string& where, const Params& params,
                                                   const FieldDictionary& fields) {
    const auto rows =
        db_->select(kReturn, "FROM returns r WHERE " + where + " ORDER BY r.period, r.supplier_id, r.id", params);
    std::vector<SupplierReturn> out;
    std::map<std::string, size_t> index;
    for (const Row& r : rows) {
        SupplierReturn ret;
        ret.kind = parse_return_kind(r[kReturn.kind]).value_or(ReturnKind::Tender);
        ret.tender_id = r[kReturn.tender_id];
        ret.contract_id = r[kReturn.contract_id];
        ret.supplier_id = r[kReturn.supplier_id];
        ret.supplier_name = r[kReturn.supplier_name];
        const std::string& period = r[kReturn.period];
        if (!period.empty()) ret.period = Quarter::parse(period);
        ret.submitted = date_from(r[kReturn.submitted]);
        ret.source_sha256 = r[kReturn.source_sha256];
        ret.source_name = r[kReturn.source_name];
        index[r[kReturn.id]] = out.size();
        out.push_back(std::move(ret));
    }
    if (out.empty()) return out;
    // IN rather than a join: SQLite then walks the returns' ids in order and reads each one's
    // values in key order, instead of sorting all the rows afterwards.
    const auto values = db_->select(kReturnValue,
                                    "FROM return_values v WHERE v.return_id IN (SELECT r.id FROM returns r WHERE " +
                                        where + ") ORDER BY v.return_id, v.seq",
                                    params);
    for (const Row& v : values) {
        auto it = index.find(v[kReturnValue.return_id]);
        if (it != index.end()) read_answer(v, kReturnValue.answer, fields, out[it->second].answers);
    }
    if (std::none_of(out.begin(), out.end(), [](const SupplierReturn& r) { return r.kind == ReturnKind::Quarterly; }))
        return out;
    // The other files' copies of each quarterly return: the versions it superseded.
    const auto versions = db_->select(kVersion,
                                      "FROM return_versions v JOIN returns r ON r.id = v.return_id WHERE " + where +
                                          " AND r.kind = 'quarterly' AND v.source_sha256 <> r.source_sha256",
                                      params);
    for (const Row& v : versions) {
        auto it = index.find(v[kVersion.return_id]);
        if (it == index.end()) continue;
        out[it->second].superseded.push_back(ReturnVersion{v[kVersion.source_sha256], v[kVersion.source_name],
                                                           date_from(v[kVersion.submitted]),
                                                           v[kVersion.submitted_locator]});
    }
    for (SupplierReturn& r : out) {
        // Earliest first, undated last; by file between equals, so the order never depends on the rows'.
        std::sort(r.superseded.begin(), r.superseded.end(), [](const ReturnVersion& a, const ReturnVersion& b) {
            if (a.submitted.has_value() != b.submitted.has_value()) return a.submitted.has_value();
            if (a.submitted && *a.submitted != *b.submitted) return *a.submitted < *b.submitted;
            return a.source_sha256 < b.source_sha256;
        });
    }
    return out;
}

std::vector<RefusedReturn> SqlStore::read_refused(const std::string& contract_id) {
    // Only while the file stands refused: a file imported since (a rulebook that reads it now)
    // is a return, not a refusal.
    const auto rows = db_->select(kRefused,
                                  "FROM refused_returns x JOIN files f ON f.sha256 = x.source_sha256 "
                                  "WHERE x.contract_id = ? AND f.status = 'quarantined' "
                                  "ORDER BY x.period, x.submitted, x.source_sha256",
                                  {contract_id});
    std::vector<RefusedReturn> out;
    for (const Row& r : rows) {
        const auto period = Quarter::parse(r[kRefused.period]);
        if (!period) continue;
        RefusedReturn refused;
        refused.identity = RefusedIdentity{r[kRefused.contract_id], *period, r[kRefused.supplier_id],
                                           date_from(r[kRefused.submitted])};
        refused.source_sha256 = r[kRefused.source_sha256];
        refused.source_name = r[kRefused.name];
        refused.reason = r[kRefused.reason];
        // Run ids start with the UTC time the run started: "20261123T101500.250Z-3f2a9c".
        const std::string& run = r[kRefused.run_id];
        if (run.size() >= 8)
            refused.first_seen = Date::parse_iso(run.substr(0, 4) + "-" + run.substr(4, 2) + "-" + run.substr(6, 2));
        out.push_back(std::move(refused));
    }
    return out;
}

std::optional<Contract> SqlStore::load_contract(const std::string& contract_id, const FieldDictionary& fields) {
    return guard("load_contract", [&] { return read_contract(contract_id, fields); });
}

std::optional<ContractContext> SqlStore::load_context(const std::string& contract_id, const FieldDictionary& fields) {
    return guard("load_context", [&]() -> std::optional<ContractContext> {
        auto c = read_contract(contract_id, fields);
        if (!c) return std::nullopt;
        ContractContext ctx;
        // The awarded bid: the contract's supplier's, however each typed its number.
        const std::string supplier = supplier_key(c->supplier_id);
        if (!c->tender_id.empty() && !supplier.empty())
            ctx.tender_returns = read_returns("r.kind = 'tender' AND r.tender_id = ? AND r.supplier_key = ?",
                                              {c->tender_id, supplier}, fields);
        ctx.quarterly_returns = read_returns("r.kind = 'quarterly' AND r.contract_id = ?", {contract_id}, fields);
        ctx.refused_returns = read_refused(contract_id);
        ctx.contract = std::move(*c);
        return ctx;
    });
}

std::optional<std::string> SqlStore::contract_for_tender(const std::string& tender_id) {
    return guard("contract_for_tender", [&]() -> std::optional<std::string> {
        if (tender_id.empty()) return std::nullopt;
        auto ids = db_->single_column("SELECT id FROM contracts WHERE tender_id = ? ORDER BY id LIMIT 1", {tender_id});
        if (ids.empty()) return std::nullopt;
        return std::move(ids[0]);
    });
}

std::vector<std::string> SqlStore::contracts_for_file(const std::string& sha256) {
    return guard("contracts_for_file", [&] {
        return db_->single_column(
            "SELECT id FROM contracts WHERE source_sha256 = ? "
            "UNION SELECT contract_id FROM returns WHERE source_sha256 = ? AND kind = 'quarterly' AND contract_id <> '' "
            "UNION SELECT r.contract_id FROM return_versions v JOIN returns r ON r.id = v.return_id "
            "WHERE v.source_sha256 = ? "
            "UNION SELECT contract_id FROM refused_returns WHERE source_sha256 = ? "
            "UNION SELECT c.id FROM returns r JOIN contracts c ON c.tender_id = r.tender_id "
            "WHERE r.source_sha256 = ? AND r.kind = 'tender' AND r.tender_id <> '' "
            "ORDER BY 1",
            {sha256, sha256, sha256, sha256, sha256});
    });
}

std::optional<TenderContext> SqlStore::load_tender(const std::string& tender_id, const FieldDictionary& fields) {
    return guard("load_tender", [&]() -> std::optional<TenderContext> {
        if (tender_id.empty()) return std::nullopt;
        TenderContext t;
        t.tender_id = tender_id;
        t.bids = read_returns("r.kind = 'tender' AND r.tender_id = ?", {tender_id}, fields);
        if (t.bids.empty()) return std::nullopt;
        std::sort(t.bids.begin(), t.bids.end(),
                  [](const SupplierReturn& a, const SupplierReturn& b) { return a.supplier_id < b.supplier_id; });
        const auto contract =
            db_->single_column("SELECT id FROM contracts WHERE tender_id = ? ORDER BY id LIMIT 1", {tender_id});
        if (!contract.empty()) t.contract = read_contract(contract[0], fields);
        t.tender = read_tender(tender_id, fields);
        return t;
    });
}

std::vector<std::string> SqlStore::tenders_for_file(const std::string& sha256) {
    return guard("tenders_for_file", [&] {
        return db_->single_column(
            "SELECT tender_id FROM returns WHERE source_sha256 = ? AND kind = 'tender' AND tender_id <> '' "
            "UNION SELECT tender_id FROM contracts WHERE source_sha256 = ? AND tender_id <> '' "
            "UNION SELECT id FROM tenders WHERE source_sha256 = ? ORDER BY 1",
            {sha256, sha256, sha256});
    });
}

std::vector<std::string> SqlStore::all_tender_ids() {
    return guard("all_tender_ids", [&] {
        return db_->single_column(
            "SELECT DISTINCT tender_id FROM returns WHERE kind = 'tender' AND tender_id <> '' ORDER BY tender_id");
    });
}

std::vector<std::string> SqlStore::all_contract_ids() {
    return guard("all_contract_ids", [&] {
        return db_->single_column("SELECT id FROM contracts ORDER BY id");
    });
}

std::optional<Date> SqlStore::latest_return_submitted() {
    return guard("latest_return_submitted", [&]() -> std::optional<Date> {
        // ISO dates sort as text; '' (no date) sorts first.
        return Date::parse_iso(db_->scalar("SELECT MAX(submitted) FROM returns"));
    });
}

// --- findings -----------------------------------------------------------------------------

void SqlStore::begin_save_group() {
    guard("begin_save_group", [&] {
        if (db_->transaction_depth() != 0) throw StoreError(display_ + ": save groups do not nest");
        db_->begin();
    });
}

void SqlStore::end_save_group() {
    guard("end_save_group", [&] {
        // The connection went and took the group's transaction with it: say so, rather than
        // let the saves it held pass for stored.
        if (db_->transaction_depth() == 0)
            throw StoreError(display_ + ": the saves since the last commit were lost with the connection");
        // As in_transaction does: a commit that fails rolls the group back, so that nothing of
        // it is stored (as promised) and the next save does not land in a transaction left open.
        try {
            db_->commit();
        } catch (...) {
            db_->rollback();
            throw;
        }
    });
}

void SqlStore::save_findings(const std::string& run_id, const std::vector<Finding>& findings) {
    guard("save_findings", [&] {
        // One row per (subject, rule), the last given winning; ordered so that concurrent
        // writers lock subjects in the same order.
        std::map<std::pair<std::string, std::string>, const Finding*> latest;
        for (const auto& f : findings) latest[{f.subject_id, f.rule_id}] = &f;
        std::vector<std::string> subjects;
        std::vector<const Finding*> subject_first;
        for (const auto& [key, f] : latest) {
            if (subjects.empty() || subjects.back() != key.first) {
                subjects.push_back(key.first);
                subject_first.push_back(f);
            }
        }

        in_transaction(*db_, [&] {
            // Claim the subjects first: on PostgreSQL the upsert row-locks each subject, so a
            // second process replacing the same subject waits rather than interleaving.
            BulkInsert si(*db_, "INSERT INTO finding_subjects (subject_id, contract_id, run_id)",
                          {K::Text, K::Text, K::Text},
                          "ON CONFLICT (subject_id) DO UPDATE SET contract_id = excluded.contract_id, "
                          "run_id = excluded.run_id");
            for (size_t i = 0; i < subjects.size(); ++i) {
                si.text(subjects[i]).text(subject_first[i]->contract_id).text(run_id);
                si.end_row();
            }
            si.flush();
            // A quarter judged missing that has since been received, or is no longer due, is
            // not judged again under that subject: drop it when its contract is judged whole.
            std::vector<std::string> stale;
            for (const std::string& subject : subjects) {
                if (subject.rfind("contract:", 0) != 0) continue;
                const std::string contract_id = subject.substr(9);
                for (const std::string& old : db_->single_column(
                         "SELECT subject_id FROM finding_subjects WHERE contract_id = ? AND subject_id LIKE 'missing:%'",
                         {contract_id})) {
                    if (!std::binary_search(subjects.begin(), subjects.end(), old)) stale.push_back(old);
                }
            }
            delete_where_in(*db_, "finding_evidence", "subject_id", stale);
            delete_where_in(*db_, "findings", "subject_id", stale);
            delete_where_in(*db_, "finding_subjects", "subject_id", stale);
            delete_where_in(*db_, "finding_evidence", "subject_id", subjects);
            delete_where_in(*db_, "findings", "subject_id", subjects);

            // In kFinding's order.
            BulkInsert fi(*db_, "INSERT INTO findings (" + kFinding.list() + ")",
                          std::vector<K>(kFinding.size(), K::Text));
            for (const auto& [key, f] : latest) {
                fi.text(f->subject_id).text(f->rule_id).text(f->contract_id).text(f->tender_id);
                fi.text(f->supplier_id).text(f->period).text(std::string(to_string(f->stage))).text(f->rule_title);
                fi.text(f->rulebook_id).text(f->rulebook_version).text(std::string(to_string(f->outcome)));
                fi.text(std::string(to_string(f->severity))).text(f->message).text(f->expected).text(f->found);
                fi.text(f->remedy).text(join_lines(f->citations)).text(run_id);
                fi.end_row();
            }
            fi.flush();  // evidence refers to its finding
            BulkInsert ei(*db_,
                          "INSERT INTO finding_evidence (subject_id, rule_id, seq, field, display_value, file, locator)",
                          {K::Text, K::Text, K::Int, K::Text, K::Text, K::Text, K::Text});
            for (const auto& [key, f] : latest) {
                for (size_t k = 0; k < f->evidence.size(); ++k) {
                    const Evidence& e = f->evidence[k];
                    ei.text(f->subject_id).text(f->rule_id).integer(static_cast<int64_t>(k)).text(e.field);
                    ei.text(e.value).text(e.where.file()).text(e.where.locator());
                    ei.end_row();
                }
            }
            ei.flush();
        });
    });
}

std::vector<StoredFinding> SqlStore::load_findings(const std::string& contract_id) {
    return guard("load_findings", [&] { return read_findings("contract_id = ?", contract_id); });
}

std::vector<StoredFinding> SqlStore::load_tender_findings(const std::string& tender_id) {
    return guard("load_tender_findings", [&] {
        return read_findings("tender_id = ? AND stage = '" + std::string(to_string(Stage::Tender)) + "'", tender_id);
    });
}

namespace {

struct EvidenceColumns : Columns {
    Col subject_id = add("e.subject_id"), rule_id = add("e.rule_id"), field = add("e.field"),
        display_value = add("e.display_value"), file = add("e.file"), locator = add("e.locator");
};
const EvidenceColumns kEvidence;

}  // namespace

std::vector<StoredFinding> SqlStore::read_findings(const std::string& where, const std::string& key) {
    const auto rows = db_->select(kFinding, "FROM findings WHERE " + where + " ORDER BY subject_id, rule_id", {key});
    std::vector<StoredFinding> out;
    std::map<std::pair<std::string, std::string>, size_t> index;
    for (const Row& r : rows) {
        StoredFinding s;
        Finding& f = s.finding;
        f.subject_id = r[kFinding.subject_id];
        f.rule_id = r[kFinding.rule_id];
        f.contract_id = r[kFinding.contract_id];
        f.tender_id = r[kFinding.tender_id];
        f.supplier_id = r[kFinding.supplier_id];
        f.period = r[kFinding.period];
        f.stage = parse_stage(r[kFinding.stage]).value_or(Stage::Tender);
        f.rule_title = r[kFinding.rule_title];
        f.rulebook_id = r[kFinding.rulebook_id];
        f.rulebook_version = r[kFinding.rulebook_version];
        f.outcome = parse_outcome(r[kFinding.outcome]).value_or(Outcome::Missing);
        f.severity = parse_severity(r[kFinding.severity]).value_or(Severity::Advisory);
        f.message = r[kFinding.message];
        f.expected = r[kFinding.expected];
        f.found = r[kFinding.found];
        f.remedy = r[kFinding.remedy];
        f.citations = split_lines(r[kFinding.citations]);
        s.run_id = r[kFinding.run_id];
        index[{f.subject_id, f.rule_id}] = out.size();
        out.push_back(std::move(s));
    }
    const auto evidence = db_->select(kEvidence,
                                      "FROM finding_evidence e "
                                      "JOIN findings f ON f.subject_id = e.subject_id AND f.rule_id = e.rule_id "
                                      "WHERE f." + where + " ORDER BY e.subject_id, e.rule_id, e.seq",
                                      {key});
    for (const Row& e : evidence) {
        auto it = index.find({e[kEvidence.subject_id], e[kEvidence.rule_id]});
        if (it != index.end())
            out[it->second].finding.evidence.push_back(
                Evidence{e[kEvidence.field], e[kEvidence.display_value], Provenance{e[kEvidence.file], e[kEvidence.locator]}});
    }
    return out;
}

}  // namespace fairgate::store
