#include "service/intake.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "model/content_hash.hpp"
#include "model/timestamp.hpp"
#include "pipeline/quarantine.hpp"
#include "pipeline/run_owner.hpp"

namespace fs = std::filesystem;

namespace fairgate::service {

Intake::Intake(const Rulebook& rulebook, std::string store_connection, IntakeOptions options, ServiceMetrics& metrics)
    : rulebook_(rulebook), connection_(std::move(store_connection)), options_(std::move(options)), metrics_(metrics) {}

Intake::~Intake() { stop(); }

void Intake::start() {
    store_ = Store::open(connection_);
    // Runs a killed service left running are marked before anyone asks the API about them.
    for (const auto& id : mark_interrupted_runs(*store_)) spdlog::warn("run {} was interrupted; marked so", id);
    worker_ = std::thread([this] { work(); });
}

IntakeHealth Intake::health() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return health_;
}

void Intake::mark(bool working, const std::string& problem) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (working) {
        if (health_.degraded) spdlog::info("runs work again");
        health_ = {};
        return;
    }
    if (!health_.degraded) health_.since = utc_now_iso();
    health_.degraded = true;
    health_.problem = problem;
}

std::shared_future<IntakeResult> Intake::submit(const std::string& path, Detail detail) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = held_.find(path); it != held_.end()) {
        if (detail == Detail::Findings) it->second->findings = true;
        return it->second->future;
    }
    auto job = std::make_unique<Job>();
    job->path = path;
    job->findings = detail == Detail::Findings;
    job->future = job->promise.get_future().share();
    auto future = job->future;
    if (stopping_) {
        IntakeResult r;
        r.file.file.path = path;
        r.error = "the service is stopping; the file is kept and will be processed when it starts again";
        job->promise.set_value(std::move(r));
        return future;
    }
    held_.emplace(path, job.get());
    queue_.push_back(std::move(job));
    metrics_.queue_depth = queue_.size();
    wake_.notify_one();
    return future;
}

std::shared_future<IntakeResult> Intake::submit_full_run() { return submit(std::string()); }

bool Intake::holds(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_.count(path) > 0;
}

size_t Intake::queued() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

void Intake::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& job : queue_) {
        IntakeResult r;
        r.file.file.path = job->path;
        r.error = "the service stopped before this file was processed; it is kept and will be processed when the "
                  "service starts again";
        job->promise.set_value(std::move(r));
    }
    queue_.clear();
    held_.clear();
    metrics_.queue_depth = 0;
}

void Intake::work() {
    unsigned retry_ms = 0;
    for (;;) {
        if (retry_ms) {
            // The store or the output folder is away: wait before trying again, rather than
            // fail a run on every poll.
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(retry_ms), [&] { return stopping_; });
            if (stopping_) return;
        }
        std::vector<std::unique_ptr<Job>> jobs;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            // Everything waiting goes into one run (up to a limit): under load, many small
            // files share one judgement of each contract and one transaction of findings.
            // A full run goes alone; files go together up to the limit.
            const bool full = queue_.front()->path.empty();
            while (!queue_.empty() && jobs.size() < (full ? 1 : options_.max_batch_files) &&
                   queue_.front()->path.empty() == full) {
                jobs.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            metrics_.queue_depth = queue_.size();
        }
        const bool worked = jobs.front()->path.empty() ? process_full_run(*jobs.front()) : process(jobs);
        retry_ms = worked ? 0 : std::min(options_.max_retry_ms, retry_ms ? 2 * retry_ms : options_.retry_ms);
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& job : jobs) held_.erase(job->path);
    }
}

namespace {

// A free name for `name` in `folder`: the name itself, or one prefixed with the content
// hash when another file already has it (never overwriting what is there).
fs::path free_name(const fs::path& folder, const std::string& name, const std::string& sha256) {
    fs::path target = folder / name;
    std::error_code ec;
    if (!fs::exists(target, ec)) return target;
    if (!sha256.empty() && sha256_of_file(target.string()) == sha256) return target;  // same bytes
    return folder / (sha256.substr(0, 12) + "-" + name);
}

// rename(2) where possible; copy and remove across file systems.
void move_file(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    fs::rename(from, to, ec);
    if (!ec) return;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    fs::remove(from);
}

}  // namespace

std::string Intake::move_after(const FileResult& fr) {
    const fs::path from = fr.file.path;
    std::error_code ec;
    // The entry itself, not what a link points at: a refused link is removed like a file.
    if (!fs::exists(fs::symlink_status(from, ec))) return {};
    switch (fr.status) {
        case FileStatus::Imported:
        case FileStatus::Duplicate: {
            const fs::path to = free_name(options_.processed_dir, fr.file.name, fr.file.sha256);
            if (fs::exists(to, ec)) fs::remove(from);  // the same bytes are already there
            else move_file(from, to);
            return to.string();
        }
        case FileStatus::Quarantined: {
            // The pipeline has put a copy (where one may be kept) and its reason file in
            // quarantine; a link, or a file of personal data, is just removed.
            fs::remove(from);
            return (fs::path(options_.batch.quarantine_dir) / fr.file.name).string();
        }
        case FileStatus::Skipped: {
            // `fairgate run` leaves such files where they are; a watched inbox must not keep
            // them, or every poll would see them again.
            FileResult kept = fr;
            if (kept.file.sha256.empty()) kept.file.sha256 = sha256_of_file(from.string());
            const std::string to = put_in_quarantine(options_.batch.quarantine_dir, kept);
            fs::remove(from);
            return to;
        }
    }
    return {};
}

bool Intake::process_full_run(Job& job) {
    BatchOptions options = options_.batch;
    options.files.emplace();  // read nothing: judge what is stored
    options.all_contracts = true;
    options.write_portfolio = true;
    const auto started = std::chrono::steady_clock::now();
    IntakeResult r;
    try {
        BatchResult result = run_batch(rulebook_, *store_, options);
        metrics_.count_run(result.run,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        r.run_id = result.run.id;
        r.contracts = std::move(result.run.contracts);
        spdlog::info("full run {}: {} contracts judged", r.run_id, r.contracts.size());
    } catch (const std::exception& e) {
        spdlog::error("full run failed: {}", e.what());
        ++metrics_.runs_failed;
        r.error = std::string("the run failed: ") + e.what();
    }
    const bool worked = r.error.empty();
    if (worked) mark(true);
    else if (!store_answers()) mark(false, "the store cannot be reached: " + r.error);
    else mark(false, r.error);
    job.promise.set_value(std::move(r));
    return worked;
}

BatchResult Intake::run_files(const std::vector<Job*>& jobs) {
    BatchOptions options = options_.batch;
    options.files.emplace();
    options.write_portfolio = false;
    for (const Job* job : jobs) options.files->push_back(job->path);
    const auto started = std::chrono::steady_clock::now();
    BatchResult result = run_batch(rulebook_, *store_, options);
    metrics_.count_run(result.run,
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return result;
}

bool Intake::store_answers() {
    try {
        store_->ping();
        return true;
    } catch (const std::exception& e) {
        spdlog::warn("the store's connection is broken ({}); connecting again", e.what());
    }
    // A broken connection (a database restarted under it) is replaced, never used again.
    try {
        auto fresh = Store::open(connection_);
        store_ = std::move(fresh);
        return true;
    } catch (const std::exception& e) {
        spdlog::error("the store cannot be reached: {}", e.what());
        return false;
    }
}

void Intake::keep(const std::vector<Job*>& jobs, const std::string& why) {
    for (Job* job : jobs) {
        IntakeResult r;
        r.file.file.path = job->path;
        r.error = "the run failed: " + why + "; the file is kept and will be tried again";
        job->promise.set_value(std::move(r));
    }
}

bool Intake::process(std::vector<std::unique_ptr<Job>>& queued) {
    std::vector<Job*> jobs;
    for (const auto& job : queued) jobs.push_back(job.get());
    BatchResult result;
    std::string failure;
    // Twice at most: the second time on a fresh connection if the first broke.
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            result = run_files(jobs);
            failure.clear();
            break;
        } catch (const std::exception& e) {
            failure = e.what();
            spdlog::error("run over {} file(s) failed: {}", jobs.size(), failure);
            ++metrics_.runs_failed;
        }
        if (!store_answers()) {
            // Nothing is moved: every file stays where it was and is taken again later.
            mark(false, "the store cannot be reached: " + failure);
            keep(jobs, failure);
            return false;
        }
    }
    if (!failure.empty()) return isolate(jobs);
    // A contract that could not be judged or written leaves the run completed, but someone
    // must look: the service reports degraded until a run without such problems.
    mark(result.run.error.empty(), result.run.error);
    answer(jobs, result);
    return true;
}

bool Intake::isolate(const std::vector<Job*>& jobs) {
    // A run that reads nothing fails only for want of its store or output folder: then no
    // file is to blame, and every file is kept for later.
    try {
        run_files({});
    } catch (const std::exception& e) {
        mark(false, e.what());
        keep(jobs, e.what());
        return false;
    }
    for (size_t i = 0; i < jobs.size(); ++i) {
        Job& job = *jobs[i];
        try {
            BatchResult result = run_files({&job});
            answer({&job}, result);
            continue;
        } catch (const std::exception& e) {
            ++metrics_.runs_failed;
            if (!store_answers()) {
                mark(false, std::string("the store cannot be reached: ") + e.what());
                keep({jobs.begin() + static_cast<std::ptrdiff_t>(i), jobs.end()}, e.what());
                return false;
            }
            // This file alone makes a run fail: it is refused, so that it cannot stop every
            // later run, and kept in quarantine with the error.
            IntakeResult r;
            r.file.file.path = job.path;
            r.file.file.name = fs::path(job.path).filename().string();
            std::error_code ec;
            r.file.file.size = fs::file_size(job.path, ec);
            try {
                r.file.file.sha256 = sha256_of_file(job.path);
            } catch (const std::exception&) {
                r.file.copy_kept = false;
            }
            r.file.status = FileStatus::Quarantined;
            r.file.reason = std::string("a run that read this file failed: ") + e.what();
            spdlog::error("{}: quarantined: {}", job.path, r.file.reason);
            ++metrics_.files_quarantined;
            put_in_quarantine(options_.batch.quarantine_dir, r.file);
            r.moved_to = move_after(r.file);
            job.promise.set_value(std::move(r));
        }
    }
    mark(true);
    return true;
}

namespace {

// The tenders a file's bids are for, each keeping only the bids that came from the file: the
// officer who uploads a bid sees how that bid stands, ranked among the tender's others. A
// register row naming a tender feeds it too, but brings no bid: such tenders are left out.
std::vector<ScreenedTender> bids_screened(Store& store, const std::string& sha256, const Rulebook& rulebook) {
    std::vector<ScreenedTender> out;
    for (const std::string& id : store.tenders_for_file(sha256)) {
        std::optional<ScreenedTender> t = screen_tender(store, id, rulebook);
        if (!t) continue;
        t->bids.erase(std::remove_if(t->bids.begin(), t->bids.end(),
                                     [&](const TenderBid& b) { return b.source_sha256 != sha256; }),
                      t->bids.end());
        if (!t->bids.empty()) out.push_back(std::move(*t));
    }
    return out;
}

}  // namespace

void Intake::answer(const std::vector<Job*>& jobs, BatchResult& result) {
    std::map<std::string, const ContractOutcome*> judged;
    for (const auto& c : result.run.contracts) judged[c.contract_id] = &c;

    for (auto& job : jobs) {
        IntakeResult r;
        r.run_id = result.run.id;
        auto fr = std::find_if(result.run.files.begin(), result.run.files.end(),
                               [&](const FileResult& f) { return f.file.path == job->path; });
        try {
            if (fr == result.run.files.end()) throw std::runtime_error("the run did not report on the file");
            r.file = *fr;
            // Only a submitter that reads them gets them: these reads hold up the next run. A
            // refused quarterly return's contract is among them, its quarter received and refused.
            const bool judged_file = r.file.status == FileStatus::Imported || r.file.status == FileStatus::Duplicate ||
                                     (r.file.status == FileStatus::Quarantined && !r.file.file.sha256.empty());
            if (job->findings && judged_file) {
                std::set<std::string> ids;
                for (const auto& id : store_->contracts_for_file(r.file.file.sha256)) ids.insert(id);
                for (const auto& id : ids) {
                    if (auto it = judged.find(id); it != judged.end()) r.contracts.push_back(*it->second);
                    for (auto& f : store_->load_findings(id)) r.findings.push_back(std::move(f.finding));
                }
                r.tenders = bids_screened(*store_, r.file.file.sha256, rulebook_);
            }
            r.moved_to = move_after(r.file);
            spdlog::info("{}: {}{}{}", job->path, to_string(r.file.status), r.file.reason.empty() ? "" : ": ",
                         r.file.reason);
        } catch (const std::exception& e) {
            // Stored but not moved: the next poll takes it again as a duplicate.
            spdlog::error("{}: {}", job->path, e.what());
            r.error = e.what();
        }
        job->promise.set_value(std::move(r));
    }
}

}  // namespace fairgate::service
