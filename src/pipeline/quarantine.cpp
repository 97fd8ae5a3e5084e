#include "pipeline/quarantine.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "model/content_hash.hpp"
#include "model/printable.hpp"

namespace fs = std::filesystem;

namespace fairgate {

std::string put_in_quarantine(const std::string& folder, const FileResult& r) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    fs::path target = fs::path(folder) / r.file.name;
    if (r.copy_kept) {
        bool same = false;
        if (fs::exists(target, ec)) {
            try {
                same = sha256_of_file(target.string()) == r.file.sha256;
            } catch (const std::exception&) {
            }
            if (!same) target = fs::path(folder) / (r.file.sha256.substr(0, 8) + "-" + r.file.name);
        }
        if (!fs::exists(target, ec)) fs::copy_file(r.file.path, target, ec);
        if (ec) spdlog::error("{}: could not copy to quarantine {}: {}", r.file.path, target.string(), ec.message());
    }
    std::ofstream reason(target.string() + ".reason.txt");
    reason << "file: " << printable(r.file.path) << "\nsize: " << r.file.size << " bytes\nsha256: "
           << (r.file.sha256.empty() ? "(could not be read)" : r.file.sha256) << "\nreason: " << printable(r.reason)
           << "\n";
    if (!r.copy_kept) reason << "kept: no copy of the file is kept, only this note\n";
    if (!reason) spdlog::error("{}: could not write the reason file in {}", r.file.path, folder);
    return target.string();
}

}  // namespace fairgate
