#pragma once
// The store: returns, contracts, findings and runs, kept so that history, trends and audit
// are possible. SQLite by default; PostgreSQL through the same SQL.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/field.hpp"
#include "model/finding.hpp"
#include "model/refused_return.hpp"
#include "model/register_entry.hpp"
#include "model/run.hpp"
#include "model/supplier_return.hpp"
#include "model/tender.hpp"

namespace fairgate {

/// The store could not be opened, migrated, read or written. what() names the database and
/// the operation.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A file the store has seen before, by content hash.
struct KnownFile {
    std::string sha256;
    std::string name;
    std::string status;  ///< "imported" or "quarantined"
    std::string reason;  ///< For quarantined files.
    std::string run_id;  ///< The run that first saw it.
    bool copy_kept = true;  ///< For quarantined files: see FileResult::copy_kept.
};

/// Everything the rules need to judge the returns of one contract.
struct ContractContext {
    Contract contract;
    /// The awarded bid: the tender return of the contract's supplier for its tender, found by
    /// supplier_key however each typed the number (none, or more than one in a store written
    /// before bids were told apart by key). Losing bids belong to the tender, never to the
    /// contract.
    std::vector<SupplierReturn> tender_returns;
    /// Ordered by period: for each quarter the version held (the latest submitted of the
    /// files that gave it, SupplierReturn::superseded listing the others).
    std::vector<SupplierReturn> quarterly_returns;
    /// Quarterly returns received for the contract but refused, while their files stand
    /// refused, by period: what its quarters read as when no return was accepted.
    std::vector<RefusedReturn> refused_returns;
};

/// Everything the rules need to screen the bids of one tender.
struct TenderContext {
    std::string tender_id;
    std::vector<SupplierReturn> bids;  ///< Every bidder's tender return, by supplier id.
    /// The contract the register says came from the tender, once awarded.
    std::optional<Contract> contract;
    /// The tender's own facts (its tender pipeline row or OCDS notice), when a file gave them.
    std::optional<Tender> tender;
};

/// A run's findings as stored, for reports and the API.
struct StoredFinding {
    Finding finding;
    std::string run_id;  ///< The run that last evaluated it.
};

/// Where a contract stands: its latest judgement (the most recent run that judged it).
struct ContractPosition {
    ContractOutcome outcome;  ///< Status, counts and the workbook that run wrote.
    std::string run_id;       ///< The run that judged it last.
    std::string title;
    std::string category;     ///< Service area.
    std::string supplier_name;
};

/// Where a tender stands: its latest screening (the most recent run that screened it).
struct TenderScreening {
    TenderOutcome outcome;  ///< The comparison workbook and its fingerprint.
    std::string run_id;     ///< The run that screened it last.
};

/// Access to a fairgate database. One Store per thread; each method is its own transaction
/// unless stated (inside a save group, a savepoint of the group's transaction). Connection strings:
///   "sqlite:/path/to/fairgate.db" or a plain path       SQLite (created if absent)
///   "postgresql:host=127.0.0.1 port=5432 dbname=fairgate user=fairgate password=..."
class Store {
public:
    /// Opens the database and brings its schema up to date (migrations are numbered and
    /// recorded in schema_migrations; a database newer than this build is refused). Defined
    /// in open_store.cpp, beside the backends it chooses between.
    static std::unique_ptr<Store> open(const std::string& connection);
    /// Creates the folder of an SQLite database (the default one under ~/.local/share may
    /// not exist yet); nothing for PostgreSQL. open() itself never creates folders, so a
    /// mistyped path is an error, not a new tree.
    static void create_folder(const std::string& connection);
    /// $FAIRGATE_DB, else $XDG_DATA_HOME/fairgate/fairgate.db (~/.local/share by default).
    static std::string default_connection();
    virtual ~Store() = default;

    /// The schema version after migration.
    virtual int schema_version() = 0;
    /// "sqlite" or "postgresql".
    virtual std::string backend() const = 0;

    // --- runs -----------------------------------------------------------------------------
    virtual void begin_run(const Run& run) = 0;
    /// Stores the run's final status, counts, per-file results, and the contracts judged and
    /// tenders screened (replacing what was stored for the run before).
    virtual void finish_run(const Run& run) = 0;
    virtual std::optional<Run> load_run(const std::string& run_id) = 0;
    /// Most recent first.
    virtual std::vector<Run> list_runs(size_t limit) = 0;
    /// Runs whose status is still Running, oldest first: under way, or left so by a process
    /// that died.
    virtual std::vector<Run> unfinished_runs() = 0;
    /// Marks a run that is still Running as Interrupted, with when that was noticed and why;
    /// false if it was not running (its process finished it meanwhile).
    virtual bool mark_run_interrupted(const std::string& run_id, const std::string& finished_at,
                                      const std::string& reason) = 0;
    /// Throws StoreError unless the database answers: tells a store that has gone away from
    /// a failure that one file's data caused.
    virtual void ping() = 0;
    /// Every contract that a run has judged, with its latest position, in id order.
    virtual std::vector<ContractPosition> contract_positions() = 0;
    /// One contract's latest position; nullopt if no run has judged it.
    virtual std::optional<ContractPosition> contract_position(const std::string& contract_id) = 0;
    /// Every tender that a run has screened, with its latest screening, in id order.
    virtual std::vector<TenderScreening> tender_screenings() = 0;
    /// One tender's latest screening; nullopt if no run has screened it.
    virtual std::optional<TenderScreening> tender_screening(const std::string& tender_id) = 0;

    // --- files and imports ----------------------------------------------------------------
    virtual std::optional<KnownFile> find_file(const std::string& sha256) = 0;
    /// Records a refused file (status "quarantined") so a rerun reports it and skips it, with
    /// the quarterly returns it was for (FileResult::refused_returns, replacing any recorded
    /// before for the file), which ContractContext::refused_returns gives back.
    virtual void record_quarantined(const std::string& run_id, const FileResult& result) = 0;
    /// In one transaction: records the file as imported and upserts its contracts, tenders and
    /// returns (a record with the same id replaces the earlier one; its answers are
    /// replaced, not appended; a bid replaces the same supplier's bid for its tender whatever
    /// the id, SupplierReturn::identity, and that bid's findings go with it). A quarterly
    /// return is the exception: another file's copy of one held replaces it only if it
    /// supersedes it (supersedes(): the later date submitted), and every file's copy is kept
    /// as a version (SupplierReturn::superseded, the first receipt), whatever the order the
    /// files come in. Values are
    /// stored by canonical field name, typed, with provenance: `fields` is the dictionary
    /// whose FieldIds the records use.
    void save_import(const std::string& run_id, const FileResult& result, const std::vector<Contract>& contracts,
                     const std::vector<SupplierReturn>& returns, const FieldDictionary& fields,
                     const std::vector<Tender>& tenders = {}) {
        save_import_in_batches(run_id, result, fields,
                               [&](const ImportWriter& write) { write(contracts, returns, tenders); });
    }
    /// What a file's feed writes through, within the file's transaction: batches of contracts,
    /// returns and tenders (called as a function), and a public register's rows.
    struct ImportWriter {
        /// Stores one batch of a file's contracts, returns and tenders.
        std::function<void(const std::vector<Contract>& contracts, const std::vector<SupplierReturn>& returns,
                           const std::vector<Tender>& tenders)>
            records;
        /// Stores a public register's rows (RegisterEntry): the rows of each register and year
        /// they hold replace every row stored before for that register and year, so a
        /// corrected download leaves none of the old file's rows behind.
        std::function<void(const std::vector<RegisterEntry>& entries)> register_entries;

        void operator()(const std::vector<Contract>& contracts, const std::vector<SupplierReturn>& returns,
                        const std::vector<Tender>& tenders) const {
            records(contracts, returns, tenders);
        }
    };
    /// save_import for a file read in batches: in one transaction, records the file as
    /// imported and stores every batch that `feed` hands to the writer it is given (a
    /// repeated id in a later batch replaces the earlier one). If `feed` throws, nothing of
    /// the file is stored and its exception propagates unchanged; store failures throw
    /// StoreError.
    virtual void save_import_in_batches(const std::string& run_id, const FileResult& result,
                                        const FieldDictionary& fields,
                                        const std::function<void(const ImportWriter&)>& feed) = 0;

    /// Saves made between begin_save_group() and end_save_group() share one transaction,
    /// committed by end_save_group(): each save is still all or nothing on its own (a
    /// savepoint), so a file that fails rolls back alone, but many small files cost one
    /// commit rather than one each. Others see the group's saves once it ends. Groups do not
    /// nest. end_save_group() throws StoreError when the commit fails or the group was lost
    /// with the connection (nothing of it is then stored). SaveGroup is the usual way in.
    virtual void begin_save_group() = 0;
    virtual void end_save_group() = 0;

    // --- reading back ---------------------------------------------------------------------
    /// Fields stored under names the dictionary does not know are skipped.
    virtual std::optional<Contract> load_contract(const std::string& contract_id,
                                                  const FieldDictionary& fields) = 0;
    virtual std::optional<ContractContext> load_context(const std::string& contract_id,
                                                        const FieldDictionary& fields) = 0;
    /// The contract that a tender led to, if the register says.
    virtual std::optional<std::string> contract_for_tender(const std::string& tender_id) = 0;
    /// Contracts whose register row or returns came from the file with this hash (a quarterly
    /// return's superseded version too), or whose quarterly return it was, refused.
    virtual std::vector<std::string> contracts_for_file(const std::string& sha256) = 0;
    virtual std::vector<std::string> all_contract_ids() = 0;
    /// The latest date any stored return was submitted: the date the portfolio's data runs to,
    /// at which positions are stated unless a date is given. nullopt while no return says.
    virtual std::optional<Date> latest_return_submitted() = 0;
    /// A tender's bids, its own facts when a file gave them, and once awarded its contract;
    /// nullopt if no bid names the tender (a tender pipeline row alone has nothing to screen).
    virtual std::optional<TenderContext> load_tender(const std::string& tender_id,
                                                     const FieldDictionary& fields) = 0;
    /// Tenders with a bid, a register row naming them, or their own row (tender pipeline,
    /// OCDS notice), from the file with this hash.
    virtual std::vector<std::string> tenders_for_file(const std::string& sha256) = 0;
    /// Every tender that has a bid, in id order.
    virtual std::vector<std::string> all_tender_ids() = 0;

    // --- public registers -----------------------------------------------------------------
    /// The latest year held of `register_name` ("2021-22"); nullopt when none of it is held.
    virtual std::optional<std::string> latest_register_year(const std::string& register_name) = 0;
    /// An organisation's row in the latest year held of `register_name`: the first row (by
    /// row number) whose company number is supplier_key(`company_number`), unless that number
    /// says it is a charity's (SupplierIdKind::Charity: the register's numbers are companies');
    /// failing that (or with no number), the one row whose name is
    /// normalise_organisation_name(`name`), none when two rows share that name. nullopt when
    /// neither finds a row.
    virtual std::optional<RegisterEntry> find_register_entry(const std::string& register_name,
                                                             const std::string& company_number,
                                                             const std::string& name) = 0;

    // --- findings -------------------------------------------------------------------------
    /// Replaces the stored findings of every subject present in `findings` (the latest
    /// evaluation of a subject is what the store holds; the run id says which run made it).
    virtual void save_findings(const std::string& run_id, const std::vector<Finding>& findings) = 0;
    /// Latest findings for a contract (contract, awarded bid and quarterly subjects).
    virtual std::vector<StoredFinding> load_findings(const std::string& contract_id) = 0;
    /// Latest findings of every bid for a tender, awarded or not.
    virtual std::vector<StoredFinding> load_tender_findings(const std::string& tender_id) = 0;
};

/// A batch's saves grouped a few at a time (Store::begin_save_group): a group is committed
/// once it holds `max_saves` saves or has been open `max_open`, so that others soon see what
/// is stored and a failure loses at most what no later run misses (each file not committed
/// is not recorded as imported either, and is read again). Not copyable.
class SaveGroup {
public:
    SaveGroup(Store& store, size_t max_saves, std::chrono::milliseconds max_open);
    /// Commits what is open, quietly (an exception is already on its way, or finish() was
    /// called): on the normal path call finish(), which reports a failed commit.
    ~SaveGroup();
    SaveGroup(const SaveGroup&) = delete;
    SaveGroup& operator=(const SaveGroup&) = delete;

    /// One more save done in the group: commits it, and opens the next, when due.
    void saved();
    /// Commits what is open; throws StoreError as Store::end_save_group.
    void finish();

private:
    void open();
    Store& store_;
    size_t max_saves_;
    std::chrono::milliseconds max_open_;
    bool open_ = false;
    size_t saves_ = 0;
    std::chrono::steady_clock::time_point opened_{};
};

}  // namespace fairgate
