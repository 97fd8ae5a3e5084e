#include "importers/workbook_shape.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include "importers/contract_register.hpp"
#include "importers/form_layout.hpp"
#include "importers/import_batch.hpp"
#include "importers/personal_data.hpp"
#include "importers/return_identity.hpp"
#include "importers/table_layout.hpp"
#include "importers/whole_grid.hpp"
#include "importers/xlsx_reader.hpp"

namespace fairgate::importers {
namespace {

// The returns of a big sheet's table, row by row as the sheet is read, as read_table_grid
// reads a grid's: `head` holds the rows up to its heading. Returns false, having handed
// nothing over, when the table is a register (read whole by the caller).
bool stream_sheet_returns(XlsxWorkbook& workbook, size_t sheet, const Grid& head, const FieldDictionary& fields,
                          const SourceFile& file, size_t batch_size, const ImportBatchSink& sink, ImportResult& result) {
    const std::string where = file.name + "!" + head.sheet;
    std::vector<ImportNote> heading_notes;
    const TableHeading heading = read_table_heading(head, fields, heading_notes);
    require_a_known_heading(heading, where);
    if (is_register(heading, fields)) return false;
    result.format = "xlsx table";
    result.notes.insert(result.notes.end(), std::make_move_iterator(heading_notes.begin()),
                        std::make_move_iterator(heading_notes.end()));

    const RowShape shape = row_shape(heading);
    const IdentityFields identity(fields);
    const FileName name(file.name), sheet_name(head.sheet);
    const bool date1904 = workbook.date1904();
    ReturnBatches batches(batch_size, sink);
    size_t last_row = heading.row;
    workbook.read_rows(sheet, [&](size_t r, CellRow& cells) {
        if (r <= heading.row) return;  // the heading and the blank rows above it
        if (std::all_of(cells.begin(), cells.end(), [](const CellRow::Entry& e) { return e.cell.blank(); })) return;
        // Returns are handed over as they are read, so they must come in the sheet's order;
        // Excel and every other writer lists rows in order.
        if (r <= last_row) {
            throw ImportError(where, unreadable_workbook("row " + std::to_string(r + 1) + " comes after row " +
                                                         std::to_string(last_row + 1) + " in the sheet's XML"));
        }
        last_row = r;
        Record record = read_table_row(cells, heading, shape, date1904, [&](size_t c) {
            return Provenance::cell(name, sheet_name, static_cast<uint32_t>(r + 1), static_cast<uint32_t>(c + 1));
        }, batches.cell_notes());
        const ReturnPlace place{where, "row " + std::to_string(r + 1), true};
        batches.add(identify_return(std::move(record), identity, file, place, batches.identity_notes()));
    });
    batches.finish();
    if (batches.total() == 0) throw ImportError(where, "has a heading row but no returns below it");
    return true;
}

}  // namespace

ImportResult read_workbook(const SourceFile& file, std::string bytes, const FieldDictionary& fields, size_t batch_size,
                           const ImportBatchSink& sink, const ImportLimits& limits) {
    XlsxWorkbook workbook(file.name, std::move(bytes), limits);
    // Every sheet first, as the checks below need them all: whole, or for a big sheet that
    // cannot be a form a first look (its head) and, if it is the table, its rows later.
    struct Sheet {
        std::optional<Grid> whole;
        std::optional<SheetSurvey> survey;
    };
    std::vector<Sheet> sheets(workbook.sheet_count());
    for (size_t i = 0; i < sheets.size(); ++i) {
        if (workbook.sheet_bytes(i) >= limits.stream_sheets_from_bytes) {
            sheets[i].survey = workbook.survey(i);
            // A big sheet that might be a form is read whole, to look for its heading as for
            // any other sheet.
            if (sheets[i].survey->may_hold_form_heading) sheets[i].survey.reset();
        }
        if (!sheets[i].survey) sheets[i].whole = workbook.read_sheet(i);
    }
    for (const Sheet& sheet : sheets) {
        const Grid& g = sheet.whole ? *sheet.whole : sheet.survey->head;
        const size_t heading_row = g.first_non_blank_row();
        refuse_personal_data(g, heading_row, heading_row + 1);
    }
    ImportResult result;
    for (const Sheet& sheet : sheets) {
        if (!sheet.whole) continue;  // cannot be a form
        if (auto heading = find_form_heading(*sheet.whole)) {
            result.format = "xlsx form";
            read_form_grid(*sheet.whole, *heading, fields, file, result);
            return result;
        }
    }
    for (size_t i = 0; i < sheets.size(); ++i) {
        Sheet& sheet = sheets[i];
        if (sheet.whole ? sheet.whole->first_non_blank_row() == sheet.whole->rows.size() : sheet.survey->blank) continue;
        if (sheet.survey) {
            if (stream_sheet_returns(workbook, i, sheet.survey->head, fields, file, batch_size, sink, result)) return result;
            sheet.whole = workbook.read_sheet(i);  // a big register: read whole
        }
        read_table_grid(*sheet.whole, fields, file, "xlsx", result);
        return result;
    }
    throw ImportError(file.name, "is an Excel workbook with nothing on any worksheet");
}

}  // namespace fairgate::importers
