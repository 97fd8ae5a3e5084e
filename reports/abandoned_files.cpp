#include "reports/abandoned_files.hpp"

#include <cerrno>
#include <filesystem>
#include <signal.h>

namespace fs = std::filesystem;

namespace fairgate::reports {

namespace {

// The pid in ".<name>.tmp-<pid>-<n>" (see write_workbook_file), or 0 if not such a name.
long writer_pid(const std::string& name) {
    if (name.empty() || name[0] != '.') return 0;
    const size_t tag = name.rfind(".tmp-");
    if (tag == std::string::npos) return 0;
    const size_t dash = name.find('-', tag + 5);
    if (dash == std::string::npos || dash == tag + 5) return 0;
    long pid = 0;
    for (size_t i = tag + 5; i < dash; ++i) {
        if (name[i] < '0' || name[i] > '9') return 0;
        pid = pid * 10 + (name[i] - '0');
        if (pid > 1 << 22) return 0;
    }
    return pid;
}

bool running(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

}  // namespace

std::size_t remove_abandoned_workbooks(const std::string& out_dir) {
    std::size_t removed = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(out_dir, fs::directory_options::skip_permission_denied, ec), end;
         it != end; it.increment(ec)) {
        if (ec) break;
        const long pid = writer_pid(it->path().filename().string());
        if (pid <= 0 || running(pid) || !it->is_regular_file(ec)) continue;
        if (fs::remove(it->path(), ec)) ++removed;
    }
    return removed;
}

}  // namespace fairgate::reports
