#pragma once
// The council's registers: the contract register (one contract per table row) and the tender
// pipeline (one tender per row, before award).

#include <vector>

#include "importers/table_layout.hpp"
#include "model/contract.hpp"
#include "model/tender.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Whether a table heading is a contract register's: it has the fields playing the
/// contract-id and contract-title roles.
bool is_contract_register(const TableHeading& heading, const FieldDictionary& fields);

/// Whether a table heading is the tender pipeline's: it has tender-id and contract-title, and
/// neither contract-id (a contract register) nor supplier-id/supplier-name (bids name their
/// bidder; a tender before award has none).
bool is_tender_pipeline(const TableHeading& heading, const FieldDictionary& fields);

/// Whether the table is one of the registers, which are read whole rather than row by row.
inline bool is_register(const TableHeading& heading, const FieldDictionary& fields) {
    return is_contract_register(heading, fields) || is_tender_pipeline(heading, fields);
}

/// Each row as a Contract: identity and term members from the fields playing the roles
/// contract-id, tender-id, contract-title, contract-category, supplier-id, supplier-name,
/// contract-start and contract-end, and every recognised cell in `fields`. Throws ImportError naming the row
/// when a row has no contract reference.
std::vector<Contract> read_contracts(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                     const SourceFile& file);

/// Each row of a tender pipeline as a Tender: id, title and category from the fields playing
/// tender-id, contract-title and contract-category, and every recognised cell in `fields`. Throws
/// ImportError naming the row when a row has no tender reference.
std::vector<Tender> read_tenders(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                 const SourceFile& file);

}  // namespace fairgate::importers
