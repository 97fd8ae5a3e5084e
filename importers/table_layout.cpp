#include "importers/table_layout.hpp"


#include <algorithm>
#include "model/value_parse.hpp"

namespace fairgate::importers {

bool TableHeading::has(const FieldDictionary& fields, FieldRole role) const {
    const FieldDef* wanted = fields.find(role);
    if (!wanted) return false;
    for (const FieldDef* f : columns) {
        if (f == wanted) return true;
    }
    return false;
}

TableHeading read_table_heading(const Grid& grid, const FieldDictionary& fields,
                                std::vector<ImportNote>& notes) {
    TableHeading heading;
    const size_t r = grid.first_non_blank_row();
    heading.row = r;
    if (r == grid.rows.size()) return heading;
    heading.columns.assign(grid.rows[r].size(), nullptr);
    for (const CellRow::Entry& e : grid.rows[r]) {
        if (e.cell.blank()) continue;
        const std::string label(trim(e.cell.text));
        const FieldDef* field = fields.match(label);
        if (!field) {
            notes.push_back(ImportNote{grid.where(r, e.column).display(),
                                       "column '" + label + "' is not in the rulebook's dictionary; its values were not read"});
        }
        heading.columns[e.column] = field;
    }
    return heading;
}

RowShape row_shape(const TableHeading& heading) {
    RowShape shape;
    shape.first.assign(heading.columns.size(), false);
    std::vector<bool> seen;
    for (size_t c = 0; c < heading.columns.size(); ++c) {
        const FieldDef* field = heading.columns[c];
        if (!field) continue;
        if (field->id >= seen.size()) seen.resize(static_cast<size_t>(field->id) + 1, false);
        if (seen[field->id]) continue;
        seen[field->id] = true;
        shape.first[c] = true;
        ++shape.fields;
        shape.last_field = std::max(shape.last_field, field->id);
    }
    return shape;
}

std::vector<TableRow> read_table_rows(const Grid& grid, const TableHeading& heading,
                                      std::vector<ImportNote>& notes) {
    std::vector<TableRow> rows;
    const RowShape shape = row_shape(heading);
    for (const auto& [r, cells] : grid.rows) {
        if (r <= heading.row || grid.blank_row(r)) continue;
        const size_t row = r;
        rows.push_back(TableRow{r, read_table_row(cells, heading, shape, grid.date1904,
                                                  [&](size_t c) { return grid.where(row, c); }, notes)});
    }
    return rows;
}

}  // namespace fairgate::importers
