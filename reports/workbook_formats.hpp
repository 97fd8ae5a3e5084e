#pragma once
// Cell formats shared by the sheets of a compliance workbook. Private to reports/.

#include <xlsxwriter.h>

#include "model/contract_status.hpp"
#include "model/finding.hpp"
#include "model/value.hpp"
#include "reports/workbook_file.hpp"

namespace fairgate::reports::detail {

/// Formats owned by one workbook (libxlsxwriter frees them with it). Colours follow Excel's
/// own "Bad / Neutral / Good" cell styles, which officers already recognise.
struct Formats {
    lxw_format* title = nullptr;     ///< Sheet title: large bold, wrapped (merge it across the printed columns).
    lxw_format* heading = nullptr;   ///< Section heading on the summary.
    lxw_format* label = nullptr;     ///< Bold label, top-aligned.
    lxw_format* text = nullptr;      ///< Wrapped, top-aligned body text.
    lxw_format* note = nullptr;      ///< Italic grey explanatory text, wrapped.
    // Numbers in a table's or a grid's columns are right-aligned, as Excel aligns numbers, so
    // that whole numbers and decimals line up.
    lxw_format* count = nullptr;     ///< Integer counts.
    lxw_format* red = nullptr;       ///< Red/amber/green status cells, bold.
    lxw_format* amber = nullptr;
    lxw_format* green = nullptr;
    lxw_format* grey = nullptr;      ///< Not applicable.
    lxw_format* percent = nullptr;   ///< Shares held as fractions, shown "85%".
    lxw_format* decimal = nullptr;   ///< Measures such as FTE, shown "12.5".
    lxw_format* date = nullptr;      ///< Excel dates, shown "1 Apr 2026".
    lxw_format* money = nullptr;     ///< Whole pounds, shown "£1,250,000".
    lxw_format* pence = nullptr;     ///< Pounds and pence, shown "£12.50".
    // A fact's value in a column of facts (the Summary's, the Audit's) reads beside its label:
    // left-aligned like the text facts around it, but still a number or a date.
    lxw_format* fact_count = nullptr;
    lxw_format* fact_date = nullptr;
    lxw_format* fact_money = nullptr;
    lxw_format* fact_pence = nullptr;
    lxw_format* fact_percent = nullptr;
    lxw_format* fact_decimal = nullptr;

    /// Creates every format in `wb`.
    explicit Formats(lxw_workbook* wb);

    /// The format a valid value of `v`'s type is written in as a number or date (money with
    /// pence when it has some; days and integers as counts); null for a value written as text
    /// (text, yes/no, enumerations, and any value not valid). `fact`: the left-aligned kind.
    lxw_format* value_format(const Value& v, bool fact = false) const;

    /// The colour of an outcome's cell: fail and missing red, refer and warn amber, pass
    /// green, not applicable grey.
    lxw_format* outcome(Outcome o) const;
    /// The colour of a contract's status cell.
    lxw_format* status(ContractStatus s) const {
        switch (s) {
            case ContractStatus::Red: return red;
            case ContractStatus::Amber: return amber;
            case ContractStatus::Green: return green;
        }
        return grey;
    }
};

/// Writes `v` as what it is: a valid number, amount, share or date as a number in
/// Formats::value_format (so it sorts and adds up), anything else as its display text in
/// `text_fmt`. `fact`: the left-aligned formats of a column of facts.
void write_value(SheetWriter& s, lxw_row_t row, lxw_col_t col, const Value& v, const Formats& f, lxw_format* text_fmt,
                 bool fact = false);

}  // namespace fairgate::reports::detail
