#include "importers/form_layout.hpp"

#include "importers/cell_answer.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

// What a cell could be of a form heading: only text cells are labels.
FormHeadingLabels labels_of(const Cell& c) {
    FormHeadingLabels labels;
    if (c.kind == Cell::Kind::Text) labels.add(c.text);
    return labels;
}

bool heading_at(const Grid& g, size_t row, size_t col) {
    return labels_of(g.at(row, col)).ref && labels_of(g.at(row, col + 1)).question &&
           labels_of(g.at(row, col + 2)).response && labels_of(g.at(row, col + 3)).evidence;
}

std::string cell_text(const Cell& c) { return std::string(trim(c.text)); }

void unknown_label_note(const Grid& g, size_t row, size_t column, const std::string& label,
                        const char* what, std::vector<ImportNote>& notes) {
    notes.push_back(ImportNote{g.where(row, column).display(),
                               g.row_name(row) + ": " + what + " '" + label +
                                   "' is not in the rulebook's dictionary; its answer was not read"});
}

void read_header_row(const Grid& g, size_t row, const FormHeading& h, const FieldDictionary& fields,
                     Record& record, std::vector<ImportNote>& notes) {
    const size_t label_col = h.ref_column + 1, value_col = h.ref_column + 2;
    size_t lc = label_col, vc = value_col;
    if (g.at(row, label_col).blank() || g.at(row, label_col).kind != Cell::Kind::Text) {
        // Not the template's shape: a label in any column, its value in the next non-blank cell.
        const CellRow& cells = g.rows[row];
        auto e = cells.begin();
        while (e != cells.end() && e->cell.blank()) ++e;
        if (e == cells.end() || e->cell.kind != Cell::Kind::Text) return;
        lc = e->column;
        vc = cells.size();  // past the row: a blank cell
        for (++e; e != cells.end(); ++e) {
            if (!e->cell.blank()) {
                vc = e->column;
                break;
            }
        }
    }
    const std::string label = cell_text(g.at(row, lc));
    const FieldDef* field = fields.match(label);
    if (!field) {
        // A title or a note line has no value beside it; only a labelled value is worth a note.
        if (!g.at(row, vc).blank()) unknown_label_note(g, row, lc, label, "label", notes);
        return;
    }
    keep_answer(record, *field, read_answer(g, row, vc, *field, notes), notes);
}

}  // namespace

void FormHeadingLabels::add(std::string_view text) {
    const std::string l = FieldDictionary::normalise_label(text);
    auto starts = [&](const char* prefix) { return l.rfind(prefix, 0) == 0; };
    ref = ref || l == "ref" || l == "reference" || l == "ref no" || l == "no";
    question = question || starts("question");
    response = response || starts("response") || starts("answer");
    evidence = evidence || starts("evidence") || starts("comment");
}

std::optional<FormHeading> find_form_heading(const Grid& grid) {
    // Only the cells that exist can start a heading (a sparse row is not walked column by column).
    for (const auto& [r, cells] : grid.rows) {
        for (const CellRow::Entry& e : cells) {
            if (heading_at(grid, r, e.column)) return FormHeading{r, e.column};
        }
    }
    return std::nullopt;
}

Record read_form(const Grid& g, const FormHeading& h, const FieldDictionary& fields,
                 std::vector<ImportNote>& notes) {
    Record record;
    for (size_t r = 0; r < h.row; ++r) {
        if (!g.blank_row(r)) read_header_row(g, r, h, fields, record, notes);
    }
    const size_t ref_col = h.ref_column, question_col = ref_col + 1, response_col = ref_col + 2;
    for (size_t r = h.row + 1; r < g.rows.size(); ++r) {
        if (g.blank_row(r)) continue;
        const Cell& ref = g.at(r, ref_col);
        const Cell& question = g.at(r, question_col);
        const FieldDef* field = nullptr;
        if (!ref.blank()) field = fields.match_ref(ref.kind == Cell::Kind::Text ? cell_text(ref) : ref.text);
        if (!field && !question.blank() && question.kind == Cell::Kind::Text) field = fields.match(cell_text(question));
        if (!field) {
            if (!g.at(r, response_col).blank()) {
                const bool by_ref = !ref.blank();
                unknown_label_note(g, r, by_ref ? ref_col : question_col,
                                   by_ref ? cell_text(ref) + (question.blank() ? "" : " " + cell_text(question)) : cell_text(question),
                                   "question", notes);
            }
            continue;
        }
        keep_answer(record, *field, read_answer(g, r, response_col, *field, notes), notes);
    }
    return record;
}

}  // namespace fairgate::importers
