// import_file: recognise the file by its content, then its layout, and read it.

#include "importers/import.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "importers/big_buffer.hpp"
#include "importers/import_batch.hpp"
#include "importers/whole_grid.hpp"
#include "importers/workbook_shape.hpp"
#include "importers/csv_typing.hpp"
#include "importers/csv_shape.hpp"
#include "importers/contract_register.hpp"
#include "importers/csv_reader.hpp"
#include "importers/cell_answer.hpp"
#include "importers/form_layout.hpp"
#include "importers/ocds_json.hpp"
#include "importers/personal_data.hpp"
#include "importers/public_register.hpp"
#include "importers/return_identity.hpp"
#include "importers/table_layout.hpp"
#include "importers/text_encoding.hpp"
#include "importers/xlsx_reader.hpp"
#include "importers/xml_return.hpp"
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

// Whether the OLE2 compound file in `bytes` has a stream named `name` (ASCII). Its directory
// entries are 128 bytes each, in sectors of 512 or 4,096 bytes after a 512-byte header, so
// every one starts 128-byte aligned: a UTF-16LE name, at 64 its length in bytes with the
// terminating NUL, at 66 its type (2: a stream). Looking at every aligned place is enough to
// tell an encrypted workbook from an old .xls, without following the sector chains.
bool has_ole2_stream(std::string_view bytes, std::string_view name) {
    const size_t name_bytes = (name.size() + 1) * 2;
    for (size_t at = 512; at + 128 <= bytes.size(); at += 128) {
        const auto* e = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        if (static_cast<size_t>(e[64] | e[65] << 8) != name_bytes || e[66] != 2) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i) same = e[2 * i] == static_cast<unsigned char>(name[i]) && e[2 * i + 1] == 0;
        if (same) return true;
    }
    return false;
}

// An OLE2 compound file (signature D0 CF 11 E0 A1 B1 1A E1) is refused with what its owner can
// do: Excel saves a password-protected .xlsx as one holding the encrypted package
// (MS-OFFCRYPTO: "EncryptionInfo" and "EncryptedPackage" streams); otherwise it is an old .xls
// or another old Office file.
void refuse_compound_file(const std::string& name, std::string_view bytes) {
    if (bytes.compare(0, 4, std::string_view("\xD0\xCF\x11\xE0", 4)) != 0) return;
    if (has_ole2_stream(bytes, "EncryptionInfo") && has_ole2_stream(bytes, "EncryptedPackage")) {
        throw ImportError(name, "is a password-protected (encrypted) Excel workbook, and fairgate cannot read protected files: "
                                "remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                                "clear it), save the workbook and send it again");
    }
    throw ImportError(name, "is an Excel 97-2003 workbook (.xls) or another old Office file; save it as .xlsx or CSV and send it again");
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

}  // namespace

std::vector<RawCell> read_cells(const SourceFile& file, const ImportLimits& limits) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    std::vector<RawCell> cells;
    if (bytes.compare(0, 4, "PK\x03\x04", 4) == 0) {
        for (const Grid& sheet : read_xlsx(file.name, std::move(bytes), limits)) append_cells(sheet, cells);
        return cells;
    }
    refuse_compound_file(file.name, bytes);
    if (looks_like_json(bytes) || looks_like_xml(bytes) || !looks_like_text(bytes)) {
        throw ImportError(file.name, "has no cells to show: only Excel workbooks (.xlsx) and CSV files are read as cells");
    }
    append_cells(read_csv_grid(file, bytes, limits), cells);
    return cells;
}

bool is_candidate_input(const std::string& file_name) {
    const std::string name = lower(std::filesystem::path(file_name).filename().string());
    if (name.empty() || name.front() == '.' || name.front() == '~') return false;  // hidden; Excel lock files
    if (ends_with(name, ".reason.txt")) return false;
    return ends_with(name, ".xlsx") || ends_with(name, ".csv") || ends_with(name, ".txt") || ends_with(name, ".xml") ||
           ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

namespace {

// import_file, with a CSV table's returns handed to `sink` as they are read.
ImportResult import_any(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits,
                        size_t batch_size, const ImportBatchSink& sink) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    if (bytes.compare(0, 4, "PK\x03\x04", 4) == 0) return read_workbook(file, std::move(bytes), fields, batch_size, sink, limits);
    if (bytes.compare(0, 2, "PK", 2) == 0) {
        throw ImportError(file.name, unreadable_workbook("it does not start with a zip entry"));
    }
    refuse_compound_file(file.name, bytes);
    if (looks_like_json(bytes)) return read_ocds(file, std::move(bytes), fields);
    if (looks_like_xml(bytes)) return read_xml_returns(file, bytes, fields);
    if (!looks_like_text(bytes)) {
        throw ImportError(file.name, "is neither an Excel workbook (.xlsx) nor CSV, XML or JSON text; fairgate cannot read it");
    }
    return read_csv_file(file, bytes, fields, batch_size, sink, limits);
}

}  // namespace

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
