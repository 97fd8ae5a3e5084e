#include "importers/cell_answer.hpp"

#include <cmath>

#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

// A time of day or a duration, as the field wants it: a text field takes it as Excel shows it
// ("36:15:00"), a number field as hours (volunteering hours typed as 36:15 are 36.25; a time
// of day is hours since midnight); any other type cannot be one.
Value time_value(const Cell& cell, const FieldDef& field) {
    const std::string shown = cell.time_text();
    const bool duration = cell.format == NumberFormatKind::Duration;
    const char* wanted = nullptr;
    switch (field.type) {
        case FieldType::Text: return Value::text(shown);
        case FieldType::Number:
        case FieldType::Integer: {
            const double days = duration ? cell.number : cell.number - std::floor(cell.number);
            return value_from_number(field, days * 24.0);
        }
        case FieldType::Date: wanted = "a date"; break;
        case FieldType::Money: wanted = "an amount of money"; break;
        case FieldType::Percent: wanted = "a percentage"; break;
        case FieldType::YesNo: wanted = "yes or no"; break;
        case FieldType::Enum: wanted = "one of the answers listed"; break;
        case FieldType::Days:
            // An elapsed time of whole days is a number of days ("720:00:00" is 30); a time of
            // day is none.
            if (duration) return value_from_number(field, cell.number);
            wanted = "a number of days";
            break;
    }
    return Value::invalid(field.type, shown, std::string("the cell holds ") + (duration ? "a duration" : "a time of day") +
                                                  ", not " + wanted);
}

Value cell_value(const Cell& cell, const FieldDef& field, bool date1904) {
    switch (cell.kind) {
        case Cell::Kind::Empty: return Value::absent();
        case Cell::Kind::Text: return parse_value(field, cell.text);
        case Cell::Kind::Number:
            if (cell.date_style() && field.type == FieldType::Text) {
                return Value::text(date_from_excel_serial(cell.number, date1904).iso());
            }
            if (cell.time_style()) return time_value(cell, field);
            return value_from_number(field, cell.number, date1904);
        case Cell::Kind::Boolean:
            if (field.type == FieldType::YesNo) return Value::yes_no(cell.number != 0);
            return parse_value(field, cell.text);
        case Cell::Kind::Error:
            return Value::invalid(field.type, cell.text, "the cell shows the spreadsheet error " + cell.text);
    }
    return Value::absent();
}

}  // namespace

Answer read_answer(const Grid& grid, size_t row, size_t column, const FieldDef& field,
                   std::vector<ImportNote>& notes) {
    return read_answer(grid.at(row, column), grid.where(row, column), field, grid.date1904, notes);
}

namespace {

// The note an unreadable answer gets.
void note_if_unreadable(const Answer& answer, const FieldDef& field, std::vector<ImportNote>& notes) {
    if (!answer.value.is_invalid()) return;
    notes.push_back(ImportNote{answer.where.display(), "the answer to " + field.name + " ('" + answer.value.invalid_raw() +
                                                           "') cannot be read: " + answer.value.invalid_reason() +
                                                           "; it is kept as typed"});
}

}  // namespace

Answer read_answer(const Cell& cell, Provenance where, const FieldDef& field, bool date1904,
                   std::vector<ImportNote>& notes) {
    Answer answer = Answer::read(cell_value(cell, field, date1904), cell.text, std::move(where));
    note_if_unreadable(answer, field, notes);
    return answer;
}

void read_answer(Record& record, const Cell& cell, Provenance where, const FieldDef& field, bool date1904,
                 std::vector<ImportNote>& notes) {
    note_if_unreadable(record.read(field.id, cell_value(cell, field, date1904), cell.text, std::move(where)), field, notes);
}

void keep_answer(Record& record, const FieldDef& field, Answer answer, std::vector<ImportNote>& notes) {
    const Answer* earlier = record.get(field.id);
    if (!earlier || (earlier->value.is_absent() && !answer.value.is_absent())) {
        record.set(field.id, std::move(answer));
        return;
    }
    if (answer.value.is_absent() || answer.value == earlier->value) return;
    notes.push_back(ImportNote{answer.where.display(),
                               field.name + " is given twice: '" + answer.typed() + "' here, '" + earlier->typed() + "' at " +
                                   earlier->where.display() + "; the first was kept"});
}

}  // namespace fairgate::importers
