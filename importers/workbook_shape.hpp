#pragma once
// An XLSX workbook read as what it holds: which of its sheets is read, and whether as a form or
// as a table (of returns, a contract register or a tender pipeline).

#include <cstddef>
#include <string>

#include "importers/import_error.hpp"
#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// The workbook in `bytes`: the first sheet shaped as a form is the return (a template may
/// open with a Guidance sheet); failing that, the first sheet with anything on it is a table.
/// A sheet listing people refuses the workbook even when it is not the sheet that is read: the
/// whole file is kept (or quarantined), so it must not hold such a list anywhere. A table of
/// returns on a big sheet (ImportLimits::stream_sheets_from_bytes) is read row by row, its
/// returns handed to `sink` in batches of `batch_size`; everything else is read whole into
/// the result. Throws ImportError for a workbook that cannot be read, breaks `limits`, or has
/// nothing on any sheet.
ImportResult read_workbook(const SourceFile& file, std::string bytes, const FieldDictionary& fields, size_t batch_size,
                           const ImportBatchSink& sink, const ImportLimits& limits);

}  // namespace fairgate::importers
