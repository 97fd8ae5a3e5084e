// The importers' façade: reading a file's bytes, choosing its format from the table of
// input_format.cpp, and handing the returns over whole or in batches. What each format holds
// is worked out by its reader (workbook_shape, csv_shape, xml_return, ocds_json).

#include "importers/import.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "importers/big_buffer.hpp"
#include "importers/cell_grid.hpp"
#include "importers/form_layout.hpp"
#include "importers/input_format.hpp"
#include "importers/return_identity.hpp"
#include "importers/table_layout.hpp"
#include "importers/xml_return.hpp"
#include "model/date.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_bytes(const SourceFile& file, const ImportLimits& limits) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file.path, ec);
    if (ec) throw ImportError(file.name, "cannot be read: " + ec.message());
    if (size > limits.max_file_bytes) {
        throw ImportError(file.name, "is " + std::to_string(size) + " bytes, more than the limit of " +
                                         std::to_string(limits.max_file_bytes) + " bytes; it was not read");
    }
    std::ifstream in(file.path, std::ios::binary);
    if (!in) throw ImportError(file.name, "cannot be opened");
    std::string bytes;
    reserve_big(bytes, static_cast<size_t>(size));
    bytes.resize(static_cast<size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size) throw ImportError(file.name, "could not be read to the end");
    return bytes;
}

void append_cells(const Grid& grid, std::vector<RawCell>& out) {
    for (const auto& [r, cells] : grid.rows) {
        for (const auto& [c, cell] : cells) {
            if (cell.kind == Cell::Kind::Empty || (cell.kind == Cell::Kind::Text && cell.text.empty())) continue;
            RawCell raw;
            raw.sheet = grid.sheet;
            raw.cell = grid.csv ? grid.where(r, c).locator() : cell_reference(static_cast<unsigned>(r + 1), static_cast<unsigned>(c + 1));
            raw.value = cell.text;
            switch (cell.kind) {
                case Cell::Kind::Text: raw.type = "text"; break;
                case Cell::Kind::Number:
                    raw.type = cell.date_style() ? "date" : "number";
                    if (cell.date_style()) raw.value = date_from_excel_serial(cell.number, grid.date1904).iso();
                    if (cell.time_style()) {
                        raw.type = cell.format == NumberFormatKind::Duration ? "duration" : "time";
                        raw.value = cell.time_text();
                    }
                    break;
                case Cell::Kind::Boolean: raw.type = "boolean"; break;
                case Cell::Kind::Error: raw.type = "error"; break;
                case Cell::Kind::Empty: break;
            }
            out.push_back(std::move(raw));
        }
    }
}

// import_file, with a table's returns handed to `sink` as they are read.
ImportResult import_any(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits,
                        size_t batch_size, const ImportBatchSink& sink) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    const InputFormat& format = choose_format(file.name, bytes);
    return format.read(FormatRequest{file, fields, limits, batch_size, sink}, std::move(bytes));
}

// The quarterly identities of one grid's form or table of returns (identify_refused).
void identities_in_grid(const Grid& grid, const FieldDictionary& fields, const IdentityFields& identity,
                        std::vector<Record>& records) {
    std::vector<ImportNote> notes;  // a refused file's notes are not reported
    if (auto heading = find_form_heading(grid)) {
        records.push_back(read_form(grid, *heading, fields, notes));
        return;
    }
    const TableHeading heading = read_table_heading(grid, fields, notes);
    if (!identity.contract_id || !identity.period || !heading.has(fields, FieldRole::ContractId) ||
        !heading.has(fields, FieldRole::ReturnPeriod))
        return;
    for (TableRow& row : read_table_rows(grid, heading, notes)) records.push_back(std::move(row.record));
}

}  // namespace

std::vector<RefusedIdentity> identify_refused(const SourceFile& file, const FieldDictionary& fields,
                                             const ImportLimits& limits) {
    constexpr uint64_t kMostBytes = 64ull << 20;
    std::vector<RefusedIdentity> out;
    try {
        ImportLimits within = limits;
        within.max_file_bytes = std::min(limits.max_file_bytes, kMostBytes);
        std::string bytes = read_bytes(file, within);
        if (bytes.empty()) return out;
        refuse_compound_file(file.name, bytes);
        const InputFormat* format = sniff_format(bytes);
        if (!format) return out;
        const IdentityFields identity(fields);
        std::vector<Record> records;
        if (format->grids) {
            for (const Grid& grid : format->grids(file, std::move(bytes), within)) identities_in_grid(grid, fields, identity, records);
        } else if (looks_like_xml(bytes)) {
            records = xml_return_records(file, bytes, fields);
        }
        std::set<std::pair<std::string, int>> seen;
        for (const Record& record : records) {
            auto id = quarterly_identity(record, identity);
            if (id && seen.emplace(id->contract_id, id->period.ordinal()).second) out.push_back(std::move(*id));
        }
    } catch (const std::exception&) {
        // Unreadable that far: the refusal stays the file's alone.
    }
    return out;
}

std::vector<RawCell> read_cells(const SourceFile& file, const ImportLimits& limits) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    // As import_file chooses, except that text starting "PK" without a zip entry is shown as a
    // CSV file's cells, where import_file refuses it as a damaged workbook.
    refuse_compound_file(file.name, bytes);
    const InputFormat* format = sniff_format(bytes);
    if (!format || !format->grids) {
        throw ImportError(file.name, "has no cells to show: only Excel workbooks (.xlsx) and CSV files are read as cells");
    }
    std::vector<RawCell> cells;
    for (const Grid& grid : format->grids(file, std::move(bytes), limits)) append_cells(grid, cells);
    return cells;
}

bool is_candidate_input(const std::string& file_name) {
    const std::string name = lower(std::filesystem::path(file_name).filename().string());
    if (name.empty() || name.front() == '.' || name.front() == '~') return false;  // hidden; Excel lock files
    if (ends_with(name, ".reason.txt")) return false;
    for (const InputFormat& format : input_formats()) {
        for (const std::string& extension : format.extensions) {
            if (ends_with(name, extension)) return true;
        }
    }
    return false;
}

ImportResult import_file(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits) {
    std::vector<SupplierReturn> streamed;
    std::vector<ImportNote> streamed_notes;
    // One batch: the notes about cells come before those about identity, as they always did.
    ImportResult result = import_any(file, fields, limits, SIZE_MAX, [&](ImportBatch& batch) {
        streamed = std::move(batch.returns);
        streamed_notes = std::move(batch.notes);
    });
    if (!streamed.empty()) {
        result.returns = std::move(streamed);
        result.notes.insert(result.notes.end(), std::make_move_iterator(streamed_notes.begin()),
                            std::make_move_iterator(streamed_notes.end()));
    }
    return result;
}

ImportResult import_file_in_batches(const SourceFile& file, const FieldDictionary& fields, size_t batch_size,
                                    const ImportBatchSink& sink, const ImportLimits& limits) {
    if (batch_size == 0) batch_size = 1;
    ImportResult result = import_any(file, fields, limits, batch_size, sink);
    // Read whole: hand the returns over in batches all the same.
    for (size_t i = 0; i < result.returns.size(); i += batch_size) {
        ImportBatch batch;
        const size_t end = std::min(result.returns.size(), i + batch_size);
        batch.returns.assign(std::make_move_iterator(result.returns.begin() + static_cast<std::ptrdiff_t>(i)),
                             std::make_move_iterator(result.returns.begin() + static_cast<std::ptrdiff_t>(end)));
        sink(batch);
    }
    result.returns.clear();
    return result;
}

}  // namespace fairgate::importers
