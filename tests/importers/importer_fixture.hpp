#pragma once
// Shared by the importer tests: the shipped dictionary, files written in the test's scratch
// directory, small XLSX packages built from literal XML, and a canonical text dump of an
// ImportResult (what the golden files hold).

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "importers/import.hpp"
#include "model/content_hash.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fairgate::test {

/// The field dictionary of rules/bexley.xml, loaded once.
inline const FieldDictionary& bexley_fields() {
    static const Rulebook book = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    return book.fields;
}

inline std::filesystem::path scratch_dir() {
    const std::filesystem::path dir = FAIRGATE_TEST_TMP;
    std::filesystem::create_directories(dir);
    return dir;
}

/// Writes `bytes` to the scratch directory under `name` and describes it as a SourceFile.
inline SourceFile write_input(const std::string& name, const std::string& bytes) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return SourceFile{name, path.string(), sha256_hex(bytes), bytes.size()};
}

inline importers::ImportResult import_bytes(const std::string& name, const std::string& bytes,
                                            const importers::ImportLimits& limits = {}) {
    return importers::import_file(write_input(name, bytes), bexley_fields(), limits);
}

/// The problem text of the ImportError importing `bytes` throws, or "" if it imports.
inline std::string import_error(const std::string& name, const std::string& bytes,
                                const importers::ImportLimits& limits = {}) {
    try {
        import_bytes(name, bytes, limits);
    } catch (const importers::ImportError& e) {
        return e.describe();
    }
    return {};
}

/// A zip holding `parts` (name, content), deflated unless `store`.
/// With `streamed`, sizes follow each entry in a data descriptor, as streaming writers do.
inline std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts, bool store = false,
                          bool streamed = false) {
    std::ostringstream out;
    Poco::Zip::Compress zip(out, !streamed);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        zip.addFile(in, Poco::DateTime(1980, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
                    store ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
    }
    zip.close();
    return out.str();
}

/// An inline-string cell.
inline std::string text_cell(const std::string& ref, const std::string& text) {
    return R"(<c r=")" + ref + R"(" t="inlineStr"><is><t>)" + text + "</t></is></c>";
}
/// A number cell, with a style index when `style` >= 0.
inline std::string number_cell(const std::string& ref, const std::string& v, int style = -1) {
    return R"(<c r=")" + ref + R"(")" + (style >= 0 ? R"( s=")" + std::to_string(style) + R"(")" : "") + "><v>" + v + "</v></c>";
}
inline std::string row_xml(int r, const std::vector<std::string>& cells) {
    std::string s = R"(<row r=")" + std::to_string(r) + R"(">)";
    for (const auto& c : cells) s += c;
    return s + "</row>";
}
inline std::string sheet_xml(const std::vector<std::string>& rows) {
    std::string s = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
    for (const auto& r : rows) s += r;
    return s + "</sheetData></worksheet>";
}

/// A workbook part list: `sheets` (name, sheet XML) in order, with optional shared strings
/// and styles parts, and the 1904 date system if asked.
struct WorkbookParts {
    std::vector<std::pair<std::string, std::string>> sheets;
    std::string shared_strings;  ///< Whole part, or empty.
    std::string styles;          ///< Whole part, or empty.
    bool date1904 = false;

    std::vector<std::pair<std::string, std::string>> parts() const {
        std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                               R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
                               R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)";
        if (date1904) workbook += R"(<workbookPr date1904="1"/>)";
        workbook += "<sheets>";
        std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                           R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
        std::vector<std::pair<std::string, std::string>> out;
        for (size_t i = 0; i < sheets.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            workbook += R"(<sheet name=")" + sheets[i].first + R"(" sheetId=")" + n + R"(" r:id="rId)" + n + R"("/>)";
            rels += R"(<Relationship Id="rId)" + n + R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet)" + n + R"(.xml"/>)";
            out.emplace_back("xl/worksheets/sheet" + n + ".xml", sheets[i].second);
        }
        workbook += "</sheets></workbook>";
        rels += "</Relationships>";
        out.emplace_back("xl/workbook.xml", workbook);
        out.emplace_back("xl/_rels/workbook.xml.rels", rels);
        if (!shared_strings.empty()) out.emplace_back("xl/sharedStrings.xml", shared_strings);
        if (!styles.empty()) out.emplace_back("xl/styles.xml", styles);
        return out;
    }
    std::string xlsx() const { return zip_of(parts()); }
};

/// Escapes line breaks so that each answer stays on one line of a dump.
inline std::string one_line(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out;
}

inline std::string dump_answer(const FieldDictionary& fields, FieldId id, const Answer& a) {
    std::string line = "    " + fields.at(id).name + " = ";
    switch (a.value.state()) {
        case Value::State::Absent: line += "[absent]"; break;
        case Value::State::Valid: line += one_line(a.value.canonical()) + " [valid]"; break;
        case Value::State::Invalid:
            line += one_line(a.value.invalid_raw()) + " [invalid: " + a.value.invalid_reason() + "]";
            break;
        case Value::State::NotApplicable: line += one_line(a.value.invalid_raw()) + " [not applicable]"; break;
        case Value::State::NotPublished: line += "[not published]"; break;
    }
    if (!a.typed().empty()) line += " raw \"" + one_line(a.typed()) + "\"";
    return line + " @ " + a.where.display() + "\n";
}

/// The canonical text of an import: format, each contract, tender and return with its identity
/// and every answer (field = canonical value [state] raw "as typed" @ provenance), notes.
inline std::string dump(const importers::ImportResult& r, const FieldDictionary& fields) {
    std::ostringstream out;
    out << "format: " << r.format << "\n";
    for (const Contract& c : r.contracts) {
        out << "contract " << c.id << "\n"
            << "  tender: " << c.tender_id << "\n"
            << "  title: " << c.title << "\n"
            << "  category: " << c.category << "\n"
            << "  supplier: " << c.supplier_id << " | " << c.supplier_name << "\n"
            << "  term: " << (c.start ? c.start->iso() : "-") << " to " << (c.end ? c.end->iso() : "-") << "\n"
            << "  source: " << c.source_name << "\n"
            << "  fields:\n";
        for (const auto& [id, a] : c.fields.answers()) out << dump_answer(fields, id, a);
    }
    for (const Tender& t : r.tenders) {
        out << "tender " << t.id << "\n"
            << "  title: " << t.title << "\n"
            << "  category: " << t.category << "\n"
            << "  source: " << t.source_name << "\n"
            << "  fields:\n";
        for (const auto& [id, a] : t.fields.answers()) out << dump_answer(fields, id, a);
    }
    for (const SupplierReturn& s : r.returns) {
        out << "return " << s.id() << "\n"
            << "  kind: " << to_string(s.kind) << "\n"
            << "  tender: " << s.tender_id << "\n"
            << "  contract: " << s.contract_id << "\n"
            << "  supplier: " << s.supplier_id << " | " << s.supplier_name << "\n"
            << "  period: " << (s.period ? s.period->label() : "-") << "\n"
            << "  submitted: " << (s.submitted ? s.submitted->iso() : "-") << "\n"
            << "  source: " << s.source_name << "\n"
            << "  answers:\n";
        for (const auto& [id, a] : s.answers.answers()) out << dump_answer(fields, id, a);
    }
    for (const ImportNote& n : r.notes) out << "note: " << n.where << ": " << n.message << "\n";
    return out.str();
}

}  // namespace fairgate::test
