#pragma once
// The council's contract register: one contract per table row.

#include <vector>

#include "importers/table_layout.hpp"
#include "model/contract.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Whether a table heading is a contract register's: it has contract.id and contract.title.
bool is_contract_register(const TableHeading& heading, const FieldDictionary& fields);

/// Each row as a Contract: identity and term members from contract.id, tender.id,
/// contract.title, contract.category, supplier.id, supplier.name, contract.start and
/// contract.end, and every recognised cell in `fields`. Throws ImportError naming the row
/// when a row has no contract reference.
std::vector<Contract> read_contracts(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                     const SourceFile& file);

}  // namespace fairgate::importers
