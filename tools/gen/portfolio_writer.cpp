#include "portfolio_writer.hpp"

#include <stdexcept>

#include "csv_writer.hpp"
#include "xlsx_form_writer.hpp"

namespace fairgate::gen {

namespace fs = std::filesystem;

namespace {

void ensure_parent(const fs::path& file, fs::path& last_created) {
    const fs::path dir = file.parent_path();
    if (dir.empty() || dir == last_created) return;  // most files share a folder with the previous one
    fs::create_directories(dir);
    last_created = dir;
}

}  // namespace

WriteCounts write_portfolio(const fs::path& inbox, const Portfolio& portfolio) {
    WriteCounts counts;
    fs::path last_created;
    if (!portfolio.register_path.empty()) {
        const fs::path path = inbox / portfolio.register_path;
        ensure_parent(path, last_created);
        write_register_csv(path, portfolio.contracts);
        ++counts.files;
        ++counts.csv;
    }
    if (!portfolio.pipeline_path.empty()) {
        const fs::path path = inbox / portfolio.pipeline_path;
        ensure_parent(path, last_created);
        write_pipeline_csv(path, portfolio.tenders);
        ++counts.files;
        ++counts.csv;
    }
    for (const OutputFile& file : portfolio.files) {
        const fs::path path = inbox / file.path;
        ensure_parent(path, last_created);
        if (file.format == FileFormat::XlsxForm) {
            if (file.returns.size() != 1) throw std::invalid_argument(file.path + ": a form holds exactly one return");
            write_xlsx_form(path, portfolio.returns.at(file.returns.front()), file.form);
            if (file.form.truncate) {
                // A mail gateway cut the attachment short: the zip's central directory is gone.
                fs::resize_file(path, fs::file_size(path) / 2);
            } else {
                counts.returns += 1;
            }
            ++counts.xlsx;
        } else {
            std::vector<const Return*> rows;
            rows.reserve(file.returns.size());
            for (size_t i : file.returns) rows.push_back(&portfolio.returns.at(i));
            write_returns_csv(path, rows, file.csv);
            counts.returns += rows.size();
            ++counts.csv;
        }
        ++counts.files;
    }
    return counts;
}

}  // namespace fairgate::gen
