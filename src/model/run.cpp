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

}  // namespace fairgate
