#pragma once
// Quarter-by-quarter views of one contract, computed from its returns: the schedule of
// returns (received, late, missing) and the key measures the History sheet charts.
// Private to reports/ (tests use it).

#include <optional>
#include <vector>

#include "model/date.hpp"
#include "model/period.hpp"
#include "model/supplier_return.hpp"
#include "reports/contract_report.hpp"

namespace fairgate::reports::detail {

/// One quarter of the contract's reporting schedule.
struct ScheduledReturn {
    Quarter quarter;
    const SupplierReturn* ret = nullptr;  ///< nullptr: no return for the quarter.
    /// Returns for the quarter received but refused (ContractReport::refused), by date.
    std::vector<const RefusedReturn*> refused;
    std::optional<Date> due;              ///< Quarter end + the rulebook's due days.
    /// Set when the first receipt (SupplierReturn::first_receipt: a corrected return's
    /// earliest version) and the due date are both known.
    std::optional<int> days_late;
};

/// Every quarter from the contract's start (or its first quarterly return, whichever is
/// earlier) to its latest quarterly return (or refused one) or the last quarter whose return
/// was due by the report's data date (due_quarters), whichever is later, in order. Empty when neither exists.
/// Lateness is judged only when the rulebook says when returns are due (<schedule due-days>).
std::vector<ScheduledReturn> return_schedule(const ContractReport& report);

/// One social value measure in one quarter (WorkbookContent::Measure); nullopt where unknown.
struct MeasureProgress {
    std::optional<double> delivered;          ///< Delivered in the quarter.
    std::optional<double> delivered_to_date;  ///< Sum of the quarters so far.
    std::optional<double> due_to_date;        ///< Commitment x elapsed share of the term.
};

/// One quarterly return's key measures; a measure the return does not carry is nullopt.
struct QuarterMeasures {
    Quarter quarter;
    const SupplierReturn* ret = nullptr;
    std::optional<double> completeness;   ///< Lowest share of a characteristic recorded.
    std::optional<double> complaints;     ///< Discrimination complaints received.
    std::optional<double> resolved;       ///< Of those, resolved (by when: the rulebook's field says).
    std::optional<double> elapsed_share;  ///< Of the contract's term, at the quarter's end.
    std::vector<MeasureProgress> measures;  ///< One per rulebook measure, in its order.
};

/// The quarterly returns in period order with their measures: the fields the rulebook's
/// <workbook> declares (Rulebook::workbook); what it leaves out stays nullopt.
std::vector<QuarterMeasures> history(const ContractReport& report);

/// The tender return of the supplier awarded the contract (Contract::supplied_by), else the only
/// tender return. nullptr when there is none.
const SupplierReturn* awarded_tender(const ContractReport& report);

}  // namespace fairgate::reports::detail
