#include "cli/inspect_command.hpp"

#include <sysexits.h>

#include <cstdio>
#include <filesystem>

#include "importers/import.hpp"
#include "model/content_hash.hpp"

namespace fairgate::cli {
namespace {

namespace fs = std::filesystem;

// JSON string literal; control characters escaped, UTF-8 passed through.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                    out += buffer;
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

const char* state_name(const Value& v) {
    switch (v.state()) {
        case Value::State::Absent: return "absent";
        case Value::State::Valid: return "valid";
        case Value::State::Invalid: return "invalid";
        case Value::State::NotApplicable: return "not-applicable";
        case Value::State::NotPublished: return "not-published";
    }
    return "absent";
}

// ---- text ----

void text_fields(const Record& record, const FieldDictionary& fields, std::ostream& out) {
    for (const auto& [id, a] : record.answers()) {
        out << "    " << fields.at(id).name << " = " << a.value.display();
        const std::string& typed = a.typed();
        if (!typed.empty() && a.value.is_valid() && typed != a.value.display()) out << "  (typed \"" << typed << "\")";
        out << "  @ " << a.where.display() << "\n";
    }
}

void text_result(const importers::ImportResult& r, const FieldDictionary& fields, std::ostream& out) {
    out << "  format: " << r.format << "\n";
    for (const Contract& c : r.contracts) {
        out << "  contract " << c.id << (c.title.empty() ? "" : ": " + c.title) << "\n";
        text_fields(c.fields, fields, out);
    }
    for (const Tender& t : r.tenders) {
        out << "  tender " << t.id << (t.title.empty() ? "" : ": " + t.title) << "\n";
        text_fields(t.fields, fields, out);
    }
    for (const SupplierReturn& s : r.returns) {
        out << "  " << to_string(s.kind) << " return " << s.id() << (s.supplier_name.empty() ? "" : " from " + s.supplier_name)
            << "\n";
        text_fields(s.answers, fields, out);
    }
    if (r.notes.empty()) {
        out << "  no notes: every column and question was recognised\n";
    } else {
        out << "  notes (" << r.notes.size() << "):\n";
        for (const ImportNote& n : r.notes) out << "    " << n.where << ": " << n.message << "\n";
    }
}

// ---- JSON ----

std::string json_fields(const Record& record, const FieldDictionary& fields) {
    std::string s = "[";
    bool first = true;
    for (const auto& [id, a] : record.answers()) {
        if (!first) s += ",";
        first = false;
        s += "{\"field\":" + quoted(fields.at(id).name) + ",\"type\":" + quoted(std::string(to_string(fields.at(id).type))) +
             ",\"state\":" + quoted(state_name(a.value)) + ",\"value\":" + quoted(a.value.canonical()) +
             ",\"display\":" + quoted(a.value.display());
        if (a.value.is_invalid()) s += ",\"reason\":" + quoted(a.value.invalid_reason());
        s += ",\"raw\":" + quoted(a.typed()) + ",\"where\":" + quoted(a.where.display()) + "}";
    }
    return s + "]";
}

std::string json_result(const std::string& file, const importers::ImportResult& r, const FieldDictionary& fields) {
    std::string s = "{\"file\":" + quoted(file) + ",\"format\":" + quoted(r.format) + ",\"contracts\":[";
    for (size_t i = 0; i < r.contracts.size(); ++i) {
        const Contract& c = r.contracts[i];
        if (i) s += ",";
        s += "{\"id\":" + quoted(c.id) + ",\"tender\":" + quoted(c.tender_id) + ",\"title\":" + quoted(c.title) +
             ",\"supplier_id\":" + quoted(c.supplier_id) + ",\"supplier_name\":" + quoted(c.supplier_name) +
             ",\"start\":" + (c.start ? quoted(c.start->iso()) : "null") + ",\"end\":" + (c.end ? quoted(c.end->iso()) : "null") +
             ",\"fields\":" + json_fields(c.fields, fields) + "}";
    }
    s += "],\"tenders\":[";
    for (size_t i = 0; i < r.tenders.size(); ++i) {
        const Tender& t = r.tenders[i];
        if (i) s += ",";
        s += "{\"id\":" + quoted(t.id) + ",\"title\":" + quoted(t.title) + ",\"category\":" + quoted(t.category) +
             ",\"fields\":" + json_fields(t.fields, fields) + "}";
    }
    s += "],\"returns\":[";
    for (size_t i = 0; i < r.returns.size(); ++i) {
        const SupplierReturn& ret = r.returns[i];
        if (i) s += ",";
        s += "{\"id\":" + quoted(ret.id()) + ",\"kind\":" + quoted(std::string(to_string(ret.kind))) +
             ",\"tender\":" + quoted(ret.tender_id) + ",\"contract\":" + quoted(ret.contract_id) +
             ",\"supplier_id\":" + quoted(ret.supplier_id) + ",\"supplier_name\":" + quoted(ret.supplier_name) +
             ",\"period\":" + (ret.period ? quoted(ret.period->label()) : "null") +
             ",\"submitted\":" + (ret.submitted ? quoted(ret.submitted->iso()) : "null") +
             ",\"answers\":" + json_fields(ret.answers, fields) + "}";
    }
    s += "],\"notes\":[";
    for (size_t i = 0; i < r.notes.size(); ++i) {
        if (i) s += ",";
        s += "{\"where\":" + quoted(r.notes[i].where) + ",\"message\":" + quoted(r.notes[i].message) + "}";
    }
    return s + "]}";
}

}  // namespace

int inspect_command(const std::vector<std::string>& paths, bool json, bool cells,
                    const importers::ReadingPlan& reading, std::ostream& out, std::ostream& err) {
    if (paths.empty()) {
        err << "fairgate inspect: name a file to inspect (fairgate inspect FILE [--json] [--cells])\n";
        return EX_USAGE;
    }
    int status = EX_OK;
    auto refused = [&](const std::string& name, const std::string& reason) {
        if (json || cells) out << "{\"file\":" << quoted(name) << ",\"error\":" << quoted(reason) << "}\n";
        else err << name << ": " << reason << "\n";
        if (status == EX_OK) status = EX_DATAERR;
    };
    for (const std::string& path : paths) {
        std::error_code ec;
        const std::string name = fs::path(path).filename().string();
        if (!fs::is_regular_file(path, ec)) {
            err << "fairgate inspect: " << path << ": no such file\n";
            status = EX_NOINPUT;
            continue;
        }
        SourceFile file{name, path, std::string(), static_cast<uint64_t>(fs::file_size(path, ec))};
        try {
            if (cells) {
                for (const importers::RawCell& c : importers::read_cells(file)) {
                    out << "{\"file\":" << quoted(name) << ",\"sheet\":" << (c.sheet.empty() ? "null" : quoted(c.sheet))
                        << ",\"cell\":" << quoted(c.cell) << ",\"type\":" << quoted(c.type) << ",\"value\":" << quoted(c.value)
                        << "}\n";
                }
                continue;
            }
            file.sha256 = sha256_of_file(path);
            const FieldDictionary& fields = *reading.reading(path).fields;
            const importers::ImportResult r = importers::import_file(file, fields);
            if (json) {
                out << json_result(name, r, fields) << "\n";
            } else {
                out << name << "\n";
                text_result(r, fields, out);
            }
        } catch (const importers::ImportError& e) {
            refused(name, "refused: " + e.describe());
        } catch (const std::exception& e) {
            refused(name, std::string("could not be read: ") + e.what());
        }
    }
    return status;
}

}  // namespace fairgate::cli
