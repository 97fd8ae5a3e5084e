// import_file: recognise the file by its content, then its layout, and read it.

#include "importers/import.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "importers/contract_register.hpp"
#include "importers/csv_reader.hpp"
#include "importers/form_layout.hpp"
#include "importers/ocds_json.hpp"
#include "importers/personal_data.hpp"
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
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size) throw ImportError(file.name, "could not be read to the end");
    return bytes;
}

// Returns from the rows of a table, each identified on its own.
void read_returns_table(const Grid& grid, const TableHeading& heading, const FieldDictionary& fields,
                        const SourceFile& file, ImportResult& result) {
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    for (TableRow& row : read_table_rows(grid, heading, result.notes)) {
        ReturnPlace place{where, grid.row_name(row.row), true};
        result.returns.push_back(identify_return(std::move(row.record), fields, file, place, result.notes));
    }
}

// A table: a register when it names contracts and titles, otherwise returns.
void read_table(const Grid& grid, const FieldDictionary& fields, const SourceFile& file, const char* kind,
                ImportResult& result) {
    // Before any column is read: a table about people is refused whatever else it holds.
    size_t heading_row = 0;
    while (heading_row < grid.rows.size() && grid.blank_row(heading_row)) ++heading_row;
    refuse_personal_data(grid, heading_row, heading_row + 1);
    const TableHeading heading = read_table_heading(grid, fields, result.notes);
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    if (std::none_of(heading.columns.begin(), heading.columns.end(), [](const FieldDef* f) { return f != nullptr; })) {
        throw ImportError(where, "none of its column headings is a question or field fairgate knows, so it is not a return, "
                                 "a form or a contract register");
    }
    if (is_contract_register(heading, fields)) {
        result.format = std::string("contract register ") + kind;
        result.contracts = read_contracts(grid, read_table_rows(grid, heading, result.notes), fields, file);
        return;
    }
    result.format = std::string(kind) + " table";
    read_returns_table(grid, heading, fields, file, result);
    if (result.returns.empty()) throw ImportError(where, "has a heading row but no returns below it");
}

void read_form_grid(const Grid& grid, const FormHeading& heading, const FieldDictionary& fields,
                    const SourceFile& file, ImportResult& result) {
    refuse_personal_data(grid, 0, grid.rows.size());
    Record answers = read_form(grid, heading, fields, result.notes);
    ReturnPlace place;
    if (grid.csv) {
        place = ReturnPlace{file.name, "the form", true};
    } else {
        place = ReturnPlace{file.name + "!" + grid.sheet, "the form on sheet '" + grid.sheet + "'", false};
    }
    result.returns.push_back(identify_return(std::move(answers), fields, file, place, result.notes));
}

ImportResult import_xlsx(const SourceFile& file, std::string bytes, const FieldDictionary& fields,
                         const ImportLimits& limits) {
    const std::vector<Grid> sheets = read_xlsx(file.name, std::move(bytes), limits);
    // A sheet listing people refuses the workbook even when it is not the sheet that is read:
    // the whole file is kept (or quarantined), so it must not hold such a list anywhere.
    for (const Grid& sheet : sheets) {
        size_t heading_row = 0;
        while (heading_row < sheet.rows.size() && sheet.blank_row(heading_row)) ++heading_row;
        refuse_personal_data(sheet, heading_row, heading_row + 1);
    }
    ImportResult result;
    // The template may open with a Guidance sheet: the form is the first sheet shaped as one.
    for (const Grid& sheet : sheets) {
        if (auto heading = find_form_heading(sheet)) {
            result.format = "xlsx form";
            read_form_grid(sheet, *heading, fields, file, result);
            return result;
        }
    }
    for (const Grid& sheet : sheets) {
        const bool blank = std::all_of(sheet.rows.begin(), sheet.rows.end(), [&](const std::vector<Cell>& row) {
            return std::all_of(row.begin(), row.end(), [](const Cell& c) { return c.blank(); });
        });
        if (!blank) {
            read_table(sheet, fields, file, "xlsx", result);
            return result;
        }
    }
    throw ImportError(file.name, "is an Excel workbook with nothing on any worksheet");
}

ImportResult import_csv(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields) {
    const Grid grid = read_csv(file.name, decode_text(bytes));
    ImportResult result;
    if (auto heading = find_form_heading(grid)) {
        result.format = "csv form";
        read_form_grid(grid, *heading, fields, file, result);
        return result;
    }
    bool blank = true;
    for (size_t r = 0; r < grid.rows.size() && blank; ++r) blank = grid.blank_row(r);
    if (blank) throw ImportError(file.name, "holds no data: every line is blank");
    read_table(grid, fields, file, "csv", result);
    return result;
}

void append_cells(const Grid& grid, std::vector<RawCell>& out) {
    for (size_t r = 0; r < grid.rows.size(); ++r) {
        for (size_t c = 0; c < grid.rows[r].size(); ++c) {
            const Cell& cell = grid.rows[r][c];
            if (cell.kind == Cell::Kind::Empty || (cell.kind == Cell::Kind::Text && cell.text.empty())) continue;
            RawCell raw;
            raw.sheet = grid.sheet;
            raw.cell = grid.csv ? grid.where(r, c).locator : cell_reference(static_cast<unsigned>(r + 1), static_cast<unsigned>(c + 1));
            raw.value = cell.text;
            switch (cell.kind) {
                case Cell::Kind::Text: raw.type = "text"; break;
                case Cell::Kind::Number:
                    raw.type = cell.date_style ? "date" : "number";
                    if (cell.date_style) raw.value = date_from_excel_serial(cell.number, grid.date1904).iso();
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
    if (looks_like_json(bytes) || looks_like_xml(bytes) || !looks_like_text(bytes)) {
        throw ImportError(file.name, "has no cells to show: only Excel workbooks (.xlsx) and CSV files are read as cells");
    }
    append_cells(read_csv(file.name, decode_text(bytes)), cells);
    return cells;
}

bool is_candidate_input(const std::string& file_name) {
    const std::string name = lower(std::filesystem::path(file_name).filename().string());
    if (name.empty() || name.front() == '.' || name.front() == '~') return false;  // hidden; Excel lock files
    if (ends_with(name, ".reason.txt")) return false;
    return ends_with(name, ".xlsx") || ends_with(name, ".csv") || ends_with(name, ".txt") || ends_with(name, ".xml") ||
           ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

ImportResult import_file(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    if (bytes.compare(0, 4, "PK\x03\x04", 4) == 0) return import_xlsx(file, std::move(bytes), fields, limits);
    if (bytes.compare(0, 2, "PK", 2) == 0) {
        throw ImportError(file.name, "is not a readable Excel workbook (the file is damaged or truncated): it does not start with a zip entry");
    }
    if (bytes.compare(0, 4, "\xD0\xCF\x11\xE0", 4) == 0) {
        throw ImportError(file.name, "is an Excel 97-2003 workbook (.xls) or another old Office file; save it as .xlsx or CSV and send it again");
    }
    if (looks_like_json(bytes)) return read_ocds(file, bytes, fields);
    if (looks_like_xml(bytes)) return read_xml_returns(file, bytes, fields);
    if (!looks_like_text(bytes)) {
        throw ImportError(file.name, "is neither an Excel workbook (.xlsx) nor CSV, XML or JSON text; fairgate cannot read it");
    }
    return import_csv(file, bytes, fields);
}

}  // namespace fairgate::importers
