// XLSX workbooks (the zip package and the XML parts in it) as the batch reads them:
// import_file_in_batches, with a small threshold for reading a sheet row by row so that the
// streaming reader is tried as well as the whole-sheet one, and read_cells (`fairgate inspect
// --cells`). ImportError is a normal outcome; anything else escaping is a finding.

#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "importers/import.hpp"

using namespace fairgate;
using namespace fairgate::importers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const SourceFile file = fuzz::write_input("return.xlsx", data, size);
        const FieldDictionary& fields = fuzz::bexley().fields;
        for (uint64_t stream_from : {uint64_t{8} << 20, uint64_t{1024}}) {
            ImportLimits limits;
            limits.stream_sheets_from_bytes = stream_from;
            try {
                (void)import_file_in_batches(file, fields, 2, [](ImportBatch&) {}, limits);
            } catch (const ImportError&) {
            }
        }
        try {
            (void)read_cells(file);
        } catch (const ImportError&) {
        }
    } catch (const std::exception& e) {
        fuzz::undocumented("fuzz_xlsx", e.what());
    }
    return 0;
}
