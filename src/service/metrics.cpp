#include "service/metrics.hpp"

#include <sstream>

namespace fairgate::service {

void ServiceMetrics::count_run(const Run& run, double seconds) {
    for (const FileResult& f : run.files) {
        switch (f.status) {
            case FileStatus::Imported: ++files_imported; break;
            case FileStatus::Duplicate: ++files_duplicate; break;
            case FileStatus::Quarantined:
            case FileStatus::Skipped: ++files_quarantined; break;
        }
    }
    for (size_t i = 0; i < findings.size(); ++i) findings[i] += run.outcomes[i];
    ++(run.status == RunStatus::Failed ? runs_failed : runs_completed);
    run_microseconds += static_cast<uint64_t>(seconds * 1e6);
}

std::string ServiceMetrics::prometheus_text() const {
    std::ostringstream out;
    auto family = [&](const char* name, const char* type, const char* help) {
        out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
    };
    family("fairgate_files_total", "counter", "Input files taken by the service, by what became of them.");
    out << "fairgate_files_total{status=\"imported\"} " << files_imported << '\n'
        << "fairgate_files_total{status=\"duplicate\"} " << files_duplicate << '\n'
        << "fairgate_files_total{status=\"quarantined\"} " << files_quarantined << '\n';
    family("fairgate_findings_total", "counter", "Findings made by the service's runs, by outcome.");
    for (size_t i = 0; i < findings.size(); ++i) {
        out << "fairgate_findings_total{outcome=\"" << to_string(static_cast<Outcome>(i)) << "\"} " << findings[i]
            << '\n';
    }
    family("fairgate_runs_total", "counter", "Runs the service has made, by result.");
    out << "fairgate_runs_total{status=\"completed\"} " << runs_completed << '\n'
        << "fairgate_runs_total{status=\"failed\"} " << runs_failed << '\n';
    family("fairgate_run_duration_seconds", "summary", "Wall-clock time of the service's runs.");
    out << "fairgate_run_duration_seconds_sum " << static_cast<double>(run_microseconds.load()) / 1e6 << '\n'
        << "fairgate_run_duration_seconds_count " << runs_completed + runs_failed << '\n';
    family("fairgate_queue_depth", "gauge", "Files waiting to be processed.");
    out << "fairgate_queue_depth " << queue_depth << '\n';
    family("fairgate_http_requests_total", "counter", "HTTP requests answered.");
    out << "fairgate_http_requests_total " << http_requests << '\n';
    family("fairgate_http_server_errors_total", "counter", "HTTP requests answered with a 5xx status.");
    out << "fairgate_http_server_errors_total " << http_errors << '\n';
    return out.str();
}

}  // namespace fairgate::service
