#include "support/xlsx_reader.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <pugixml.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace fairgate::test {

namespace {

pugi::xml_document parse(const std::string& xml, const std::string& what) {
    pugi::xml_document doc;
    const pugi::xml_parse_result ok = doc.load_string(xml.c_str());
    if (!ok) throw std::runtime_error(what + " is not well-formed XML: " + ok.description());
    return doc;
}

/// All the text of an <si> or <is>: plain <t> or rich-text runs.
std::string string_item(const pugi::xml_node& item) {
    std::string out;
    for (const pugi::xpath_node& t : item.select_nodes(".//t")) out += t.node().text().get();
    return out;
}

/// "AB12" -> (11, 27): 0-based row and column.
std::pair<unsigned, unsigned> parse_ref(const std::string& ref) {
    unsigned col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + unsigned(ref[i] - 'A' + 1);
    return {unsigned(std::stoul(ref.substr(i))) - 1, col - 1};
}

std::string column_letters(unsigned col) {
    std::string s;
    for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), char('A' + (col - 1) % 26));
    return s;
}

}  // namespace

std::string XlsxSheet::at(unsigned row, unsigned column) const {
    auto it = cells.find({row, column});
    return it == cells.end() ? std::string() : it->second.text;
}

unsigned XlsxSheet::column(const std::string& header) const {
    for (const auto& [pos, cell] : cells) {
        if (pos.first == 0 && cell.text == header) return pos.second;
    }
    throw std::runtime_error("sheet " + name + " has no column " + header);
}

XlsxFile::XlsxFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        if (!it->second.isFile()) continue;
        Poco::Zip::ZipInputStream zin(in, it->second);
        parts_[it->first] = std::string(std::istreambuf_iterator<char>(zin), {});
    }

    std::vector<std::string> shared;
    if (parts_.count("xl/sharedStrings.xml")) {
        pugi::xml_document doc = parse(parts_["xl/sharedStrings.xml"], "sharedStrings.xml");
        for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(string_item(si));
    }

    std::map<std::string, std::string> targets;  // relationship id -> part
    pugi::xml_document rels = parse(part("xl/_rels/workbook.xml.rels"), "workbook.xml.rels");
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
        targets[r.attribute("Id").value()] = "xl/" + std::string(r.attribute("Target").value());
    }

    pugi::xml_document wb = parse(part("xl/workbook.xml"), "workbook.xml");
    for (pugi::xml_node s : wb.child("workbook").child("sheets").children("sheet")) {
        XlsxSheet sheet;
        sheet.name = s.attribute("name").value();
        const std::string target = targets[s.attribute("r:id").value()];
        pugi::xml_document ws = parse(part(target), target);
        for (pugi::xml_node row : ws.child("worksheet").child("sheetData").children("row")) {
            for (pugi::xml_node c : row.children("c")) {
                XlsxCell cell;
                cell.type = c.attribute("t").value();
                cell.has_formula = bool(c.child("f"));
                if (cell.type == "s") {
                    cell.text = shared.at(std::stoul(c.child("v").text().get()));
                } else if (cell.type == "inlineStr") {
                    cell.text = string_item(c.child("is"));
                } else {
                    cell.text = c.child("v").text().get();
                }
                const auto pos = parse_ref(c.attribute("r").value());
                if (pos.first + 1 > sheet.rows) sheet.rows = pos.first + 1;
                sheet.cells[pos] = cell;
            }
        }
        sheets_.push_back(std::move(sheet));
    }
}

std::vector<std::string> XlsxFile::sheet_names() const {
    std::vector<std::string> names;
    for (const XlsxSheet& s : sheets_) names.push_back(s.name);
    return names;
}

const XlsxSheet& XlsxFile::sheet(const std::string& name) const {
    for (const XlsxSheet& s : sheets_) {
        if (s.name == name) return s;
    }
    throw std::runtime_error("no sheet " + name);
}

std::string XlsxFile::part(const std::string& name) const {
    auto it = parts_.find(name);
    return it == parts_.end() ? std::string() : it->second;
}

std::string XlsxFile::dump() const {
    std::ostringstream out;
    for (const XlsxSheet& s : sheets_) {
        out << "== " << s.name << "\n";
        for (const auto& [pos, cell] : s.cells) {
            if (cell.text.empty()) continue;
            std::string text = cell.text;
            for (std::size_t i = 0; (i = text.find('\n', i)) != std::string::npos;) text.replace(i, 1, "\\n");
            out << column_letters(pos.second) << pos.first + 1 << "\t" << text << "\n";
        }
    }
    return out.str();
}

}  // namespace fairgate::test
