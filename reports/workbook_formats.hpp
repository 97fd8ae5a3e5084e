#pragma once
// Cell formats shared by the sheets of a compliance workbook. Private to reports/.

#include <xlsxwriter.h>

#include "model/contract_status.hpp"
#include "model/finding.hpp"

namespace fairgate::reports::detail {

/// Formats owned by one workbook (libxlsxwriter frees them with it). Colours follow Excel's
/// own "Bad / Neutral / Good" cell styles, which officers already recognise.
struct Formats {
    lxw_format* title = nullptr;     ///< Sheet title: large bold.
    lxw_format* heading = nullptr;   ///< Section heading on the summary.
    lxw_format* label = nullptr;     ///< Bold label, top-aligned.
    lxw_format* text = nullptr;      ///< Wrapped, top-aligned body text.
    lxw_format* note = nullptr;      ///< Italic grey explanatory text, wrapped.
    lxw_format* count = nullptr;     ///< Integer counts, left-aligned beside labels.
    lxw_format* red = nullptr;       ///< Red/amber/green status cells, bold.
    lxw_format* amber = nullptr;
    lxw_format* green = nullptr;
    lxw_format* grey = nullptr;      ///< Not applicable.
    lxw_format* percent = nullptr;   ///< Shares held as fractions, shown "85%".
    lxw_format* decimal = nullptr;   ///< Measures such as FTE, shown "12.5".

    /// Creates every format in `wb`.
    explicit Formats(lxw_workbook* wb);

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

}  // namespace fairgate::reports::detail
