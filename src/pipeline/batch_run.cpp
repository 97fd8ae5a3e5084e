#include "pipeline/batch_run.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "importers/import.hpp"
#include "importers/reading_plan.hpp"
#include "model/content_hash.hpp"
#include "model/contract_status.hpp"
#include "model/timestamp.hpp"
#include "pipeline/public_register.hpp"
#include "pipeline/quarantine.hpp"
#include "pipeline/read_ahead.hpp"
#include "pipeline/run_owner.hpp"
#include "pipeline/work_queue.hpp"
#include "reports/contract_workbook.hpp"
#include "reports/evaluation_fingerprint.hpp"
#include "reports/portfolio_workbook.hpp"
#include "reports/tender_comparison.hpp"
#include "rulebook/judgement.hpp"

namespace fs = std::filesystem;

namespace fairgate {
namespace {


// The date a tender's screening is stated at: --as-of, else the latest date its bids were
// submitted, so that rerunning the same inputs gives the same workbook whatever day it is.
std::string stated_at(const BatchOptions& opt, const std::vector<SupplierReturn>& bids) {
    if (!opt.as_of.empty()) return opt.as_of;
    std::optional<Date> latest;
    for (const auto& b : bids)
        if (b.submitted && (!latest || *latest < *b.submitted)) latest = b.submitted;
    return latest ? latest->iso() : std::string("1970-01-01");
}

// A contract's position is stated at --as-of, else at the date the portfolio's data runs to
// (the latest return the store holds, `data_date`): a contract whose supplier has sent nothing
// is judged at that date too, so its overdue quarters show. Else at its start (no return held
// anywhere: nothing can be said to be overdue). A run whose data moves that date past a
// return's due date restates every contract (Batch::judge), so an untouched contract's
// position never depends on the order files arrived in.
// (The contract's own returns are among those the store holds, so none is later than
// `data_date`.)
std::string as_of_for(const BatchOptions& opt, const ContractContext& ctx, const std::optional<Date>& data_date) {
    if (!opt.as_of.empty()) return opt.as_of;
    const std::optional<Date> at = data_date ? data_date : ctx.contract.start;
    return at ? at->iso() : std::string("1970-01-01");
}

// How many files share a commit, and for how long a group stays open at most (others see
// its files when it commits).
constexpr size_t kFilesPerCommit = 64;
constexpr std::chrono::milliseconds kCommitAfter{250};

// Judging: the batch thread stores findings a batch at a time, and while it does, the workers
// live on the contracts already queued. Batches of 4,000 findings (about 30 contracts) and a
// queue of 32 contracts a worker keep them busy through each save; with 20,000 and 4 the
// workers waited: a 1,000-contract run now takes 0.89-0.93 of the wall time (bench/ab-runs.sh,
// medians of three rounds, twice) and a quarter less memory, fewer findings being held; more
// commits cost up to a few per cent more CPU.
constexpr size_t kQueuedPerWorker = 32;
constexpr size_t kFindingsPerSave = 4000;

class Batch {
public:
    Batch(const Rulebook& rb, Store& store, const BatchOptions& opt)
        : rb_(rb), store_(store), opt_(opt), register_facts_(rb.fields), reading_plan_(rb.fields, opt.mappings) {}

    BatchResult run() {
        BatchResult result;
        Run& run = result.run;
        run.id = new_run_id();
        run.started_at = utc_now_iso();
        run.status = RunStatus::Running;
        claim_run(run);
        data_date_before_ = store_.latest_return_submitted();
        run.rulebook_id = rb_.id;
        run.rulebook_version = rb_.version;
        run.rulebook_sha256 = rb_.sha256;
        run.inbox = opt_.inbox;
        run.out_dir = opt_.out_dir;
        // Runs that a killed process left running would otherwise show as running for ever.
        for (const auto& id : mark_interrupted_runs(store_)) spdlog::warn("run {} was interrupted; marked so", id);
        store_.begin_run(run);
        spdlog::info("run {}: rulebook {} {} ({} rules)", run.id, rb_.id, rb_.version, rb_.rules.size());

        try {
            using clock = std::chrono::steady_clock;
            auto seconds_since = [](clock::time_point t) {
                return std::chrono::duration<double>(clock::now() - t).count();
            };
            const auto t0 = clock::now();
            import_inbox(run);
            spdlog::info("read {} files in {:.1f} s", run.files.size(), seconds_since(t0));
            const auto t1 = clock::now();
            judge(run, run.contracts);
            spdlog::info("judged {} contracts and wrote their workbooks in {:.1f} s", run.contracts.size(),
                         seconds_since(t1));
            run.status = RunStatus::Completed;
        } catch (const std::exception& e) {
            run.status = RunStatus::Failed;
            run.error = e.what();
            run.finished_at = utc_now_iso();
            try { store_.finish_run(run); } catch (const std::exception& inner) {
                spdlog::error("could not record the failed run: {}", inner.what());
            }
            throw;
        }
        run.finished_at = utc_now_iso();
        store_.finish_run(run);
        return result;
    }

private:
    // An inbox entry as listed: only a regular file is ever opened. A link (to a file or a
    // folder) is not followed, and a FIFO, socket or device is not read: each is refused by
    // name, so nothing outside the inbox can be copied into quarantine or the store.
    struct InboxEntry {
        fs::path path;
        fs::file_type type = fs::file_type::regular;
    };

    std::vector<InboxEntry> inbox_entries() const {
        std::vector<InboxEntry> entries;
        if (opt_.files) {
            for (const auto& f : *opt_.files) {
                std::error_code ec;
                const auto st = fs::symlink_status(f, ec);
                entries.push_back({f, ec ? fs::file_type::not_found : st.type()});
            }
            return entries;
        }
        std::error_code ec;
        for (fs::recursive_directory_iterator it(opt_.inbox, fs::directory_options::skip_permission_denied, ec), end;
             it != end; it.increment(ec)) {
            if (ec) break;
            std::error_code type_ec;
            const auto type = it->symlink_status(type_ec).type();
            if (type == fs::file_type::directory) continue;  // its entries follow
            entries.push_back({it->path(), type_ec ? fs::file_type::not_found : type});
        }
        if (ec) throw std::runtime_error(opt_.inbox + ": cannot read the inbox: " + ec.message());
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
        return entries;
    }

    // The quarterly returns of a file whose contract is not known yet. (Bids need no contract:
    // they are screened on arrival, with their tender.)
    struct Waiting {
        size_t file_index;
        std::vector<std::pair<ReturnKind, std::string>> references;  // contract id
    };
    bool known(ReturnKind kind, const std::string& reference) {
        return kind != ReturnKind::Quarterly || known_contract(reference);
    }

    bool known_contract(const std::string& id) {
        if (known_contracts_.count(id)) return true;
        if (store_.load_contract(id, rb_.fields)) { known_contracts_.insert(id); return true; }
        return false;
    }
    std::optional<std::string> tender_contract(const std::string& tender_id) {
        if (auto it = tender_to_contract_.find(tender_id); it != tender_to_contract_.end()) return it->second;
        auto c = store_.contract_for_tender(tender_id);
        if (c) tender_to_contract_[tender_id] = *c;
        return c;
    }

    void refuse(Run& run, FileResult& fr, const std::string& reason, bool keep_copy = true) {
        fr.status = FileStatus::Quarantined;
        fr.reason = reason;
        fr.copy_kept = keep_copy && !fr.file.sha256.empty();
        fr.returns = 0;
        fr.contracts = 0;
        fr.tenders = 0;
        fr.notes.clear();
        spdlog::warn("quarantined {}: {}", fr.file.path, reason);
        put_in_quarantine(opt_.quarantine_dir, fr);
        // The store knows files by their content; one that could not be read has none, and
        // is listed with the run only.
        if (!fr.file.sha256.empty()) store_.record_quarantined(run.id, fr);
    }

    // Whether the store still answers: a store error while one file was being stored is that
    // file's fault (a value the database refuses) only if the store is otherwise well.
    bool store_answers() {
        try {
            store_.ping();
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }

    // Returns are stored in batches as they are read, each file all or nothing (a savepoint
    // of the run's save group), so that a file with hundreds of thousands of rows never has
    // all its returns in memory at once.
    static constexpr size_t kImportBatch = 2000;
    // Files up to this size are parsed ahead, on workers, and held parsed until their turn;
    // bigger ones are streamed as they are stored (import_and_save).
    static constexpr uint64_t kReadAheadBytes = 8ull << 20;

    void note_contracts(const std::vector<Contract>& contracts) {
        for (const auto& c : contracts) {
            known_contracts_.insert(c.id);
            touched_.insert(c.id);
            if (!c.tender_id.empty()) {
                tender_to_contract_[c.tender_id] = c.id;
                touched_tenders_.insert(c.tender_id);  // awarded: its bids are seen anew
            }
        }
    }

    // Reads and stores one file; returns the references its returns make to contracts or
    // tenders the store does not know yet. Throws ImportError (nothing of the file stored).
    // `ahead`: the file as a worker parsed it, if it did; its batches are then stored as they
    // would have been read, and what the parse threw is thrown after them, so that the file's
    // transaction ends as it would have.
    std::vector<std::pair<ReturnKind, std::string>> import_and_save(FileResult& fr, const std::string& run_id,
                                                                    FileReadAhead* ahead) {
        std::set<std::pair<ReturnKind, std::string>> unknown;
        std::vector<ImportNote> row_notes;
        importers::ImportResult imported;
        // A template mapping adds its headings to the dictionary; field ids stay the same.
        const importers::FileReading reading = reading_plan_.reading(fr.file.name);
        store_.save_import_in_batches(run_id, fr, rb_.fields, [&](const Store::ImportWriter& write) {
            // One batch of returns, read now or ahead: noted, then stored.
            auto store_batch = [&](importers::ImportBatch& batch) {
                for (const auto& r : batch.returns) {
                    const std::string& ref = r.kind == ReturnKind::Quarterly ? r.contract_id : r.tender_id;
                    if (!known(r.kind, ref)) unknown.emplace(r.kind, ref);
                    if (r.kind == ReturnKind::Quarterly) {
                        touched_.insert(r.contract_id);
                    } else {
                        touched_tenders_.insert(r.tender_id);
                        if (auto c = tender_contract(r.tender_id)) touched_.insert(*c);
                    }
                }
                fr.returns += static_cast<uint32_t>(batch.returns.size());
                row_notes.insert(row_notes.end(), std::make_move_iterator(batch.notes.begin()),
                                 std::make_move_iterator(batch.notes.end()));
                write({}, batch.returns, {});
            };
            if (ahead && ahead->parsed) {
                for (auto& held : ahead->batches) {
                    importers::ImportBatch batch = std::move(held);  // freed once stored
                    store_batch(batch);
                }
                if (ahead->parse_error) std::rethrow_exception(ahead->parse_error);
                imported = std::move(ahead->result);
            } else {
                imported = importers::import_file_in_batches(fr.file, *reading.fields, kImportBatch, store_batch);
            }
            write(imported.contracts, {}, imported.tenders);
            if (!imported.register_entries.empty()) write.register_entries(imported.register_entries);
        });
        note_contracts(imported.contracts);
        // A tender's own facts change what its bids are judged against.
        for (const auto& t : imported.tenders) touched_tenders_.insert(t.id);
        if (!imported.register_entries.empty() && register_facts_.wanted()) {
            // A register says something about every bidder: every tender is screened again,
            // and with it the contract awarded from it.
            for (const auto& tender : store_.all_tender_ids()) {
                touched_tenders_.insert(tender);
                if (auto c = tender_contract(tender)) touched_.insert(*c);
            }
        }
        fr.format = imported.format;
        fr.contracts = static_cast<uint32_t>(imported.contracts.size());
        fr.tenders = static_cast<uint32_t>(imported.tenders.size());
        fr.notes = std::move(imported.notes);
        if (reading.mapping) fr.notes.insert(fr.notes.begin(), {fr.file.name, reading.note()});
        fr.notes.insert(fr.notes.end(), std::make_move_iterator(row_notes.begin()),
                        std::make_move_iterator(row_notes.end()));
        spdlog::debug("imported {} ({}): {} contracts, {} tenders, {} returns, {} notes", fr.file.name, fr.format,
                      fr.contracts, fr.tenders, fr.returns, fr.notes.size());
        return {unknown.begin(), unknown.end()};
    }

    // One inbox entry, start to finish: hash, check against the store, read, store. This is
    // the boundary a bad file cannot cross: whatever goes wrong with it (unreadable,
    // malformed, too big for memory, a value the database refuses) refuses that file alone,
    // with its reason, and the run goes on. Only a store that no longer answers stops the run.
    // `ahead`: what reads the candidate files ahead (none: this thread reads them); each is
    // taken from it at its turn here.
    FileResult take(Run& run, const InboxEntry& entry, std::vector<Waiting>& waiting, ReadAhead* ahead) {
        FileResult fr;
        fr.file.name = entry.path.filename().string();
        fr.file.path = entry.path.string();
        if (entry.type != fs::file_type::regular) {
            refuse(run, fr, not_a_regular_file(entry.type), false);
            return fr;
        }
        if (!importers::is_candidate_input(fr.file.name)) {
            fr.status = FileStatus::Skipped;
            fr.reason = "not an input fairgate reads";
            return fr;
        }
        // Here, past the two checks above (reads()): the entries given to the ReadAhead.
        std::optional<FileReadAhead> read;
        if (ahead) read = ahead->next();
        try {
            std::error_code ec;
            fr.file.size = read ? read->size : fs::file_size(entry.path, ec);
            try {
                if (read && read->hash_error) std::rethrow_exception(read->hash_error);
                fr.file.sha256 = read ? read->sha256 : sha256_of_file(fr.file.path);
            } catch (const std::exception& e) {
                refuse(run, fr, "cannot be read: " + read_problem(fr, e), false);
                return fr;
            }
            if (auto known = store_.find_file(fr.file.sha256)) {
                if (known->status == "imported") {
                    fr.status = FileStatus::Duplicate;
                    fr.reason = "already imported (as " + known->name + ", run " + known->run_id + ")";
                    for (auto& c : store_.contracts_for_file(fr.file.sha256)) touched_.insert(c);
                    for (auto& t : store_.tenders_for_file(fr.file.sha256)) touched_tenders_.insert(t);
                } else {
                    // Its contracts are judged again, as a duplicate's are: the quarter it was for
                    // still reads "received and refused".
                    for (auto& c : store_.contracts_for_file(fr.file.sha256)) touched_.insert(c);
                    fr.status = FileStatus::Quarantined;
                    fr.reason = known->reason + " (refused before, run " + known->run_id + ")";
                    fr.copy_kept = known->copy_kept;
                    put_in_quarantine(opt_.quarantine_dir, fr);
                }
                return fr;
            }
            Waiting w{run.files.size(), import_and_save(fr, run.id, read ? &*read : nullptr)};
            if (!w.references.empty()) waiting.push_back(std::move(w));
        } catch (const importers::ImportError& e) {
            // Which quarter's return it was, where its header still tells: that quarter then
            // reads "received and refused", not "no return received".
            fr.refused_returns = importers::identify_refused(fr.file, *reading_plan_.reading(fr.file.name).fields);
            for (const RefusedIdentity& r : fr.refused_returns) touched_.insert(r.contract_id);
            refuse(run, fr, e.describe(), e.kind() != importers::ImportError::Kind::PersonalData);
        } catch (const StoreError& e) {
            if (!store_answers()) throw;
            refuse(run, fr, std::string("could not be stored: ") + e.what());
        } catch (const std::bad_alloc&) {
            refuse(run, fr,
                   "needed more memory than this machine could give while being read; split it into smaller "
                   "files or send it as CSV");
        } catch (const std::exception& e) {
            refuse(run, fr, std::string("could not be read: ") + e.what());
        }
        return fr;
    }

    // Whether take() opens the entry: a regular file whose name is one fairgate reads.
    static bool reads(const InboxEntry& entry) {
        return entry.type == fs::file_type::regular && importers::is_candidate_input(entry.path.filename().string());
    }

    // Threads that read files ahead, and that judge: --jobs, else one per core.
    unsigned worker_count() const {
        return opt_.jobs ? opt_.jobs : std::max(1u, std::thread::hardware_concurrency());
    }

    static std::string not_a_regular_file(fs::file_type type) {
        switch (type) {
            case fs::file_type::symlink:
                return "is a symbolic link: fairgate reads only files in the inbox itself and follows no link; "
                       "nothing was read or copied. Put the file itself in the inbox";
            case fs::file_type::not_found:
                return "was gone, or could not be examined, when its turn came; nothing was read";
            default:
                return "is not a regular file (a pipe, socket or device): nothing was read or copied";
        }
    }

    // What stopped a file being read, without the path and words the message starts with:
    // the reason file and the summary name the file already.
    static std::string read_problem(const FileResult& fr, const std::exception& e) {
        std::string what = e.what();
        for (const std::string& prefix : {fr.file.path + ": ", std::string("cannot read: ")})
            if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
        return what;
    }

    // Tells the observer, if any, after `update` has changed the progress; one call at a time
    // whichever thread calls (BatchProgressObserver's contract).
    template <typename Update>
    void tell(Update update) {
        if (!opt_.progress) return;
        std::lock_guard<std::mutex> lock(progress_mutex_);
        update(progress_);
        progress_.stage_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_began_).count();
        opt_.progress->progress(progress_);
    }
    void begin_stage(BatchProgress::Stage stage) {
        if (!opt_.progress) return;
        std::lock_guard<std::mutex> lock(progress_mutex_);
        progress_.stage = stage;
        stage_began_ = std::chrono::steady_clock::now();
    }

    void import_inbox(Run& run) {
        // Every file is stored as soon as it is read, so memory holds a few files at a time:
        // the one being stored and those read ahead (a bounded window of small files; a big
        // file is read as it is stored, a batch at a time). Returns whose contract is not
        // known yet are checked again once every file is read: the register may come later
        // in name order.
        std::vector<Waiting> waiting;
        const std::vector<InboxEntry> entries = inbox_entries();
        begin_stage(BatchProgress::Stage::Reading);
        tell([&](BatchProgress& p) { p.files_total = entries.size(); });
        // Declared before the loop that takes from it: its workers are joined however the
        // loop ends, a store that stops answering included.
        std::optional<ReadAhead> ahead;
        if (const unsigned workers = worker_count(); workers > 1) {
            std::vector<ReadAhead::File> files;
            for (const auto& entry : entries) {
                if (!reads(entry)) continue;
                const std::string name = entry.path.filename().string();
                files.push_back({SourceFile{name, entry.path.string(), {}, 0}, reading_plan_.reading(name).fields});
            }
            ReadAhead::Options options;
            options.workers = workers;
            options.window = 2 * workers;
            options.max_file_bytes = kReadAheadBytes;
            options.batch_size = kImportBatch;
            ahead.emplace(std::move(files), std::move(options));
        }
        // Files are committed a group at a time: one commit for many small files, each still
        // stored whole or not at all (a savepoint of its own).
        SaveGroup group(store_, kFilesPerCommit, kCommitAfter);
        for (const auto& entry : entries) {
            run.files.push_back(take(run, entry, waiting, ahead ? &*ahead : nullptr));
            group.saved();
            tell([](BatchProgress& p) { ++p.files_read; });
        }
        group.finish();
        for (auto& w : waiting) {
            // Still unknown once every file is read. A register may be late: the returns are
            // stored, not refused, and judged once the register names their contract. The
            // note makes the wait visible.
            FileResult& fr = run.files[w.file_index];
            std::set<std::string> why;
            for (const auto& [kind, ref] : w.references) {
                if (known(kind, ref)) continue;
                why.insert("contract " + ref +
                           " is not in the contract register: the return is stored and will be judged once the "
                           "register lists it");
            }
            for (const auto& message : why) fr.notes.push_back({fr.file.name, message});
        }
    }

    // One contract judged or tender screened, and its workbook written (or left as it was): the
    // part that needs no store, run on worker threads.
    struct Judged {
        bool tender = false;     // a tender screened, not a contract judged
        ContractOutcome outcome;
        TenderOutcome screened;  // a tender's comparison, for the run
        std::vector<Finding> findings;
        uint32_t returns = 0;
        std::unique_ptr<Contract> contract;  // kept for the portfolio workbook
        bool workbook_kept = false;          // its fingerprint unchanged: the workbook left as it was
        reports::PortfolioRow portfolio;
        std::string data_date;
        std::exception_ptr error;
    };

    // Whether the workbook stored as `before` (a contract's or tender's latest, if any) is the
    // one that would be written now: the same fingerprint at the same path, and still there.
    template <class Outcome>
    static bool unchanged(const Outcome* before, const std::string& fingerprint, const std::string& workbook) {
        std::error_code ec;
        return before && before->fingerprint == fingerprint && before->workbook == workbook &&
               fs::is_regular_file(workbook, ec);
    }

    // `before`: the contract's latest judgement stored, if any, whose workbook need not be
    // written again when nothing it was made from has changed.
    Judged judge_one(const ContractContext& ctx, const ContractOutcome* before) const {
        Judged j;
        ContractPortfolio p;
        p.contract = &ctx.contract;
        for (const auto& r : ctx.tender_returns) p.tender_returns.push_back(&r);
        for (const auto& r : ctx.quarterly_returns) p.quarterly_returns.push_back(&r);
        for (const auto& r : ctx.refused_returns) p.refused_returns.push_back(&r);
        const std::string as_of = as_of_for(opt_, ctx, data_date_);
        p.as_of = Date::parse_iso(as_of);
        j.findings = judge_contract(rb_, p);
        j.returns = static_cast<uint32_t>(ctx.tender_returns.size() + ctx.quarterly_returns.size());

        ContractOutcome& co = j.outcome;
        co.contract_id = ctx.contract.id;
        for (const auto& f : j.findings) ++co.outcomes[static_cast<size_t>(f.outcome)];

        reports::ContractReport report;
        report.contract = &ctx.contract;
        report.returns.insert(report.returns.end(), p.tender_returns.begin(), p.tender_returns.end());
        std::vector<const SupplierReturn*> quarters = p.quarterly_returns;
        std::sort(quarters.begin(), quarters.end(), [](auto* a, auto* b) {
            return (a->period ? a->period->ordinal() : 0) < (b->period ? b->period->ordinal() : 0);
        });
        report.returns.insert(report.returns.end(), quarters.begin(), quarters.end());
        report.refused = p.refused_returns;
        report.findings = j.findings;
        report.rulebook = &rb_;
        report.data_date = as_of;
        report.fairgate_version = opt_.fairgate_version;
        co.status = status_of(j.findings);
        co.workbook = reports::workbook_path(opt_.out_dir, report);
        co.fingerprint = reports::evaluation_fingerprint(report).sha256;
        j.workbook_kept = unchanged(before, co.fingerprint, co.workbook);
        if (!j.workbook_kept) reports::write_contract_workbook(report, co.workbook);

        j.contract = portfolio_copy(ctx.contract);
        j.portfolio = reports::portfolio_row(report, co.status, co.outcomes, co.workbook);
        j.portfolio.contract = j.contract.get();
        j.data_date = report.data_date;
        return j;
    }

    // What the portfolio workbook shows of a contract, and no more: a large portfolio keeps
    // one for every contract until the end of the run.
    std::unique_ptr<Contract> portfolio_copy(const Contract& c) const {
        auto slim = std::make_unique<Contract>();
        slim->id = c.id;
        slim->tender_id = c.tender_id;
        slim->title = c.title;
        slim->category = c.category;
        slim->supplier_id = c.supplier_id;
        slim->supplier_name = c.supplier_name;
        slim->start = c.start;
        slim->end = c.end;
        if (const FieldDef* value = rb_.fields.find(FieldRole::ContractValue))
            if (const Answer* a = c.fields.get(value->id)) slim->fields.set(value->id, *a);
        return slim;
    }

    // One tender screened: every bid judged by the tender rules (against the awarded
    // contract's facts once there is one, else the tender's own, from its pipeline row or
    // notice) and the comparison workbook written. The awarded
    // bid's findings are the contract's too, and are kept and counted by its contract's job,
    // which the same run always judges; so only the losing bids' are kept here. `before`: the
    // tender's latest screening stored, if any, whose comparison need not be written again
    // when nothing it was made from has changed.
    Judged screen_one(const TenderContext& ctx, const TenderOutcome* before) const {
        Judged j;
        j.tender = true;
        TenderPortfolio tp;
        tp.tender_id = ctx.tender_id;
        std::optional<Contract> before_award;
        if (!ctx.contract && ctx.tender) before_award = contract_before_award(*ctx.tender, rb_.fields);
        tp.contract = ctx.contract ? &*ctx.contract : before_award ? &*before_award : nullptr;
        for (const auto& b : ctx.bids) tp.bids.push_back(&b);
        std::vector<Finding> findings = judge_tender(rb_, tp);

        reports::TenderReport t;
        t.tender_id = ctx.tender_id;
        t.contract = ctx.contract ? &*ctx.contract : nullptr;  // awarded only: the stand-in names no supplier
        if (const FieldDef* value = rb_.fields.find(FieldRole::ContractValue); value && tp.contract) {
            const Value& v = tp.contract->fields.value(value->id);
            if (!v.is_absent()) t.estimated_value = v;
        }
        t.bids = tp.bids;
        t.rulebook = &rb_;
        t.fairgate_version = opt_.fairgate_version;
        t.data_date = stated_at(opt_, ctx.bids);
        t.findings = findings;
        TenderOutcome& to = j.screened;
        to.tender_id = ctx.tender_id;
        to.workbook = reports::tender_workbook_path(opt_.out_dir, t);
        to.fingerprint = reports::evaluation_fingerprint(t, ctx.tender ? &*ctx.tender : nullptr).sha256;
        j.workbook_kept = unchanged(before, to.fingerprint, to.workbook);
        if (!j.workbook_kept) reports::write_tender_comparison(t, to.workbook);

        for (auto& f : findings)
            if (f.contract_id.empty()) j.findings.push_back(std::move(f));
        for (const auto& b : ctx.bids)
            j.returns += !(ctx.contract && ctx.contract->supplied_by(b.supplier_id));
        return j;
    }

    // The run's portfolio workbook: every contract judged, stated at the latest data date.
    // `judged` is in contract id order.
    void write_portfolio(const std::vector<std::pair<size_t, Judged>>& judged, std::vector<ContractOutcome>& outcomes) {
        if (judged.empty() || !opt_.write_portfolio) return;
        reports::PortfolioReport portfolio;
        portfolio.rulebook = &rb_;
        portfolio.fairgate_version = opt_.fairgate_version;
        for (const auto& [index, j] : judged) {
            portfolio.rows.push_back(j.portfolio);
            portfolio.data_date = std::max(portfolio.data_date, j.data_date);
        }
        const std::string path =
            (fs::path(opt_.out_dir) / ("portfolio " + portfolio.data_date + ".xlsx")).string();
        reports::write_portfolio_workbook(portfolio, path);
        for (auto& co : outcomes) co.portfolio = path;
    }

    // A unit of judging work: a contract (its own findings and workbook) or a tender (its
    // bids screened and compared).
    struct Work {
        bool tender = false;
        std::string id;
        std::unique_ptr<ContractContext> contract;
        std::unique_ptr<TenderContext> bids;
        std::optional<ContractOutcome> before;        // a contract's latest judgement stored
        std::optional<TenderOutcome> tender_before;   // a tender's latest screening stored
    };

    // The latest stored outcome of each of `ids`: `all` fills them in with one query when many
    // are asked for (a rerun of the whole portfolio), else `one` asks for each (an upload that
    // touched a few, the service's usual run).
    template <class Outcome, class All, class One>
    static std::map<std::string, Outcome> latest_stored(const std::vector<std::string>& ids, All all, One one) {
        std::map<std::string, Outcome> latest;
        if (ids.size() > 64) {
            all(latest);
        } else {
            for (const std::string& id : ids)
                if (std::optional<Outcome> o = one(id)) latest.emplace(id, std::move(*o));
        }
        return latest;
    }

    void judge(Run& run, std::vector<ContractOutcome>& outcomes) {
        data_date_ = store_.latest_return_submitted();
        std::vector<std::string> ids;
        if (opt_.all_contracts) {
            ids = store_.all_contract_ids();
        } else if (restates_all()) {
            ids = store_.all_contract_ids();
            if (ids.size() > touched_.size())
                spdlog::info("the portfolio's data now runs to {}, past a return's due date: all {} stored contracts are restated",
                             data_date_->iso(), ids.size());
        } else {
            ids.assign(touched_.begin(), touched_.end());
        }
        std::sort(ids.begin(), ids.end());
        std::vector<std::string> tender_ids;
        if (opt_.all_contracts) tender_ids = store_.all_tender_ids();
        else tender_ids.assign(touched_tenders_.begin(), touched_tenders_.end());
        // Work items are contracts, then tenders; an item's index names it in `what`.
        auto what = [&](size_t index) {
            return index < ids.size() ? "contract " + ids[index] : "tender " + tender_ids[index - ids.size()];
        };
        begin_stage(BatchProgress::Stage::Judging);
        tell([&](BatchProgress& p) {
            p.contracts_total = ids.size();
            p.tenders_total = tender_ids.size();
        });
        // One more item done, judged or not (a contract the store no longer holds, one that
        // failed): the count reaches its total.
        auto done_with = [&](size_t index) {
            tell([&](BatchProgress& p) { ++(index < ids.size() ? p.contracts_judged : p.tenders_screened); });
        };

        // This thread reads contexts from the store and saves findings (a Store belongs to
        // one thread); workers judge and write workbooks, which is most of the work.
        const unsigned workers = worker_count();
        WorkQueue<std::pair<size_t, Work>> queue(kQueuedPerWorker * workers);
        std::mutex done_mutex;
        std::vector<std::pair<size_t, Judged>> done;
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < workers; ++w) {
            pool.emplace_back([&] {
                while (auto job = queue.pop()) {
                    Judged j;
                    try {
                        const Work& item = job->second;
                        j = item.tender ? screen_one(*item.bids, item.tender_before ? &*item.tender_before : nullptr)
                                        : judge_one(*item.contract, item.before ? &*item.before : nullptr);
                    } catch (...) {
                        j.error = std::current_exception();
                    }
                    const size_t index = job->first;
                    {
                        std::lock_guard<std::mutex> lock(done_mutex);
                        done.emplace_back(index, std::move(j));
                    }
                    done_with(index);
                }
            });
        }

        std::vector<std::pair<size_t, Judged>> judged;  // (position in ids, result), as they finish
        std::vector<std::pair<size_t, TenderOutcome>> screened;  // likewise, tenders
        size_t tenders_kept = 0;
        std::vector<Finding> pending;  // saved in batches: one transaction per batch
        std::vector<std::string> problems;
        auto collect = [&] {
            std::vector<std::pair<size_t, Judged>> ready;
            {
                std::lock_guard<std::mutex> lock(done_mutex);
                ready.swap(done);
            }
            for (auto& [index, j] : ready) {
                if (j.error) {
                    // One contract or tender that cannot be judged or written (an id no folder
                    // can be made for, a full disk) is reported; the others go on.
                    std::string why = "unknown error";
                    try {
                        std::rethrow_exception(j.error);
                    } catch (const std::exception& e) {
                        why = e.what();
                    } catch (...) {
                    }
                    spdlog::error("{}: not judged: {}", what(index), why);
                    problems.push_back(what(index) + ": " + why);
                    continue;
                }
                for (const auto& f : j.findings) {
                    ++run.outcomes[static_cast<size_t>(f.outcome)];
                    ++run.rule_outcomes[f.rule_id][static_cast<size_t>(f.outcome)];
                }
                run.returns_evaluated += j.returns;
                // A contract judged (or tender screened) as before, its fingerprint unchanged, has
                // these very findings stored already: they are counted with the run, not written again.
                if (!j.workbook_kept)
                    pending.insert(pending.end(), std::make_move_iterator(j.findings.begin()),
                                   std::make_move_iterator(j.findings.end()));
                // Release the buffer (assigning {} would keep its capacity): the portfolio keeps
                // this Judged to the end of the run.
                std::vector<Finding>().swap(j.findings);
                if (j.tender) {
                    ++run.tenders_reported;
                    tenders_kept += j.workbook_kept;
                    screened.emplace_back(index, std::move(j.screened));
                } else {
                    judged.emplace_back(index, std::move(j));
                }
            }
            if (pending.size() >= kFindingsPerSave) {
                store_.save_findings(run.id, pending);
                pending.clear();
            }
        };
        auto stop_workers = [&] {
            queue.close();
            for (auto& t : pool) t.join();
        };
        try {
            // Each contract's latest judgement and each tender's latest screening.
            std::map<std::string, ContractOutcome> before = latest_stored<ContractOutcome>(
                ids,
                [&](auto& latest) {
                    for (ContractPosition& p : store_.contract_positions())
                        latest.emplace(p.outcome.contract_id, std::move(p.outcome));
                },
                [&](const std::string& id) -> std::optional<ContractOutcome> {
                    if (auto p = store_.contract_position(id)) return std::move(p->outcome);
                    return std::nullopt;
                });
            std::map<std::string, TenderOutcome> tenders_before = latest_stored<TenderOutcome>(
                tender_ids,
                [&](auto& latest) {
                    for (TenderScreening& t : store_.tender_screenings())
                        latest.emplace(t.outcome.tender_id, std::move(t.outcome));
                },
                [&](const std::string& id) -> std::optional<TenderOutcome> {
                    if (auto t = store_.tender_screening(id)) return std::move(t->outcome);
                    return std::nullopt;
                });
            for (size_t i = 0; i < ids.size(); ++i) {
                auto ctx = store_.load_context(ids[i], rb_.fields);
                // Here, on the one thread that talks to the store: the awarded bid is judged
                // with its register facts, as it was when its tender was screened.
                if (ctx) register_facts_.attach(store_, ctx->tender_returns);
                if (ctx) {
                    Work w{false, ids[i], std::make_unique<ContractContext>(std::move(*ctx)), {}, std::nullopt,
                           std::nullopt};
                    if (auto b = before.find(ids[i]); b != before.end()) w.before = std::move(b->second);
                    queue.push({i, std::move(w)});
                } else {
                    done_with(i);
                }
                collect();
            }
            for (size_t i = 0; i < tender_ids.size(); ++i) {
                auto ctx = store_.load_tender(tender_ids[i], rb_.fields);
                if (ctx) register_facts_.attach(store_, ctx->bids);
                if (ctx) {
                    Work w{true, tender_ids[i], {}, std::make_unique<TenderContext>(std::move(*ctx)), std::nullopt,
                           std::nullopt};
                    if (auto b = tenders_before.find(tender_ids[i]); b != tenders_before.end())
                        w.tender_before = std::move(b->second);
                    queue.push({ids.size() + i, std::move(w)});
                } else {
                    done_with(ids.size() + i);
                }
                collect();
            }
        } catch (...) {
            stop_workers();
            throw;
        }
        stop_workers();
        collect();
        if (!pending.empty()) store_.save_findings(run.id, pending);
        if (!problems.empty()) {
            run.error = std::to_string(problems.size()) +
                        (problems.size() == 1 ? " contract or tender" : " contracts or tenders") +
                        " could not be judged or written: " + problems.front() +
                        (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more; see the log)"
                                             : "");
        }

        std::sort(judged.begin(), judged.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        size_t kept = 0;
        for (const auto& [index, j] : judged) {
            outcomes.push_back(j.outcome);
            kept += j.workbook_kept;
        }
        run.contracts_reported = static_cast<uint32_t>(outcomes.size());
        if (kept)
            spdlog::info("{} of {} contracts judged as before from the same returns, rulebook and date: their workbooks "
                         "are left as they were",
                         kept, judged.size());
        write_portfolio(judged, outcomes);

        std::sort(screened.begin(), screened.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        run.tenders.clear();
        for (auto& [index, to] : screened) run.tenders.push_back(std::move(to));
        if (tenders_kept)
            spdlog::info("{} of {} tenders screened as before from the same bids, rulebook and date: their comparison "
                         "workbooks are left as they were",
                         tenders_kept, screened.size());
    }

    const Rulebook& rb_;
    Store& store_;
    const BatchOptions& opt_;
    RegisterFacts register_facts_;
    const importers::ReadingPlan reading_plan_;
    std::set<std::string> touched_;          // contracts to judge
    std::set<std::string> touched_tenders_;  // tenders whose bids to screen
    std::optional<Date> data_date_before_;  // the latest return the store held when the run began
    std::optional<Date> data_date_;         // and once its files are read
    std::mutex progress_mutex_;             // one observer call at a time
    BatchProgress progress_;
    std::chrono::steady_clock::time_point stage_began_ = std::chrono::steady_clock::now();

    // Whether this run's files moved the portfolio's date past a return's due date: then any
    // stored contract, touched or not, may have a quarter newly overdue. (A few times a year;
    // a date given with --as-of states every judged contract at it already.)
    bool restates_all() const {
        if (!opt_.as_of.empty() || !data_date_ || !rb_.return_due_days()) return false;
        return !data_date_before_ || rb_.return_falls_due_between(*data_date_before_, *data_date_);
    }
    std::set<std::string> known_contracts_;
    std::map<std::string, std::string> tender_to_contract_;
};

}  // namespace

std::string new_run_id() {
    // Milliseconds, strictly increasing within the process: the service starts several runs
    // a second, and a contract's latest judgement is the one with the greatest run id.
    static std::mutex mutex;
    static int64_t last = 0;
    int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (ms <= last) ms = last + 1;
        last = ms;
    }
    std::random_device rd;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%06x", rd() & 0xFFFFFF);
    return utc_compact_ms(ms) + suffix;
}

BatchResult run_batch(const Rulebook& rulebook, Store& store, const BatchOptions& options) {
    Batch batch(rulebook, store, options);
    return batch.run();
}

}  // namespace fairgate
