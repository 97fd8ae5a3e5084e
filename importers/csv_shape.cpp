#include "importers/csv_shape.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/csv_typing.hpp"
#include "importers/form_layout.hpp"
#include "importers/public_register.hpp"
#include "importers/text_encoding.hpp"
#include "importers/whole_grid.hpp"

namespace fairgate::importers {
namespace {

// Whether `text` could hold a form's heading row (find_form_heading): that needs a cell whose
// label (FieldDictionary::normalise_label) starts with "question" and one starting with
// "evidence" or "comment", so the letters and digits of the text, lower-cased, must contain
// those words. A fast test on the bytes that lets a big table be read record by record
// without first holding it whole to look for a form heading in it.
bool may_hold_form_heading(std::string_view text) {
    // The eight letters and digits from the one at `at` (a 'q') spell "question".
    auto spells_question = [&](size_t at) {
        FormHeadingWords words;
        for (size_t i = at; i < text.size() && words.letters() < 8; ++i) words.feed(static_cast<unsigned char>(text[i]));
        return words.question();
    };
    // "question" is rare and starts with a rare letter: find a 'q' or 'Q' with memchr (far
    // faster than folding every byte) before anything else is looked at.
    bool has_question = false;
    for (const char q : {'q', 'Q'}) {
        for (const char* p = text.data(); !has_question;) {
            const size_t left = static_cast<size_t>(text.data() + text.size() - p);
            p = static_cast<const char*>(std::memchr(p, q, left));
            if (!p) break;
            has_question = spells_question(static_cast<size_t>(p - text.data()));
            ++p;
        }
    }
    if (!has_question) return false;
    FormHeadingWords words;
    for (const char ch : text) {
        words.feed(static_cast<unsigned char>(ch));
        if (words.evidence()) return true;
    }
    return false;
}

// The file's text as UTF-8 (utf8_text), refused when it is Windows-1252 that would pass
// max_file_bytes as UTF-8: converted whole, it can grow threefold, and the file and its
// conversion are held together.
std::string_view csv_text(const SourceFile& file, const std::string& bytes, std::string& storage, const ImportLimits& limits) {
    // Only a file of more than a third of the limit can grow past it.
    if (bytes.size() > limits.max_file_bytes / 3 && !is_valid_utf8(bytes)) {
        const uint64_t converted = windows1252_utf8_size(bytes);
        if (converted > limits.max_file_bytes) {
            throw ImportError(file.name, "is " + std::to_string(bytes.size()) + " bytes of Windows-1252 text, which as UTF-8 would be " +
                                             std::to_string(converted) + " bytes, more than the limit of " +
                                             std::to_string(limits.max_file_bytes) + " bytes; it was not read (save it as CSV UTF-8 "
                                             "and send it again)");
        }
    }
    return utf8_text(bytes, storage);
}

// Whether the first non-blank record of the CSV text is the gender pay gap service's heading.
bool starts_gender_pay_gap_register(const SourceFile& file, std::string_view text, const ImportLimits& limits) {
    CsvReader reader(file.name, text, limits);
    std::vector<Cell> cells;
    while (reader.next(cells)) {
        if (!CellRow(cells).empty()) return is_gender_pay_gap_heading(cells);
    }
    return false;
}

// The records of a CSV file a form's heading row is looked for in: a form is a few hundred.
constexpr size_t kFormRecords = 1'000;

}  // namespace

ImportResult read_csv_file(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields,
                           size_t batch_size, const ImportBatchSink& sink, const ImportLimits& limits) {
    std::string storage;
    const std::string_view text = csv_text(file, bytes, storage, limits);
    ImportResult result;
    // The gender pay gap service's download, by its own headings, before anything else: it is
    // published open data, not a return, and its columns (ResponsiblePerson beside Male and
    // Female pay quartiles) are no list of people's characteristics.
    if (starts_gender_pay_gap_register(file, text, limits)) {
        result.format = "gender pay gap register csv";
        result.register_entries = read_gender_pay_gap_register(file, text, limits);
        result.notes.push_back({file.name, std::to_string(result.register_entries.size()) +
                                               " employers of the gender pay gap service (" +
                                               result.register_entries.front().year +
                                               "), kept to check what bidders say about themselves"});
        return result;
    }
    // A form is looked for in the first records only: a form is a few hundred lines, and a big
    // table whose text happens to hold a form heading's words is then still read record by
    // record rather than held whole.
    if (may_hold_form_heading(text) && find_form_heading(read_csv(file.name, text, limits, kFormRecords))) {
        const Grid grid = read_csv(file.name, text, limits);
        result.format = "csv form";
        read_form_grid(grid, *find_form_heading(grid), fields, file, result);
        return result;
    }
    if (stream_csv_returns(file, text, fields, batch_size, sink, limits, result)) return result;
    result = ImportResult{};
    const Grid grid = read_csv(file.name, text, limits);
    bool blank = true;
    for (size_t r = 0; r < grid.rows.size() && blank; ++r) blank = grid.blank_row(r);
    if (blank) throw ImportError(file.name, "holds no data: every line is blank");
    read_table_grid(grid, fields, file, "csv", result);
    return result;
}

Grid read_csv_grid(const SourceFile& file, const std::string& bytes, const ImportLimits& limits) {
    std::string storage;
    return read_csv(file.name, csv_text(file, bytes, storage, limits), limits);
}

}  // namespace fairgate::importers
