// The Store interface's parts that need no backend: where the default database lives. Store::open,
// which knows the backends, is in open_store.cpp.

#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "store/connection_string.hpp"

namespace fairgate {

std::string Store::default_connection() {
    if (const char* env = std::getenv("FAIRGATE_DB"); env && *env) return env;
    const char* data = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = data && *data ? std::filesystem::path(data)
                                                     : std::filesystem::path(home && *home ? home : ".") / ".local" /
                                                           "share";
    return (base / "fairgate" / "fairgate.db").string();
}

void Store::create_folder(const std::string& connection) {
    const store::ConnectionTarget target = store::parse_connection(connection);
    if (target.backend != "sqlite" || target.connect.empty()) return;
    const std::filesystem::path file(target.connect);
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
}

SaveGroup::SaveGroup(Store& store, size_t max_saves, std::chrono::milliseconds max_open)
    : store_(store), max_saves_(std::max<size_t>(1, max_saves)), max_open_(max_open) {
    open();
}

SaveGroup::~SaveGroup() {
    try {
        finish();
    } catch (...) {
        // The store stopped answering; the run that owns this group reports that already.
    }
}

void SaveGroup::open() {
    store_.begin_save_group();
    open_ = true;
    saves_ = 0;
    opened_ = std::chrono::steady_clock::now();
}

void SaveGroup::saved() {
    ++saves_;
    if (saves_ < max_saves_ && std::chrono::steady_clock::now() - opened_ < max_open_) return;
    finish();
    open();
}

void SaveGroup::finish() {
    if (!open_) return;
    open_ = false;
    store_.end_save_group();
}

}  // namespace fairgate
