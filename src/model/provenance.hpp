#pragma once
// Where a value came from, precisely enough for an officer to open the file and find it.

#include <string>

namespace fairgate {

/// The place of one value in one input file. `locator` is written in the file type's own
/// terms: a worksheet cell "Questionnaire!C14", a CSV place "line 12, column 5", an XML path
/// "/return/answer[3]", a JSON pointer "/releases/0/tender/value/amount". Values computed
/// by fairgate rather than read (a contract's elapsed term) have an empty file and a
/// locator that says how they were derived.
struct Provenance {
    std::string file;     ///< File name as received (no directory).
    std::string locator;  ///< Place inside the file.

    bool empty() const { return file.empty() && locator.empty(); }
    /// "Returns.xlsx!Questionnaire!C14", "returns.csv line 12, column 5",
    /// "return.xml /return/answer[3]", "package.json#/releases/0/ocid".
    std::string display() const;

    friend bool operator==(const Provenance& a, const Provenance& b) {
        return a.file == b.file && a.locator == b.locator;
    }
};

/// "C14" for row 14 (1-based), column 3 (1-based).
std::string cell_reference(unsigned row, unsigned column);
/// "line 12, column 5" (both 1-based).
std::string csv_locator(unsigned long line, unsigned column);

}  // namespace fairgate
