#pragma once
// `fairgate run`'s progress on stderr: a bar redrawn in place on a terminal, else a plain
// line now and then (a log file or a CI job shows how far a long run has got).

#include <spdlog/sinks/sink.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "pipeline/batch_progress.hpp"

namespace fairgate::cli {

/// How progress is shown (`--progress`).
enum class ProgressStyle : uint8_t {
    Bar,    ///< One line redrawn in place: for a terminal.
    Lines,  ///< "fairgate: judged 1,200 of 3,000 contracts (40%), about 30 s left" every interval.
    None,
};

/// Renders a batch's progress. The batch serialises its calls; the lock here is for the log
/// lines (log_sink) that come from any thread and must not land in the middle of the bar.
class ProgressDisplay : public BatchProgressObserver {
public:
    /// `interval`: the least time between two lines (Lines) or two redraws (Bar).
    ProgressDisplay(ProgressStyle style, std::chrono::duration<double> interval, std::FILE* out = stderr);
    void progress(const BatchProgress& now) override;
    /// Clears the bar, if drawn, so that what follows starts on a clean line.
    void finish();
    /// A sink that writes through `inner`, clearing the bar before each log line and drawing it
    /// again after, so that messages and the bar never share a line.
    std::shared_ptr<spdlog::sinks::sink> log_sink(std::shared_ptr<spdlog::sinks::sink> inner);

private:
    friend class BarAwareSink;
    void clear_locked();

    const ProgressStyle style_;
    const std::chrono::duration<double> interval_;
    std::FILE* const out_;
    std::mutex mutex_;
    std::string drawn_;  ///< The bar as on screen; empty when none is.
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace fairgate::cli
