#pragma once
// What a return is about: its kind, tender or contract, supplier and period.

#include <string>
#include <vector>

#include "model/field.hpp"
#include "model/record.hpp"
#include "model/refused_return.hpp"
#include "model/run.hpp"
#include "model/source_file.hpp"
#include "model/supplier_return.hpp"

namespace fairgate::importers {

/// How to name the return in messages and whether its kind may be guessed.
struct ReturnPlace {
    std::string where;        ///< For ImportError::where: the file, or the file and sheet.
    std::string name;         ///< In the message: "row 4", "the form".
    bool may_infer_kind = false;  ///< CSV exports often leave the return type out.
};

/// Builds the return from its answers: fills the identity members from the fields playing the
/// identity roles (return-kind, tender-id, contract-id, supplier-id, supplier-name,
/// return-period, return-submitted), and keeps every answer in `answers`. When the kind is absent and `may_infer_kind`, it is
/// inferred (a period, or a contract without a tender, means quarterly; a tender reference
/// means tender) and a note says so.
/// Throws ImportError naming the place when the identity is missing or unreadable: a tender
/// return needs a tender reference and a supplier id; a quarterly return a contract
/// reference, a supplier id and a period such as 2026-Q2, read in the dictionary's quarter
/// scheme as Quarter::parse reads a period ("2025/26 Q3", "Oct-Dec 2025" too).
SupplierReturn identify_return(Record answers, const FieldDictionary& fields, const SourceFile& file,
                               const ReturnPlace& place, std::vector<ImportNote>& notes);

/// The fields playing the identity roles in a dictionary (nullptr where none does), looked up
/// once for a file of many returns.
struct IdentityFields {
    explicit IdentityFields(const FieldDictionary& fields);
    const FieldDef* kind = nullptr;           ///< FieldRole::ReturnKind
    const FieldDef* tender_id = nullptr;      ///< FieldRole::TenderId
    const FieldDef* contract_id = nullptr;    ///< FieldRole::ContractId
    const FieldDef* supplier_id = nullptr;    ///< FieldRole::SupplierId
    const FieldDef* supplier_name = nullptr;  ///< FieldRole::SupplierName
    const FieldDef* period = nullptr;         ///< FieldRole::ReturnPeriod
    const FieldDef* submitted = nullptr;      ///< FieldRole::ReturnSubmitted
    QuarterScheme quarters = QuarterScheme::Financial;  ///< How the period is read (Quarter::parse).
};

/// identify_return with the identity fields already looked up.
SupplierReturn identify_return(Record answers, const IdentityFields& identity, const SourceFile& file,
                               const ReturnPlace& place, std::vector<ImportNote>& notes);

/// What a return's answers say it is about, read without refusing anything: the contract and
/// quarter of a quarterly return, when its contract reference and reporting period read and
/// its return type, if given, is not Tender; its supplier and date submitted where they read.
/// nullopt otherwise. For a file refused as a whole (identify_refused, import.hpp).
std::optional<RefusedIdentity> quarterly_identity(const Record& answers, const IdentityFields& identity);

}  // namespace fairgate::importers
