// XLSX workbooks as the batch reads them: import_file_in_batches, with a small threshold for
// reading a sheet row by row so that the streaming reader is tried as well as the
// whole-sheet one, and read_cells (`fairgate inspect --cells`). ImportError is a normal
// outcome; anything else escaping is a finding.
//
// An input is either a whole XLSX file (it starts with the zip signature "PK"), which tries
// the zip reading, or the XML parts of one, separated by the byte 0x1E: the first sheet, the
// shared strings, the styles, then any further sheets. Those are packed (stored, so that
// every mutation reaches the XML parsers rather than failing inflation or a checksum) with a
// workbook and its relationships, as the importer tests build theirs.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "importers/import.hpp"
#include "importers/importer_fixture.hpp"

using namespace fairgate;
using namespace fairgate::importers;

namespace {

std::string package_of_parts(std::string_view input) {
    std::vector<std::string> parts;
    size_t from = 0;
    for (size_t at; (at = input.find('\x1e', from)) != std::string_view::npos; from = at + 1)
        parts.emplace_back(input.substr(from, at - from));
    parts.emplace_back(input.substr(from));
    test::WorkbookParts workbook;
    workbook.sheets.emplace_back("Return", parts[0]);
    if (parts.size() > 1) workbook.shared_strings = parts[1];
    if (parts.size() > 2) workbook.styles = parts[2];
    for (size_t i = 3; i < parts.size(); ++i) workbook.sheets.emplace_back("Sheet" + std::to_string(i - 1), parts[i]);
    return test::zip_of(workbook.parts(), /*store=*/true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const std::string_view input(reinterpret_cast<const char*>(data), size);
        SourceFile file;
        if (input.substr(0, 2) == "PK") {
            file = fuzz::write_input("return.xlsx", data, size);
        } else {
            const std::string xlsx = package_of_parts(input);
            file = fuzz::write_input("return.xlsx", reinterpret_cast<const uint8_t*>(xlsx.data()), xlsx.size());
        }
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
