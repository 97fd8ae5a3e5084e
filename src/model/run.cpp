#include "model/run.hpp"

namespace fairgate {

std::string_view to_string(FileStatus s) {
    switch (s) {
        case FileStatus::Imported: return "imported";
        case FileStatus::Duplicate: return "duplicate";
        case FileStatus::Quarantined: return "quarantined";
        case FileStatus::Skipped: return "skipped";
    }
    return "?";
}

std::optional<FileStatus> parse_file_status(std::string_view s) {
    for (FileStatus f : {FileStatus::Imported, FileStatus::Duplicate, FileStatus::Quarantined, FileStatus::Skipped}) {
        if (to_string(f) == s) return f;
    }
    return std::nullopt;
}

std::string_view to_string(RunStatus s) {
    switch (s) {
        case RunStatus::Running: return "running";
        case RunStatus::Completed: return "completed";
        case RunStatus::Failed: return "failed";
        case RunStatus::Interrupted: return "interrupted";
    }
    return "?";
}

std::optional<RunStatus> parse_run_status(std::string_view s) {
    for (RunStatus r : {RunStatus::Running, RunStatus::Completed, RunStatus::Failed, RunStatus::Interrupted}) {
        if (to_string(r) == s) return r;
    }
    return std::nullopt;
}

}  // namespace fairgate
