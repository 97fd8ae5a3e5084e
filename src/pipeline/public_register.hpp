#pragma once
// Public registers as facts about bidders: each bid's row of the gender pay gap service, put
// into the bid's answers as fields a rule reads like any other, cited to the register's row.

#include <vector>

#include "model/field.hpp"
#include "model/supplier_return.hpp"
#include "store/store.hpp"

namespace fairgate {

/// The rulebook's register fields, and how a bid's facts are put into them. Which facts a
/// rulebook reads is its own choice: a fact goes into the field that plays its role, when the
/// rulebook gives one that role (docs/rulebook.md, field roles):
///
///   gpg-year           text     the register year consulted: "2021-22"
///   gpg-reported       yes-no   Yes: the register has a row for the bidder;
///                               No: it has none (the year is held, the bidder is not in it)
///   gpg-size-band      text     "250 to 499", "Less than 250", "Not Provided", ...
///   gpg-employees-min  integer  the band's fewest employees (250; 0 for "Less than 250";
///                               absent for "Not Provided")
///   gpg-late           yes-no   submitted after the deadline
///   gpg-submitted      date     the day submitted
///   gpg-median-gap     percent  the median hourly pay gap (3.7% -> 0.037)
///
/// Every fact's provenance is the register's row ("gender pay gap service 2021-22, row 3";
/// for reported = No, "gender pay gap service 2021-22, no row"), so a finding cites the
/// register as its source. When the store holds no year of the register, nothing is put in:
/// the rules reading these fields do not apply.
class RegisterFacts {
public:
    /// The field dictionary has already checked each role's type (FieldDictionary::add).
    explicit RegisterFacts(const FieldDictionary& fields);

    /// Whether the rulebook declares any register field (if not, attach() does nothing).
    bool wanted() const;

    /// Looks each tender return of `returns` up in the latest year of the gender pay gap
    /// register the store holds (Store::find_register_entry, by its supplier id as a company
    /// number, then by its supplier name) and sets the facts in its answers, replacing any
    /// the return carried. Quarterly returns are left alone. Runs on the thread that owns
    /// `store`.
    void attach(Store& store, std::vector<SupplierReturn>& returns) const;

private:
    FieldId year_ = kNoField, reported_ = kNoField, size_band_ = kNoField, employees_min_ = kNoField,
            late_ = kNoField, submitted_ = kNoField, median_gap_ = kNoField;
};

}  // namespace fairgate
