#include "importers/input_format.hpp"

#include <utility>

#include "importers/csv_shape.hpp"
#include "importers/ocds_json.hpp"
#include "importers/text_encoding.hpp"
#include "importers/workbook_shape.hpp"
#include "importers/xlsx_reader.hpp"
#include "importers/xml_return.hpp"

namespace fairgate::importers {
namespace {

// A zip file starts with its first entry's local header, "PK\3\4"; an XLSX workbook is a zip.
bool starts_zip_entry(std::string_view bytes) {
    return bytes.compare(0, 4, std::string_view("PK\x03\x04", 4)) == 0;
}

// Whether the OLE2 compound file in `bytes` has a stream named `name` (ASCII). Its directory
// entries are 128 bytes each, in sectors of 512 or 4,096 bytes after a 512-byte header, so
// every one starts 128-byte aligned: a UTF-16LE name, at 64 its length in bytes with the
// terminating NUL, at 66 its type (2: a stream). Looking at every aligned place is enough to
// tell an encrypted workbook from an old .xls, without following the sector chains.
bool has_ole2_stream(std::string_view bytes, std::string_view name) {
    const size_t name_bytes = (name.size() + 1) * 2;
    for (size_t at = 512; at + 128 <= bytes.size(); at += 128) {
        const auto* e = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        if (static_cast<size_t>(e[64] | e[65] << 8) != name_bytes || e[66] != 2) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i) same = e[2 * i] == static_cast<unsigned char>(name[i]) && e[2 * i + 1] == 0;
        if (same) return true;
    }
    return false;
}

}  // namespace

// THE TABLE. Adding an input format is writing its reader and adding its entry here: its name,
// the file extensions it comes under, how its first bytes are known, and adapters to its
// reader (and to its grids, if `fairgate inspect --cells` should show its cells). The order
// is the order sniffs are tried in: a workbook by its zip signature; then the text formats,
// those known by their first character before CSV, which takes any text. Keep
// docs/input-formats.md ("Which files are read") in step.
const std::vector<InputFormat>& input_formats() {
    static const std::vector<InputFormat> formats{
        {"xlsx", {".xlsx"}, starts_zip_entry,
         [](const FormatRequest& r, std::string bytes) {
             return read_workbook(r.file, std::move(bytes), r.fields, r.batch_size, r.sink, r.limits);
         },
         [](const SourceFile& file, std::string bytes, const ImportLimits& limits) {
             return read_xlsx(file.name, std::move(bytes), limits);
         }},
        {"ocds json", {".json", ".jsonl", ".ndjson"}, looks_like_json,
         [](const FormatRequest& r, std::string bytes) { return read_ocds(r.file, std::move(bytes), r.fields); },
         nullptr},
        {"xml returns", {".xml"}, looks_like_xml,
         [](const FormatRequest& r, std::string bytes) { return read_xml_returns(r.file, bytes, r.fields); },
         nullptr},
        // .txt: what Excel and portals call a tab- or comma-separated export.
        {"csv", {".csv", ".txt"}, looks_like_text,
         [](const FormatRequest& r, std::string bytes) {
             return read_csv_file(r.file, bytes, r.fields, r.batch_size, r.sink, r.limits);
         },
         [](const SourceFile& file, std::string bytes, const ImportLimits& limits) {
             return std::vector<Grid>{read_csv_grid(file, bytes, limits)};
         }},
    };
    return formats;
}

const InputFormat* sniff_format(std::string_view bytes) {
    for (const InputFormat& format : input_formats()) {
        if (format.sniff(bytes)) return &format;
    }
    return nullptr;
}

const InputFormat& choose_format(const std::string& file_name, std::string_view bytes) {
    // A zip that does not start with an entry is no workbook fairgate can read, whatever else
    // its bytes might pass for.
    if (bytes.compare(0, 2, "PK") == 0 && !starts_zip_entry(bytes)) {
        throw ImportError(file_name, unreadable_workbook("it does not start with a zip entry"));
    }
    refuse_compound_file(file_name, bytes);
    if (const InputFormat* format = sniff_format(bytes)) return *format;
    // Binary that is none of the formats: told in the words a sender knows them by.
    throw ImportError(file_name, "is neither an Excel workbook (.xlsx) nor CSV, XML or JSON text; fairgate cannot read it");
}

void refuse_compound_file(const std::string& file_name, std::string_view bytes) {
    if (bytes.compare(0, 4, std::string_view("\xD0\xCF\x11\xE0", 4)) != 0) return;
    // Excel saves a password-protected .xlsx as a compound file holding the encrypted package
    // (MS-OFFCRYPTO: "EncryptionInfo" and "EncryptedPackage" streams).
    if (has_ole2_stream(bytes, "EncryptionInfo") && has_ole2_stream(bytes, "EncryptedPackage")) {
        throw ImportError(file_name, "is a password-protected (encrypted) Excel workbook, and fairgate cannot read protected files: "
                                     "remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                                     "clear it), save the workbook and send it again");
    }
    throw ImportError(file_name, "is an Excel 97-2003 workbook (.xls) or another old Office file; save it as .xlsx or CSV and send it again");
}

}  // namespace fairgate::importers
