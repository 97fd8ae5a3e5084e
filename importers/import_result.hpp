#pragma once
// What reading one file gives: the whole result, or its returns a batch at a time. A leaf, as
// import_error.hpp is: it depends on the model alone, and readers include it rather than the
// façade import.hpp.

#include <functional>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/register_entry.hpp"
#include "model/run.hpp"
#include "model/supplier_return.hpp"
#include "model/tender.hpp"

namespace fairgate::importers {

/// Everything read from one file. A file yields returns, contracts (a register), tenders (a
/// tender pipeline) or the rows of a public register (the gender pay gap service's data), or
/// several in principle; `notes` are problems that did not stop the import (unrecognised columns,
/// unreadable answers, which stay in the returns as Invalid values).
struct ImportResult {
    /// "xlsx form", "csv table", "contract register csv", "tender pipeline csv", "xml returns",
    /// "ocds json", "ocds json lines", "gender pay gap register csv".
    std::string format;
    std::vector<SupplierReturn> returns;
    std::vector<Contract> contracts;
    std::vector<Tender> tenders;  ///< Tenders before award, with their own facts.
    std::vector<RegisterEntry> register_entries;  ///< A public register's rows, read whole.
    std::vector<ImportNote> notes;
};

/// Some of one file's returns, as import_file_in_batches hands them over.
struct ImportBatch {
    std::vector<SupplierReturn> returns;
    std::vector<ImportNote> notes;  ///< Notes about these returns' rows.
};

/// Receives a batch; it may move the returns and notes out.
using ImportBatchSink = std::function<void(ImportBatch& batch)>;

}  // namespace fairgate::importers
