#include "pipeline/run_owner.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "model/timestamp.hpp"

namespace fairgate {

namespace {

bool process_exists(int64_t pid) {
    if (pid <= 0) return false;
    // Signal 0 checks without signalling; EPERM means it exists under another user.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::string this_host() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
    return name;
}

void claim_run(Run& run) {
    run.host = this_host();
    run.pid = static_cast<int64_t>(::getpid());
}

std::vector<std::string> mark_interrupted_runs(Store& store) {
    const std::string host = this_host();
    const int64_t self = static_cast<int64_t>(::getpid());
    std::vector<std::string> marked;
    for (const Run& run : store.unfinished_runs()) {
        // Runs from before the store recorded their process have no host: nothing can still
        // be running them on an older schema's behalf.
        const bool ours = run.host.empty() || run.host == host;
        if (!ours || run.pid == self || (!run.host.empty() && process_exists(run.pid))) continue;
        const std::string why = run.host.empty()
                                    ? std::string("the run was left running by an earlier version of fairgate")
                                    : "the process that ran it (" + run.host + ", process " +
                                          std::to_string(run.pid) +
                                          ") ended before it finished; files it had not stored are read again "
                                          "by the next run";
        if (store.mark_run_interrupted(run.id, utc_now_iso(), why)) marked.push_back(run.id);
    }
    return marked;
}

}  // namespace fairgate
