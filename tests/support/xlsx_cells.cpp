#include "support/xlsx_cells.hpp"

#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <pugixml.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fairgate::testing {
namespace {

std::string entry_text(const std::string& path, const std::string& entry) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open");
    Poco::Zip::ZipArchive archive(in);
    auto it = archive.findHeader(entry);
    if (it == archive.headerEnd()) return {};
    in.clear();
    Poco::Zip::ZipInputStream zin(in, it->second);
    std::string out;
    Poco::StreamCopier::copyToString(zin, out);
    return out;
}

pugi::xml_document parse(const std::string& path, const std::string& entry, const std::string& text) {
    pugi::xml_document doc;
    if (!doc.load_string(text.c_str())) throw std::runtime_error(path + ": " + entry + " is not well-formed XML");
    return doc;
}

// "BC12" -> zero-based column 54.
int column_of(const std::string& ref) {
    int col = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + (c - 'A' + 1);
    }
    return col - 1;
}

std::string inline_text(const pugi::xml_node& node) {
    std::string s;
    for (auto t : node.select_nodes(".//t")) s += t.node().text().get();
    return s;
}

}  // namespace

int SheetCells::find_row(const std::string& text) const {
    for (size_t r = 0; r < rows.size(); ++r)
        for (const auto& c : rows[r])
            if (c == text) return static_cast<int>(r);
    return -1;
}

int SheetCells::column(int row, const std::string& heading) const {
    if (row < 0 || static_cast<size_t>(row) >= rows.size()) return -1;
    const auto& cells = rows[static_cast<size_t>(row)];
    for (size_t c = 0; c < cells.size(); ++c)
        if (cells[c] == heading) return static_cast<int>(c);
    return -1;
}

std::vector<SheetCells> read_workbook_cells(const std::string& path) {
    std::vector<std::string> shared;
    if (auto text = entry_text(path, "xl/sharedStrings.xml"); !text.empty()) {
        auto doc = parse(path, "sharedStrings", text);
        for (auto si : doc.child("sst").children("si")) shared.push_back(inline_text(si));
    }
    auto workbook = parse(path, "workbook", entry_text(path, "xl/workbook.xml"));
    auto rels = parse(path, "workbook rels", entry_text(path, "xl/_rels/workbook.xml.rels"));
    std::vector<SheetCells> sheets;
    for (auto s : workbook.child("workbook").child("sheets").children("sheet")) {
        SheetCells sheet;
        sheet.name = s.attribute("name").value();
        const std::string rid = s.attribute("r:id").value();
        std::string target;
        for (auto r : rels.child("Relationships").children("Relationship"))
            if (rid == r.attribute("Id").value()) target = r.attribute("Target").value();
        if (target.rfind("/xl/", 0) == 0) target = target.substr(1);
        else target = "xl/" + target;
        auto doc = parse(path, target, entry_text(path, target));
        for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
            const size_t r = row.attribute("r").as_uint() - 1;
            if (sheet.rows.size() <= r) sheet.rows.resize(r + 1);
            for (auto c : row.children("c")) {
                const int col = column_of(c.attribute("r").value());
                if (col < 0) continue;
                auto& cells = sheet.rows[r];
                if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
                const std::string type = c.attribute("t").value();
                if (c.child("f")) sheet.has_formula = true;
                if (type == "s") {
                    const size_t i = c.child("v").text().as_uint();
                    cells[static_cast<size_t>(col)] = i < shared.size() ? shared[i] : std::string();
                } else if (type == "inlineStr") {
                    cells[static_cast<size_t>(col)] = inline_text(c.child("is"));
                } else {
                    cells[static_cast<size_t>(col)] = c.child("v").text().get();
                }
            }
        }
        sheets.push_back(std::move(sheet));
    }
    if (sheets.empty()) throw std::runtime_error(path + ": no worksheets");
    return sheets;
}

const SheetCells& sheet(const std::vector<SheetCells>& sheets, const std::string& name) {
    for (const auto& s : sheets)
        if (s.name == name) return s;
    throw std::runtime_error("no worksheet named " + name);
}

}  // namespace fairgate::testing
