#pragma once
// Reads back a workbook fairgate wrote: sheet names and cell values, shared strings
// resolved. Test support only; enough of SpreadsheetML for what libxlsxwriter writes.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace fairgate::test {

struct XlsxCell {
    std::string text;         ///< The value: shared or inline string resolved, number as written.
    std::string type;         ///< The t attribute: "s", "inlineStr", "str", "n" (empty), ...
    bool has_formula = false; ///< The cell carries an <f> element.
};

struct XlsxSheet {
    std::string name;
    std::map<std::pair<unsigned, unsigned>, XlsxCell> cells;  ///< (row, column), 0-based.
    unsigned rows = 0;  ///< One past the last row with a cell.

    /// The text at (row, column), or "" if there is no cell.
    std::string at(unsigned row, unsigned column) const;
    /// The 0-based column whose row-0 cell is `header`; throws if none.
    unsigned column(const std::string& header) const;
};

class XlsxFile {
public:
    /// Opens `path` with Poco::Zip and parses every sheet. Throws std::runtime_error.
    explicit XlsxFile(const std::string& path);

    std::vector<std::string> sheet_names() const;
    const XlsxSheet& sheet(const std::string& name) const;
    /// The raw XML of a part ("xl/workbook.xml"), or "" if absent.
    std::string part(const std::string& name) const;
    /// A plain dump of every sheet's cells ("Sheet!A1\ttext"), for golden comparison.
    std::string dump() const;

private:
    std::map<std::string, std::string> parts_;
    std::vector<XlsxSheet> sheets_;
};

}  // namespace fairgate::test
