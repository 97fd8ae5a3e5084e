#pragma once
// What the service counts, shown at GET /metrics in Prometheus' text format.

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "model/run.hpp"

namespace fairgate::service {

/// Counters since the service started. Every member may be updated from any thread.
struct ServiceMetrics {
    std::atomic<uint64_t> files_imported{0};
    std::atomic<uint64_t> files_duplicate{0};
    std::atomic<uint64_t> files_quarantined{0};
    std::array<std::atomic<uint64_t>, 6> findings{};  ///< By Outcome.
    std::atomic<uint64_t> runs_completed{0};
    std::atomic<uint64_t> runs_failed{0};
    std::atomic<uint64_t> run_microseconds{0};        ///< Sum over runs, for the summary.
    std::atomic<uint64_t> http_requests{0};
    std::atomic<uint64_t> http_errors{0};             ///< Answers with status >= 500.
    std::atomic<uint64_t> queue_depth{0};             ///< Files waiting for the intake.

    /// Adds a finished run's files and findings.
    void count_run(const Run& run, double seconds);

    /// The exposition text (version 0.0.4): counters, the run-duration summary and the
    /// queue-depth gauge, each with HELP and TYPE lines.
    std::string prometheus_text() const;
};

}  // namespace fairgate::service
