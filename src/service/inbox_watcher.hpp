#pragma once
// Watches the inbox folder by polling, and hands each file to the intake once it is
// complete: its size and modification time unchanged across two polls. A file that arrives
// by rename is complete at once but is still taken on the second poll, which costs one
// interval and needs no guessing. Hidden files (a leading '.') are in-progress copies and
// uploads and are never taken.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "service/intake.hpp"

namespace fairgate::service {

class InboxWatcher {
public:
    InboxWatcher(std::string inbox, std::chrono::milliseconds interval, Intake& intake);
    ~InboxWatcher();

    void start();
    /// Stops polling; returns once the polling thread has finished its current poll.
    void stop();

    /// One poll: looks at the inbox and submits the files that have become stable. Returns
    /// how many it submitted. Public so tests can step the watcher without a thread.
    size_t poll();

    /// Whether the inbox could be read at the last poll (for /healthz).
    bool readable() const { return readable_; }

private:
    struct Seen {
        uintmax_t size = 0;
        std::filesystem::file_time_type modified;
    };
    const std::string inbox_;
    const std::chrono::milliseconds interval_;
    Intake& intake_;
    std::map<std::string, Seen> seen_;
    std::atomic<bool> readable_{true};

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace fairgate::service
