#include "importers/xlsx_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdlib>
#include <map>
#include <optional>
#include <string_view>
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
        const std::string xml = checked_entry(name);
        load(name, doc, xml);
    }

    // The part's XML, refused when it declares a DOCTYPE.
    std::string checked_entry(const std::string& name) {
        std::string xml = entry(name);
        // A DOCTYPE is how entity-expansion attacks start; no Excel part carries one. Outside
        // comments and CDATA the text "<!DOCTYPE" can only be a declaration.
        if (xml.find("<!DOCTYPE") != std::string::npos) {
            throw ImportError(file_, "is refused: the part " + name + " declares a DOCTYPE, which no Excel workbook does");
        }
        return xml;
    }

    void load(const std::string& name, pugi::xml_document& doc, std::string_view xml) {
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

    // Where a sheet's rows are: the content of its <sheetData> element, as offsets into the
    // sheet's XML, and the element's namespace prefix ("x:" or "").
    struct SheetData {
        size_t begin = 0, end = 0;
        std::string prefix;
    };

    // The <sheetData> content of `xml`, when it can be cut into stretches of whole rows: no
    // comments, CDATA or processing instructions inside, which could hide a "</row>".
    static std::optional<SheetData> sheet_data(std::string_view xml) {
        for (size_t at = xml.find("sheetData"); at != std::string_view::npos; at = xml.find("sheetData", at + 1)) {
            // The start tag: "<sheetData" or "<prefix:sheetData".
            size_t lt = at;
            while (lt > 0 && xml[lt - 1] != '<' && xml[lt - 1] != '>' && xml[lt - 1] != ' ' && xml[lt - 1] != '/') --lt;
            if (lt == 0 || xml[lt - 1] != '<') continue;
            const std::string_view prefix = xml.substr(lt, at - lt);
            if (!prefix.empty() && prefix.back() != ':') continue;
            const size_t after = at + 9;
            if (after >= xml.size() || (xml[after] != '>' && xml[after] != ' ' && xml[after] != '/')) continue;
            const size_t gt = xml.find('>', after);
            if (gt == std::string_view::npos || xml[gt - 1] == '/') return std::nullopt;  // none, or <sheetData/>
            const std::string close = "</" + std::string(prefix) + "sheetData>";
            const size_t end = xml.find(close, gt + 1);
            if (end == std::string_view::npos) return std::nullopt;
            const std::string_view content = xml.substr(gt + 1, end - gt - 1);
            if (content.find("<!") != std::string_view::npos || content.find("<?") != std::string_view::npos) return std::nullopt;
            return SheetData{gt + 1, end, std::string(prefix)};
        }
        return std::nullopt;
    }

    // A sheet's rows are parsed a stretch at a time (about a megabyte of XML each) into one
    // reused tree: a whole big sheet's tree took more memory than its cells (a million cells,
    // about 100 MB). The rest of the part is parsed too, with the rows left out, so that a
    // part that is not well-formed is refused as before.
    void read_sheet(const std::string& part, Grid& g) {
        const std::string xml = checked_entry(part);
        pugi::xml_document doc;
        const std::optional<SheetData> data = sheet_data(xml);
        if (!data) {
            load(part, doc, xml);
            read_rows(child(doc.document_element(), "sheetData"), part, g);
            return;
        }
        load(part, doc, xml.substr(0, data->begin) + xml.substr(data->end));
        const std::string row_end = "</" + data->prefix + "row>";
        const std::string open = "<" + data->prefix + "sheetData>", close = "</" + data->prefix + "sheetData>";
        constexpr size_t kStretch = 1 << 20;
        size_t next_row = 0;
        std::string stretch;
        for (size_t begin = data->begin; begin < data->end;) {
            size_t end = data->end;
            if (end - begin > kStretch) {
                const size_t cut = xml.find(row_end, begin + kStretch);
                if (cut != std::string::npos && cut < data->end) end = cut + row_end.size();
            }
            stretch.assign(open).append(xml, begin, end - begin).append(close);
            load(part, doc, stretch);
            next_row = read_rows(doc.document_element(), part, g, next_row);
            begin = end;
        }
    }

    // The rows under `data` (a <sheetData> element) into `g`; a row without a number follows
    // the row before, `next_row` (0-based) being the one after it. Returns the new `next_row`.
    size_t read_rows(const pugi::xml_node& data, const std::string& part, Grid& g, size_t next_row = 0) {
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
        return next_row;
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

namespace {

// One date or time code of a format: y, d, m (month or minutes), h, s, or a = AM/PM or A/P.
struct DateCode {
    char letter;
    size_t length;  // "mmm" is 3
    bool elapsed;   // [h], [mm], [ss]
};

// The date and time codes of a format code's first section, in order; everything Excel shows
// literally is skipped.
std::vector<DateCode> date_codes(const std::string& code) {
    std::vector<DateCode> codes;
    const auto lower = [&](size_t i) { return static_cast<char>(std::tolower(static_cast<unsigned char>(code[i]))); };
    const auto starts = [&](size_t i, const char* word) {
        for (size_t k = 0; word[k]; ++k) {
            if (i + k >= code.size() || lower(i + k) != word[k]) return false;
        }
        return true;
    };
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;  // later sections (negative numbers, zero, text) do not decide
        if (c == '"') {
            const size_t close = code.find('"', i + 1);
            if (close == std::string::npos) break;
            i = close;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }  // literal, space as wide as, fill
        if (c == '[') {
            const size_t close = code.find(']', i + 1);
            if (close == std::string::npos) break;
            // [h], [hh], [mm], [ss]: elapsed time; anything else ([Red], [$-809], [>=100]) is not a code.
            const size_t length = close - i - 1;
            const char first = length ? lower(i + 1) : '\0';
            bool same = first == 'h' || first == 'm' || first == 's';
            for (size_t k = i + 1; same && k < close; ++k) same = lower(k) == first;
            if (same) codes.push_back({first, length, true});
            i = close;
            continue;
        }
        if (starts(i, "am/pm")) { codes.push_back({'a', 5, false}); i += 4; continue; }
        if (starts(i, "a/p")) { codes.push_back({'a', 3, false}); i += 2; continue; }
        const char l = lower(i);
        if (l == 'y' || l == 'd' || l == 'm' || l == 'h' || l == 's') {
            size_t length = 1;
            while (i + 1 < code.size() && lower(i + 1) == l) { ++i; ++length; }
            codes.push_back({l, length, false});
        }
    }
    return codes;
}

NumberFormatKind classify_code(const std::string& code) {
    const std::vector<DateCode> codes = date_codes(code);
    bool date = false, time = false, elapsed = false;
    for (size_t i = 0; i < codes.size(); ++i) {
        const DateCode& t = codes[i];
        elapsed = elapsed || t.elapsed;
        switch (t.letter) {
            case 'y': case 'd': date = true; break;
            case 'h': case 's': case 'a': time = true; break;
            case 'm': {
                // Minutes: [m]/[mm], or m/mm right after an hour or right before seconds (the
                // codes around it, whatever literal text lies between).
                const bool after_hour = i > 0 && codes[i - 1].letter == 'h';
                const bool before_seconds = i + 1 < codes.size() && codes[i + 1].letter == 's';
                if (t.elapsed || (t.length <= 2 && (after_hour || before_seconds))) time = true;
                else date = true;
                break;
            }
            default: break;
        }
    }
    if (date) return time ? NumberFormatKind::DateTime : NumberFormatKind::Date;
    if (time) return elapsed ? NumberFormatKind::Duration : NumberFormatKind::Time;
    return NumberFormatKind::Number;
}

}  // namespace

NumberFormatKind classify_number_format(unsigned id, const std::string& code) {
    if (!code.empty()) return classify_code(code);
    if (id >= 14 && id <= 17) return NumberFormatKind::Date;           // m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy
    if (id == 22) return NumberFormatKind::DateTime;                   // m/d/yyyy h:mm
    if ((id >= 18 && id <= 21) || id == 45 || id == 47) return NumberFormatKind::Time;  // h:mm AM/PM ... mmss.0
    if (id == 46) return NumberFormatKind::Duration;                   // [h]:mm:ss
    return NumberFormatKind::Number;  // the other built-ins are numbers and text; an undeclared custom id too
}

bool is_date_format(unsigned id, const std::string& code) {
    const NumberFormatKind kind = classify_number_format(id, code);
    return kind == NumberFormatKind::Date || kind == NumberFormatKind::DateTime;
}

std::vector<Grid> read_xlsx(const std::string& file_name, std::string bytes, const ImportLimits& limits) {
    WorkbookReader reader(file_name, std::move(bytes), limits);
    return reader.read();
}

}  // namespace fairgate::importers
