#include "service/inbox_watcher.hpp"

#include <spdlog/spdlog.h>

#include <set>

namespace fs = std::filesystem;

namespace fairgate::service {

InboxWatcher::InboxWatcher(std::string inbox, std::chrono::milliseconds interval, Intake& intake)
    : inbox_(std::move(inbox)), interval_(interval), intake_(intake) {}

InboxWatcher::~InboxWatcher() { stop(); }

void InboxWatcher::start() {
    thread_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                poll();
            } catch (const std::exception& e) {
                spdlog::error("{}: polling the inbox failed: {}", inbox_, e.what());
            }
            lock.lock();
            wake_.wait_for(lock, interval_, [&] { return stopping_; });
        }
    });
}

void InboxWatcher::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

size_t InboxWatcher::poll() {
    std::set<std::string> present;
    size_t submitted = 0;
    std::error_code ec;
    fs::recursive_directory_iterator it(inbox_, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
        if (readable_.exchange(false)) spdlog::error("{}: cannot read the inbox: {}", inbox_, ec.message());
        return 0;
    }
    if (!readable_.exchange(true)) spdlog::info("{}: the inbox is readable again", inbox_);
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        // Not followed: a link or other entry that is not a regular file is handed over at
        // once, for the pipeline to refuse by name and the intake to take out of the inbox.
        const auto type = it->symlink_status(ec).type();
        if (ec || type == fs::file_type::directory) continue;
        const std::string path = it->path().string();
        if (type != fs::file_type::regular) {
            present.insert(path);
            if (!intake_.holds(path)) {
                intake_.submit(path, Intake::Detail::File);
                ++submitted;
            }
            continue;
        }
        present.insert(path);
        Seen now;
        now.size = it->file_size(ec);
        now.modified = it->last_write_time(ec);
        if (ec) continue;  // gone since listed
        auto [entry, fresh] = seen_.try_emplace(path, now);
        if (fresh) continue;
        Seen& before = entry->second;
        const bool unchanged = before.size == now.size && before.modified == now.modified;
        before = now;
        if (!unchanged || intake_.holds(path)) continue;
        intake_.submit(path, Intake::Detail::File);
        ++submitted;
    }
    // Forget files that have gone (moved after processing, or taken back by their sender).
    for (auto s = seen_.begin(); s != seen_.end();) s = present.count(s->first) ? std::next(s) : seen_.erase(s);
    return submitted;
}

}  // namespace fairgate::service
