#include "service/intake.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "model/content_hash.hpp"

namespace fs = std::filesystem;

namespace fairgate::service {

Intake::Intake(const Rulebook& rulebook, std::string store_connection, IntakeOptions options, ServiceMetrics& metrics)
    : rulebook_(rulebook), connection_(std::move(store_connection)), options_(std::move(options)), metrics_(metrics) {}

Intake::~Intake() { stop(); }

void Intake::start() {
    store_ = Store::open(connection_);
    worker_ = std::thread([this] { work(); });
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
    for (;;) {
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
        if (jobs.front()->path.empty()) process_full_run(*jobs.front());
        else process(jobs);
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
    if (!fs::exists(from, ec)) return {};
    switch (fr.status) {
        case FileStatus::Imported:
        case FileStatus::Duplicate: {
            const fs::path to = free_name(options_.processed_dir, fr.file.name, fr.file.sha256);
            if (fs::exists(to, ec)) fs::remove(from);  // the same bytes are already there
            else move_file(from, to);
            return to.string();
        }
        case FileStatus::Quarantined: {
            // The pipeline has put a copy and its reason file in quarantine.
            fs::remove(from);
            return (fs::path(options_.batch.quarantine_dir) / fr.file.name).string();
        }
        case FileStatus::Skipped: {
            // `fairgate run` leaves such files where they are; a watched inbox must not keep
            // them, or every poll would see them again.
            const std::string sha = fr.file.sha256.empty() ? sha256_of_file(from.string()) : fr.file.sha256;
            const fs::path to = free_name(options_.batch.quarantine_dir, fr.file.name, sha);
            if (fs::exists(to, ec)) fs::remove(from);
            else move_file(from, to);
            std::ofstream reason(to.string() + ".reason.txt");
            reason << "file: " << fr.file.path << "\nsha256: " << sha << "\nreason: " << fr.reason << "\n";
            return to.string();
        }
    }
    return {};
}

void Intake::process_full_run(Job& job) {
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
    job.promise.set_value(std::move(r));
}

void Intake::process(std::vector<std::unique_ptr<Job>>& jobs) {
    BatchOptions options = options_.batch;
    options.files.emplace();
    options.write_portfolio = false;
    for (const auto& job : jobs) options.files->push_back(job->path);
    const auto started = std::chrono::steady_clock::now();
    BatchResult result;
    try {
        result = run_batch(rulebook_, *store_, options);
    } catch (const std::exception& e) {
        // Nothing is moved: every file stays where it was and is taken again later.
        spdlog::error("run over {} file(s) failed: {}", jobs.size(), e.what());
        ++metrics_.runs_failed;
        for (auto& job : jobs) {
            IntakeResult r;
            r.file.file.path = job->path;
            r.error = std::string("the run failed: ") + e.what() + "; the file is kept and will be tried again";
            job->promise.set_value(std::move(r));
        }
        return;
    }
    metrics_.count_run(result.run,
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
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
            // Only a submitter that reads them gets them: these reads hold up the next run.
            if (job->findings && (r.file.status == FileStatus::Imported || r.file.status == FileStatus::Duplicate)) {
                std::set<std::string> ids;
                for (const auto& id : store_->contracts_for_file(r.file.file.sha256)) ids.insert(id);
                for (const auto& id : ids) {
                    if (auto it = judged.find(id); it != judged.end()) r.contracts.push_back(*it->second);
                    for (auto& f : store_->load_findings(id)) r.findings.push_back(std::move(f.finding));
                }
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
