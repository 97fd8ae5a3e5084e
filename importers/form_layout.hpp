#pragma once
// The council's template: a header block above a Ref | Question | Response | Evidence table.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "importers/cell_grid.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/run.hpp"

namespace fairgate::importers {

/// Where a form's heading row is: its 0-based row and the column of "Ref" (the Question,
/// Response and Evidence columns follow it).
struct FormHeading {
    size_t row = 0;
    size_t ref_column = 0;
};

/// The heading row of a form, if `grid` has one: four adjacent text cells reading Ref,
/// Question, Response (or Answer) and Evidence (or Comments), matched loosely ("Evidence /
/// comments"; see FormHeadingLabels).
std::optional<FormHeading> find_form_heading(const Grid& grid);

/// Which of a form heading's four labels texts could be, matched as find_form_heading matches
/// them (FieldDictionary::normalise_label, then "ref", "reference", "ref no" or "no"; a start
/// of "question"; of "response" or "answer"; of "evidence" or "comment").
struct FormHeadingLabels {
    bool ref = false, question = false, response = false, evidence = false;
    /// Adds what `text` could be.
    void add(std::string_view text);
};

/// Whether text fed a byte at a time holds the words a form heading's labels start with: its
/// letters and digits, folded as FieldDictionary::normalise_label folds them (bytes from 0x80
/// count as letters; everything else is passed over), spell "question", and "evidence" or
/// "comment". A fast, conservative test on a file's bytes: where they never spell a word, no
/// label in them can start with it.
class FormHeadingWords {
public:
    void feed(unsigned char c) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80)) return;
        window_ = (window_ << 8) | c;
        ++letters_;
        if (window_ == pack("question")) question_ = true;
        if (window_ == pack("evidence") || (window_ & ((uint64_t{1} << 56) - 1)) == pack("comment")) evidence_ = true;
    }
    bool question() const { return question_; }
    bool evidence() const { return evidence_; }
    /// How many letters and digits have been fed.
    size_t letters() const { return letters_; }

private:
    static constexpr uint64_t pack(const char* s) {
        uint64_t w = 0;
        for (size_t i = 0; s[i]; ++i) w = (w << 8) | static_cast<unsigned char>(s[i]);
        return w;
    }

    uint64_t window_ = 0;  ///< The last eight letters and digits.
    size_t letters_ = 0;
    bool question_ = false, evidence_ = false;
};

/// One form read into answers. Header block rows (above the heading) give a label in the
/// Question column and a value in the Response column, or else a label in any column and
/// the value in the next non-blank cell; question rows are matched by Ref, then by the
/// Question wording. Rows whose label the dictionary does not know, but which carry an
/// answer, become notes; so do answers that cannot be read (kept as Invalid values).
Record read_form(const Grid& grid, const FormHeading& heading, const FieldDictionary& fields,
                 std::vector<ImportNote>& notes);

}  // namespace fairgate::importers
