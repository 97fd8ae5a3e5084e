#include "importers/whole_grid.hpp"

#include <algorithm>

#include "importers/contract_register.hpp"
#include "importers/import_error.hpp"
#include "importers/personal_data.hpp"
#include "importers/return_identity.hpp"

namespace fairgate::importers {
namespace {

// Returns from the rows of a table, each identified on its own.
void read_returns_table(const Grid& grid, const TableHeading& heading, const FieldDictionary& fields,
                        const SourceFile& file, ImportResult& result) {
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    for (TableRow& row : read_table_rows(grid, heading, result.notes)) {
        ReturnPlace place{where, grid.row_name(row.row), true};
        result.returns.push_back(identify_return(std::move(row.record), fields, file, place, result.notes));
    }
}

}  // namespace

void require_a_known_heading(const TableHeading& heading, const std::string& where) {
    if (std::none_of(heading.columns.begin(), heading.columns.end(), [](const FieldDef* f) { return f != nullptr; })) {
        throw ImportError(where, "none of its column headings is a question or field fairgate knows, so it is not a return, "
                                 "a form or a contract register");
    }
}

void read_table_grid(const Grid& grid, const FieldDictionary& fields, const SourceFile& file, const char* kind,
                     ImportResult& result) {
    // Before any column is read: a table about people is refused whatever else it holds.
    const size_t heading_row = grid.first_non_blank_row();
    refuse_personal_data(grid, heading_row, heading_row + 1);
    const TableHeading heading = read_table_heading(grid, fields, result.notes);
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    require_a_known_heading(heading, where);
    if (is_contract_register(heading, fields)) {
        result.format = std::string("contract register ") + kind;
        result.contracts = read_contracts(grid, read_table_rows(grid, heading, result.notes), fields, file);
        return;
    }
    if (is_tender_pipeline(heading, fields)) {
        result.format = std::string("tender pipeline ") + kind;
        result.tenders = read_tenders(grid, read_table_rows(grid, heading, result.notes), fields, file);
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

}  // namespace fairgate::importers
