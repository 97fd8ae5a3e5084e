#include "importers/xlsx_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "importers/text_encoding.hpp"
#include "importers/zip_package.hpp"

namespace fairgate::importers {
namespace {

constexpr const char* kDamaged = "is not a readable Excel workbook (the file is damaged or truncated): ";

// Element names without a namespace prefix ("x:row" -> "row"): some writers prefix them.
const char* local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local_name(n), name) == 0; }

pugi::xml_node child(const pugi::xml_node& parent, const char* name) {
    for (pugi::xml_node c : parent.children()) {
        if (c.type() == pugi::node_element && is(c, name)) return c;
    }
    return {};
}

// Attributes may carry a prefix too ("r:id").
pugi::xml_attribute attribute(const pugi::xml_node& n, const char* name) {
    for (pugi::xml_attribute a : n.attributes()) {
        const char* an = a.name();
        const char* colon = std::strrchr(an, ':');
        if (std::strcmp(colon ? colon + 1 : an, name) == 0) return a;
    }
    return {};
}

class WorkbookReader {
public:
    WorkbookReader(const std::string& file, std::string bytes, const ImportLimits& limits)
        : file_(file), zip_(open(file, std::move(bytes), limits)) {}

    std::vector<Grid> read() {
        pugi::xml_document workbook;
        parse("xl/workbook.xml", workbook, true);
        const pugi::xml_node root = workbook.document_element();
        if (pugi::xml_node pr = child(root, "workbookPr")) {
            const std::string v = pr.attribute("date1904").value();
            date1904_ = v == "1" || v == "true";
        }
        read_relationships();
        read_shared_strings();
        read_styles();

        std::vector<Grid> grids;
        for (pugi::xml_node sheet : child(root, "sheets").children()) {
            if (!is(sheet, "sheet")) continue;
            const std::string name = sheet.attribute("name").value();
            const std::string rel = attribute(sheet, "id").value();
            auto target = relationships_.find(rel);
            if (target == relationships_.end()) damaged("the worksheet '" + name + "' has no part");
            Grid g;
            g.file = file_;
            g.sheet = name;
            g.date1904 = date1904_;
            read_sheet(target->second, g);
            grids.push_back(std::move(g));
        }
        if (grids.empty()) damaged("the workbook has no worksheets");
        return grids;
    }

private:
    static ZipPackage open(const std::string& file, std::string bytes, const ImportLimits& limits) {
        try {
            return ZipPackage(std::move(bytes), limits.max_uncompressed_bytes, limits.max_compression_ratio);
        } catch (const ZipProblem& p) {
            throw ImportError(file, std::string(kDamaged) + p.message);
        }
    }

    [[noreturn]] void damaged(const std::string& detail) const { throw ImportError(file_, kDamaged + detail); }

    std::string entry(const std::string& name) {
        try {
            return zip_.read(name);
        } catch (const ZipProblem& p) {
            if (p.over_limit) throw ImportError(file_, "is refused as unsafe to open: " + p.message);
            damaged(p.message);
        }
    }

    void parse(const std::string& name, pugi::xml_document& doc, bool required) {
        if (!zip_.has(name)) {
            if (required) damaged("the part " + name + " is missing");
            return;
        }
        const std::string xml = entry(name);
        // A DOCTYPE is how entity-expansion attacks start; no Excel part carries one. Outside
        // comments and CDATA the text "<!DOCTYPE" can only be a declaration.
        if (xml.find("<!DOCTYPE") != std::string::npos) {
            throw ImportError(file_, "is refused: the part " + name + " declares a DOCTYPE, which no Excel workbook does");
        }
        // ws_pcdata_single keeps a run that is only a space (<t xml:space="preserve"> </t>).
        const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!ok) damaged("the part " + name + " is not well-formed XML (" + ok.description() + ")");
    }

    void read_relationships() {
        pugi::xml_document rels;
        parse("xl/_rels/workbook.xml.rels", rels, true);
        for (pugi::xml_node r : rels.document_element().children()) {
            if (!is(r, "Relationship")) continue;
            std::string target = r.attribute("Target").value();
            if (!target.empty() && target.front() == '/') target = target.substr(1);
            else target = "xl/" + target;
            relationships_[r.attribute("Id").value()] = target;
        }
    }

    // Text of an <si> or <is>: a plain <t>, or rich text runs <r><t>; phonetic runs skipped.
    static std::string string_item(const pugi::xml_node& item) {
        std::string text;
        for (pugi::xml_node part : item.children()) {
            if (is(part, "t")) text += part.text().get();
            else if (is(part, "r")) {
                if (pugi::xml_node t = child(part, "t")) text += t.text().get();
            }
        }
        return unescape_xstring(text);
    }

    // Excel writes characters XML cannot hold, and carriage returns, as _xHHHH_ (ST_Xstring).
    static std::string unescape_xstring(const std::string& s) {
        if (s.find("_x") == std::string::npos) return s;
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
                std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 2, s.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
                append_utf8(out, static_cast<uint32_t>(std::stoul(s.substr(i + 2, 4), nullptr, 16)));
                i += 6;
                continue;
            }
            out.push_back(s[i]);
        }
        return out;
    }

    void read_shared_strings() {
        pugi::xml_document doc;
        parse("xl/sharedStrings.xml", doc, false);
        if (!doc.document_element()) return;
        for (pugi::xml_node si : doc.document_element().children()) {
            if (is(si, "si")) shared_.push_back(string_item(si));
        }
    }

    void read_styles() {
        pugi::xml_document doc;
        parse("xl/styles.xml", doc, false);
        if (!doc.document_element()) return;
        std::map<unsigned, std::string> custom;
        for (pugi::xml_node f : child(doc.document_element(), "numFmts").children()) {
            if (is(f, "numFmt")) custom[f.attribute("numFmtId").as_uint()] = f.attribute("formatCode").value();
        }
        for (pugi::xml_node xf : child(doc.document_element(), "cellXfs").children()) {
            if (!is(xf, "xf")) continue;
            const unsigned id = xf.attribute("numFmtId").as_uint();
            auto code = custom.find(id);
            date_styles_.push_back(is_date_format(id, code == custom.end() ? std::string() : code->second));
        }
    }

    // "C14" -> 0-based (row 13, column 2); false if malformed.
    static bool parse_ref(const char* ref, size_t& row, size_t& column) {
        size_t col = 0, r = 0, i = 0;
        for (; std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
            col = col * 26 + static_cast<size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
            if (col > 16384) return false;
        }
        if (i == 0) return false;
        const size_t digits = i;
        for (; std::isdigit(static_cast<unsigned char>(ref[i])); ++i) {
            r = r * 10 + static_cast<size_t>(ref[i] - '0');
            if (r > 1048576) return false;
        }
        if (ref[i] != '\0' || i == digits || r == 0) return false;
        row = r - 1;
        column = col - 1;
        return true;
    }

    void read_sheet(const std::string& part, Grid& g) {
        pugi::xml_document doc;
        parse(part, doc, true);
        pugi::xml_node data = child(doc.document_element(), "sheetData");
        size_t next_row = 0;
        for (pugi::xml_node row : data.children()) {
            if (!is(row, "row")) continue;
            size_t r = row.attribute("r") ? row.attribute("r").as_uint() : next_row + 1;
            if (r == 0 || r > 1048576) damaged("a row number in " + part + " is out of range");
            --r;
            next_row = r + 1;
            size_t next_col = 0;
            for (pugi::xml_node c : row.children()) {
                if (!is(c, "c")) continue;
                size_t cr = r, cc = next_col;
                if (pugi::xml_attribute ref = c.attribute("r")) {
                    if (!parse_ref(ref.value(), cr, cc)) damaged("the cell reference '" + std::string(ref.value()) + "' in " + part + " is malformed");
                }
                next_col = cc + 1;
                Cell cell = read_cell(c, part);
                if (cell.kind == Cell::Kind::Empty) continue;
                if (g.rows.size() <= cr) g.rows.resize(cr + 1);
                auto& cells = g.rows[cr];
                if (cells.size() <= cc) cells.resize(cc + 1);
                cells[cc] = std::move(cell);
            }
        }
    }

    Cell read_cell(const pugi::xml_node& c, const std::string& part) {
        Cell cell;
        const std::string type = c.attribute("t").value();
        const pugi::xml_node v = child(c, "v");
        const std::string value = v.text().get();
        if (type == "inlineStr") {
            if (pugi::xml_node is_node = child(c, "is")) {
                cell.kind = Cell::Kind::Text;
                cell.text = string_item(is_node);
            }
            return cell;
        }
        if (!v) return cell;  // a styled but empty cell
        if (type == "s") {
            char* end = nullptr;
            const unsigned long index = std::strtoul(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || index >= shared_.size()) damaged("a cell in " + part + " points at a shared string that does not exist");
            cell.kind = Cell::Kind::Text;
            cell.text = shared_[index];
        } else if (type == "str" || type == "d") {
            // Formula text results; "d" is an ISO 8601 date as text, which parse_value reads.
            cell.kind = Cell::Kind::Text;
            cell.text = value;
        } else if (type == "b") {
            cell.kind = Cell::Kind::Boolean;
            cell.number = value == "1" ? 1 : 0;
            cell.text = value == "1" ? "TRUE" : "FALSE";
        } else if (type == "e") {
            cell.kind = Cell::Kind::Error;
            cell.text = value;
        } else {
            char* end = nullptr;
            cell.number = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0') damaged("a number cell in " + part + " holds '" + value + "'");
            cell.kind = Cell::Kind::Number;
            cell.text = value;
            const unsigned style = c.attribute("s").as_uint();
            cell.date_style = style < date_styles_.size() && date_styles_[style];
        }
        return cell;
    }

    std::string file_;
    ZipPackage zip_;
    bool date1904_ = false;
    std::unordered_map<std::string, std::string> relationships_;
    std::vector<std::string> shared_;
    std::vector<bool> date_styles_;
};

}  // namespace

bool is_date_format(unsigned id, const std::string& code) {
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
    if (id < 164 && code.empty()) return false;  // the other built-ins are numbers and text
    // Letters inside "quoted text", [colour/locale brackets] or after \ are shown literally.
    bool quoted = false;
    int bracket = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) { if (c == '"') quoted = false; continue; }
        if (c == '"') { quoted = true; continue; }
        if (c == '[') { ++bracket; continue; }
        if (c == ']') { if (bracket) --bracket; continue; }
        if (bracket) continue;
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }
        const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == 'd' || l == 'm' || l == 'y') return true;
    }
    return false;
}

std::vector<Grid> read_xlsx(const std::string& file_name, std::string bytes, const ImportLimits& limits) {
    WorkbookReader reader(file_name, std::move(bytes), limits);
    return reader.read();
}

}  // namespace fairgate::importers
