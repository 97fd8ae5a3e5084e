#include "importers/xml_return.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <map>

#include "importers/cell_answer.hpp"
#include "importers/import_error.hpp"
#include "importers/personal_data.hpp"
#include "importers/return_identity.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

// Element names without a namespace prefix: a sender may qualify our elements.
const char* local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

bool is(const pugi::xml_node& n, const char* name) {
    return n.type() == pugi::node_element && std::strcmp(local_name(n), name) == 0;
}

// Header elements and the fields they fill (docs/xml-returns.md).
const std::map<std::string, FieldRole>& header_fields() {
    static const std::map<std::string, FieldRole> m = {
        {"kind", FieldRole::ReturnKind},          {"tender", FieldRole::TenderId},
        {"contract", FieldRole::ContractId},      {"supplier-id", FieldRole::SupplierId},
        {"supplier-name", FieldRole::SupplierName}, {"period", FieldRole::ReturnPeriod},
        {"submitted", FieldRole::ReturnSubmitted}};
    return m;
}

// "line 3, column 7" of a byte offset, for a parse error a person can find.
std::string line_column(const std::string& bytes, ptrdiff_t offset) {
    unsigned long line = 1, column = 1;
    const auto end = static_cast<size_t>(std::max<ptrdiff_t>(0, offset));
    for (size_t i = 0; i < end && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') { ++line; column = 1; }
        else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++column;  // count characters
    }
    return csv_locator(line, static_cast<unsigned>(column));
}

// Counts same-named element siblings so that paths read like XPath ("answer[3]").
class PathIndex {
public:
    std::string step(const pugi::xml_node& n) {
        const unsigned k = ++seen_[local_name(n)];
        return std::string("/") + local_name(n) + "[" + std::to_string(k) + "]";
    }

private:
    std::map<std::string, unsigned> seen_;
};

class ReturnsReader {
public:
    /// With `records`, each return's answers are put there as read, nothing refused and
    /// nothing identified (what a refused file was for: xml_return_records).
    ReturnsReader(const SourceFile& file, const FieldDictionary& fields, ImportResult& result,
                  std::vector<Record>* records = nullptr)
        : file_(file), fields_(fields), result_(result), records_(records) {}

    void read_return(const pugi::xml_node& ret, const std::string& path, const std::string& name) {
        if (!records_) refuse_personal_data(ret, path);
        Record record;
        for (pugi::xml_node section : ret.children()) {
            if (section.type() != pugi::node_element) continue;
            const std::string section_path = path + "/" + local_name(section);
            if (is(section, "header")) {
                read_header(section, section_path, record);
            } else if (is(section, "answers")) {
                read_answers(section, section_path, record);
            } else {
                note(section_path, "the element <" + std::string(local_name(section)) +
                                       "> is not part of a return (expected <header> and <answers>); it was not read");
            }
        }
        if (records_) {
            records_->push_back(std::move(record));
            return;
        }
        const ReturnPlace place{Provenance{file_.name, path}.display(), name, false};
        result_.returns.push_back(identify_return(std::move(record), fields_, file_, place, result_.notes));
    }

private:
    void note(const std::string& locator, std::string message) {
        result_.notes.push_back(ImportNote{Provenance{file_.name, locator}.display(), std::move(message)});
    }

    // Every element name and every field/ref label of the return, checked together, since
    // personal data is a matter of what sits side by side.
    void refuse_personal_data(const pugi::xml_node& ret, const std::string& path) {
        std::vector<std::string> labels;
        struct Walker : pugi::xml_tree_walker {
            std::vector<std::string>* out;
            bool for_each(pugi::xml_node& n) override {
                if (n.type() != pugi::node_element) return true;
                out->push_back(local_name(n));
                for (const char* a : {"field", "ref", "name"}) {
                    if (pugi::xml_attribute at = n.attribute(a)) out->push_back(at.value());
                }
                return true;
            }
        } walker;
        walker.out = &labels;
        pugi::xml_node walked = ret;  // a handle; traverse() is not const
        walked.traverse(walker);
        if (auto found = find_personal_data(labels)) {
            throw ImportError(Provenance{file_.name, path}.display(),
                              personal_data_message(labels[found->identifying], labels[found->characteristic], "element"),
                              ImportError::Kind::PersonalData);
        }
    }

    void read_header(const pugi::xml_node& header, const std::string& path, Record& record) {
        PathIndex index;
        for (pugi::xml_node e : header.children()) {
            if (e.type() != pugi::node_element) continue;
            const std::string locator = path + index.step(e);
            auto known = header_fields().find(local_name(e));
            const FieldDef* field = known == header_fields().end() ? nullptr : fields_.find(known->second);
            if (!field) {
                if (!std::string(trim(e.child_value())).empty()) {
                    note(locator, "the header element <" + std::string(local_name(e)) +
                                      "> is not one fairgate knows; its value was not read");
                }
                continue;
            }
            keep(record, *field, e.child_value(), locator);
        }
    }

    void read_answers(const pugi::xml_node& answers, const std::string& path, Record& record) {
        PathIndex index;
        for (pugi::xml_node a : answers.children()) {
            if (a.type() != pugi::node_element) continue;
            const std::string locator = path + index.step(a);
            if (!is(a, "answer")) {
                note(locator, "the element <" + std::string(local_name(a)) + "> is not an <answer>; it was not read");
                continue;
            }
            const std::string ref = a.attribute("ref").value();
            const std::string name = a.attribute("field").value();
            const FieldDef* field = nullptr;
            if (!ref.empty()) field = fields_.match_ref(ref);
            if (!field && !name.empty()) field = fields_.match(name);
            if (!field) {
                if (ref.empty() && name.empty()) {
                    note(locator, "the answer names no field (it needs a ref or field attribute); it was not read");
                } else {
                    note(locator, "the answer to '" + (ref.empty() ? name : ref) +
                                      "' is not in the rulebook's dictionary; it was not read");
                }
                continue;
            }
            keep(record, *field, a.child_value(), locator);
        }
    }

    void keep(Record& record, const FieldDef& field, const char* text, const std::string& locator) {
        Answer answer;
        answer.raw = text;
        answer.where = Provenance{file_.name, locator};
        answer.value = parse_value(field, answer.raw);
        if (answer.value.is_invalid()) {
            result_.notes.push_back(ImportNote{answer.where.display(),
                                               "the answer to " + field.name + " ('" + answer.value.invalid_raw() +
                                                   "') cannot be read: " + answer.value.invalid_reason() +
                                                   "; it is kept as typed"});
        }
        keep_answer(record, field, std::move(answer), result_.notes);
    }

    const SourceFile& file_;
    const FieldDictionary& fields_;
    ImportResult& result_;
    std::vector<Record>* records_ = nullptr;
};

}  // namespace

bool looks_like_xml(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    return i < bytes.size() && bytes[i] == '<';
}

namespace {

// read_xml_returns, or with `records` xml_return_records.
ImportResult read_xml(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields,
                      std::vector<Record>* records) {
    pugi::xml_document doc;
    // parse_doctype keeps a DOCTYPE as a node so that it is seen and refused, wherever the
    // sender hid it; pugixml itself never expands entities or fetches anything.
    const pugi::xml_parse_result ok = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_doctype);
    for (pugi::xml_node n : doc.children()) {
        if (n.type() == pugi::node_doctype) {
            throw ImportError(file.name, "is refused: it declares a DOCTYPE (a DTD). fairgate's XML returns never "
                                         "have one, and DTDs with entities are how XML attacks start; remove the "
                                         "<!DOCTYPE ...> declaration and send it again");
        }
    }
    if (!ok) {
        // A DOCTYPE the parser could not even read (an internal subset, say) is refused as such.
        if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos) {
            throw ImportError(file.name, "is refused: it declares a DOCTYPE or ENTITY, which fairgate's XML returns never have");
        }
        throw ImportError(file.name + " " + line_column(bytes, ok.offset),
                          std::string("is not well-formed XML: ") + ok.description());
    }
    const pugi::xml_node root = doc.document_element();
    ImportResult result;
    result.format = "xml returns";
    ReturnsReader reader(file, fields, result, records);
    if (is(root, "return")) {
        reader.read_return(root, "/return", "the return");
    } else if (is(root, "returns")) {
        unsigned k = 0;
        for (pugi::xml_node r : root.children()) {
            if (r.type() != pugi::node_element) continue;
            if (!is(r, "return")) {
                result.notes.push_back(ImportNote{Provenance{file.name, "/returns/" + std::string(local_name(r))}.display(),
                                                  "the element <" + std::string(local_name(r)) +
                                                      "> is not a <return>; it was not read"});
                continue;
            }
            ++k;
            reader.read_return(r, "/returns/return[" + std::to_string(k) + "]", "return " + std::to_string(k));
        }
        if (result.returns.empty() && !records) throw ImportError(file.name, "has a <returns> element with no <return> in it");
    } else {
        throw ImportError(file.name, "is XML, but not a fairgate return: its root element is <" + std::string(local_name(root)) +
                                         ">, not <return> or <returns> (see docs/xml-returns.md)");
    }
    return result;
}

}  // namespace

ImportResult read_xml_returns(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields) {
    return read_xml(file, bytes, fields, nullptr);
}

std::vector<Record> xml_return_records(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields) {
    std::vector<Record> records;
    read_xml(file, bytes, fields, &records);
    return records;
}

}  // namespace fairgate::importers
