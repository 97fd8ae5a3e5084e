#pragma once
// Reading values in the forms people really type into returns.

#include <string_view>

#include "model/field.hpp"
#include "model/value.hpp"

namespace fairgate {

/// Parses `raw` as a value of `field`'s type, accepting what people type:
///  - yes/no: Y, Yes, TRUE, x, ✓, 1 / N, No, FALSE, 0 (case-insensitive);
///  - money: "£1,250,000", "1250000", "£1.25m", "£40 million", "£1.2bn", "250k", "40 thousand",
///    "GBP 1,000.50", "40000 GBP", "12 pounds", "£40 000"; a range ("£40m-£50m"), a bound
///    ("over £40m", "£40m+"), another currency ("$40m") or a decimal comma ("40,50") is refused
///    saying so;
///  - percent: "85%", "85 %", "0.85" (a bare number up to 1 is a fraction, above 1 a
///    percentage: "85" means 85%);
///  - dates: "2026-03-31", "31/03/2026", "31-03-2026", "31.03.2026", "31 Mar 2026",
///    "31 March 2026", "March 31, 2026", and an Excel serial number ("46112");
///  - days: "30", "30 days", "12 weeks", "3 months", "three months'", "1 year" (a month is a
///    twelfth of a 365-day year: 3 months are 91 days, 12 months 365; rounded to the day);
///    working days and ranges are refused saying so;
///  - integers and numbers with thousands separators (a comma or a space before each group of
///    three digits: "1,250,000", "1 250 000"); enum codes by code, label or alias.
/// Blank text (after trimming) is Absent. "Not applicable" in any spelling (not_applicable_word)
/// is NotApplicable, kept as typed; except that an enumeration's own code or alias comes first
/// (an option "not-applicable" aliased "N/A" is that option), that for a count or an amount
/// (integer, number, money, percent) "none" and "nil" are zero, and that a field with a role
/// (an identity or a contract's fact fairgate itself reads) takes no such answer, and that a
/// field that refuses it (FieldDef::takes_not_applicable) reads it as Invalid. Anything else
/// that does not fit is Invalid with a reason a supplier can act on.
Value parse_value(const FieldDef& field, std::string_view raw);

/// What a "not applicable" answer is: the words, ignoring case, spacing and punctuation, alone
/// or followed by why after a separator ("N/A - we do not subcontract", "None (no complaints)").
enum class NotApplicableWord : uint8_t {
    No,    ///< Any other text.
    NA,    ///< "N/A", "n.a.", "NA", "Not applicable", "Not-applicable", "Does not apply".
    None,  ///< "None", "Nil": zero for a count or an amount, not applicable for anything else.
};
NotApplicableWord not_applicable_word(std::string_view text);

/// A number already typed by its source (an XLSX numeric cell, a JSON number), read as the
/// field's type: dates from Excel serials (`date1904` selects the 1904 system), percent as
/// a fraction, money in pounds.
Value value_from_number(const FieldDef& field, double v, bool date1904 = false);

/// A yes/no answer as typed ("Yes", "n", "TRUE", "x"); false if the text is not one.
bool parse_yes_no(std::string_view text, bool& out);
/// A date as typed, in the text forms a date field accepts ("31/03/2026", "31 Mar 2026",
/// "2026-03-31"; not an Excel serial number); false if the text is not one.
bool parse_date(std::string_view text, Date& out);
/// Excel serial day number to a date (1900 system, honouring Excel's phantom 29 Feb 1900;
/// or the 1904 system).
Date date_from_excel_serial(double serial, bool date1904 = false);

/// Trims ASCII white space and non-breaking spaces from both ends.
std::string_view trim(std::string_view s);

}  // namespace fairgate
