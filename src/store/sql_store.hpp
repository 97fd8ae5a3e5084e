#pragma once
// The Store over Poco::Data, in SQL both SQLite and PostgreSQL run. Backend differences are
// confined to the Dialect.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "store/db.hpp"
#include "store/store.hpp"

namespace fairgate::store {

class SqlStore final : public Store {
public:
    /// `connect_string` is what the connector takes (a path, a libpq conninfo); `display`
    /// names the database in error messages and must carry no password.
    SqlStore(std::unique_ptr<Dialect> dialect, const std::string& connect_string, std::string display);

    int schema_version() override;
    std::string backend() const override;

    void begin_run(const Run& run) override;
    void finish_run(const Run& run) override;
    std::optional<Run> load_run(const std::string& run_id) override;
    std::vector<Run> list_runs(size_t limit) override;
    std::vector<Run> unfinished_runs() override;
    bool mark_run_interrupted(const std::string& run_id, const std::string& finished_at,
                              const std::string& reason) override;
    void ping() override;
    std::vector<ContractPosition> contract_positions() override;
    std::optional<ContractPosition> contract_position(const std::string& contract_id) override;
    std::vector<TenderScreening> tender_screenings() override;
    std::optional<TenderScreening> tender_screening(const std::string& tender_id) override;

    std::optional<KnownFile> find_file(const std::string& sha256) override;
    void record_quarantined(const std::string& run_id, const FileResult& result) override;
    void begin_save_group() override;
    void end_save_group() override;
    void save_import_in_batches(const std::string& run_id, const FileResult& result, const FieldDictionary& fields,
                                const std::function<void(const ImportWriter&)>& feed) override;

    std::optional<Contract> load_contract(const std::string& contract_id, const FieldDictionary& fields) override;
    std::optional<ContractContext> load_context(const std::string& contract_id,
                                                const FieldDictionary& fields) override;
    std::optional<std::string> contract_for_tender(const std::string& tender_id) override;
    std::vector<std::string> contracts_for_file(const std::string& sha256) override;
    std::vector<std::string> all_contract_ids() override;
    std::optional<Date> latest_return_submitted() override;
    std::optional<TenderContext> load_tender(const std::string& tender_id, const FieldDictionary& fields) override;
    std::vector<std::string> tenders_for_file(const std::string& sha256) override;
    std::vector<std::string> all_tender_ids() override;

    std::optional<std::string> latest_register_year(const std::string& register_name) override;
    std::optional<RegisterEntry> find_register_entry(const std::string& register_name, const std::string& company_number,
                                                     const std::string& name) override;

    void save_findings(const std::string& run_id, const std::vector<Finding>& findings) override;
    std::vector<StoredFinding> load_findings(const std::string& contract_id) override;
    std::vector<StoredFinding> load_tender_findings(const std::string& tender_id) override;

private:
    /// Runs `body`, turning any failure into a StoreError naming the database and `operation`.
    template <class F>
    auto guard(const char* operation, F&& body) -> decltype(body());

    void upsert_run(const Run& run);
    std::vector<ContractPosition> read_positions(const std::string& where, const Params& params);
    std::vector<TenderScreening> read_screenings(const std::string& where, const Params& params);
    void upsert_file(const std::string& run_id, const FileResult& result, const char* status);
    void write_records(const std::string& run_id, const std::vector<Contract>& contracts,
                       const std::vector<SupplierReturn>& returns, const FieldDictionary& fields);
    /// A quarterly return as held: the version it is (date submitted, file) and its first
    /// receipt, for deciding whether another file's copy supersedes it.
    struct HeldReturn {
        std::optional<Date> submitted;
        std::string source_sha256;
        std::optional<Date> first_submitted;
    };
    /// The returns held under `ids`, by id (those not held are left out).
    std::map<std::string, HeldReturn> held_returns(const std::vector<std::string>& ids);
    /// Deletes the stored bids (answers and findings too) that bids of `returns` (by id)
    /// replace under another id: the same supplier's, its number typed another way.
    void delete_replaced_bids(const std::map<std::string, const SupplierReturn*>& returns);
    void write_tenders(const std::string& run_id, const std::vector<Tender>& tenders, const FieldDictionary& fields);
    void write_register_entries(const std::string& run_id, const std::vector<RegisterEntry>& entries);
    std::optional<Contract> read_contract(const std::string& contract_id, const FieldDictionary& fields);
    std::optional<Tender> read_tender(const std::string& tender_id, const FieldDictionary& fields);
    /// The answers stored for one contract or tender (`table` contract_values or
    /// tender_values, keyed by `key`), into `into`.
    void read_values(const char* table, const char* key, const std::string& id, const FieldDictionary& fields,
                     Record& into);
    /// Findings (with evidence) WHERE `where`, one '?' bound to `key`; `where` names columns
    /// of findings unqualified, and is qualified as f.<where> for the evidence join.
    std::vector<StoredFinding> read_findings(const std::string& where, const std::string& key);
    /// The quarterly returns refused for a contract, while their files stand refused.
    std::vector<RefusedReturn> read_refused(const std::string& contract_id);
    /// Returns (with their answers) WHERE `where`, which names the returns table as r.
    std::vector<SupplierReturn> read_returns(const std::string& where, const Params& params,
                                             const FieldDictionary& fields);

    std::string display_;
    std::unique_ptr<Db> db_;
    int version_ = 0;
};

}  // namespace fairgate::store
