#pragma once
// The service's one processing line: files handed in (by the inbox watcher or an upload) are
// queued, and a single worker runs the batch pipeline over whatever is waiting, then moves
// each file to processed/ or quarantine/. The same pipeline as `fairgate run`.
//
// Crash safety comes from the order of work: a file stays where it was handed in until the
// run that read it has committed, and is moved only afterwards. Killed at any moment, the
// file is still in the inbox on restart, is taken again, and its content hash makes the
// second import a no-op that still judges its contracts.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "model/finding.hpp"
#include "model/run.hpp"
#include "pipeline/batch_run.hpp"
#include "rulebook/rulebook.hpp"
#include "service/metrics.hpp"
#include "service/tender_screening.hpp"
#include "store/store.hpp"

namespace fairgate::service {

/// What became of one file handed to the intake.
struct IntakeResult {
    FileResult file;                         ///< Status, reason and notes, as the run stored them.
    std::string run_id;
    std::string moved_to;                    ///< Where the file is now (processed/ or quarantine/).
    std::vector<ContractOutcome> contracts;  ///< Contracts the file feeds, as judged in the run.
    std::vector<Finding> findings;           ///< Their latest findings.
    /// Tenders the file's bids are for, each with only the bids from this file (standing,
    /// rank among all the tender's bids, latest findings).
    /// (contracts, findings and tenders: Detail::Findings only)
    std::vector<ScreenedTender> tenders;
    std::string error;                       ///< Set when the file could not be processed now;
                                             ///< it stays where it was and is taken again later.
};

/// Whether the intake's runs are working. Degraded from a run that could not be made to work
/// (the store unreachable, the output folder unwritable) until the next run that does; its
/// files stay in the inbox meanwhile, to be taken again. /healthz reports it.
struct IntakeHealth {
    bool degraded = false;
    std::string problem;  ///< Why, when degraded.
    std::string since;    ///< UTC, ISO 8601: the first failed run of this spell.
};

struct IntakeOptions {
    BatchOptions batch;         ///< out_dir, quarantine_dir, jobs, version; files are set per run.
    std::string processed_dir;  ///< Imported and duplicate files are moved here.
    size_t max_batch_files = 200;
    /// After a run fails for want of its store or output folder, the worker waits this long
    /// before the next (doubling while it keeps failing, up to max_retry_ms).
    unsigned retry_ms = 1000;
    unsigned max_retry_ms = 30000;
};

class Intake {
public:
    /// The intake has its own store connection, used only by its worker.
    Intake(const Rulebook& rulebook, std::string store_connection, IntakeOptions options, ServiceMetrics& metrics);
    ~Intake();
    Intake(const Intake&) = delete;
    Intake& operator=(const Intake&) = delete;

    /// Starts the worker. Throws StoreError if the store cannot be opened.
    void start();

    /// What a submitter wants back besides the file's own result.
    enum class Detail {
        File,      ///< Status, reason and notes only (the inbox watcher: nobody reads more).
        Findings,  ///< Also the contracts the file feeds and their latest findings (uploads).
    };
    /// Queues a complete file for processing. A path already queued or in progress gets the
    /// same future (asking for more detail raises what it will hold). After stop() the future
    /// holds an error and the file is left alone.
    std::shared_future<IntakeResult> submit(const std::string& path, Detail detail = Detail::Findings);

    /// Queues a run that judges every stored contract and writes the portfolio workbook (the
    /// file runs leave the portfolio alone). One such run is queued at a time.
    std::shared_future<IntakeResult> submit_full_run();

    /// The rulebook every run judges by.
    const Rulebook& rulebook() const { return rulebook_; }

    /// Whether the path is queued or being processed (the watcher does not take it again).
    bool holds(const std::string& path) const;
    size_t queued() const;
    IntakeHealth health() const;

    /// Stops taking work, lets the run in progress finish and move its files, and answers
    /// the files still queued with an error (they stay in place for the next start).
    void stop();

private:
    struct Job {
        std::string path;  ///< Empty for a full run.
        std::atomic<bool> findings{false};  ///< Read once the run is done; may be raised until then.
        std::promise<IntakeResult> promise;
        std::shared_future<IntakeResult> future;
    };
    void work();
    /// Runs the jobs' files together; after a failure, makes sure of the store, tries once
    /// more, then isolates the file at fault. False when the run could not be made to work.
    bool process(std::vector<std::unique_ptr<Job>>& jobs);
    bool process_full_run(Job& job);
    BatchResult run_files(const std::vector<Job*>& jobs);
    /// Answers each job from the run that read it, and moves its file.
    void answer(const std::vector<Job*>& jobs, BatchResult& result);
    /// Each file in a run of its own: a file whose run fails while the store answers and an
    /// empty run works is quarantined with the error. False if the environment is at fault.
    bool isolate(const std::vector<Job*>& jobs);
    /// Answers jobs whose files stay where they are, to be taken again.
    void keep(const std::vector<Job*>& jobs, const std::string& why);
    /// Whether the store answers, reconnecting once if its connection broke.
    bool store_answers();
    void mark(bool working, const std::string& problem = {});
    std::string move_after(const FileResult& file);

    const Rulebook& rulebook_;
    const std::string connection_;
    const IntakeOptions options_;
    ServiceMetrics& metrics_;
    std::unique_ptr<Store> store_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Job>> queue_;
    std::map<std::string, Job*> held_;  // queued or in progress; owned by queue_ or the worker
    bool stopping_ = false;
    IntakeHealth health_;  // guarded by mutex_
    std::thread worker_;
};

}  // namespace fairgate::service
