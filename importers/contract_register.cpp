#include "importers/contract_register.hpp"

#include "importers/import_error.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

const Value* value_of(const Record& r, const FieldDictionary& fields, const char* name) {
    const FieldDef* f = fields.find(name);
    if (!f) return nullptr;
    const Answer* a = r.get(f->id);
    return a && a->value.is_valid() ? &a->value : nullptr;
}

std::string text_of(const Record& r, const FieldDictionary& fields, const char* name) {
    const Value* v = value_of(r, fields, name);
    return v ? std::string(trim(v->canonical())) : std::string();
}

std::optional<Date> date_of(const Record& r, const FieldDictionary& fields, const char* name) {
    const Value* v = value_of(r, fields, name);
    if (v && v->type() == FieldType::Date) return v->as_date();
    return std::nullopt;
}

}  // namespace

bool is_contract_register(const TableHeading& heading, const FieldDictionary& fields) {
    return heading.has(fields, "contract.id") && heading.has(fields, "contract.title");
}

bool is_tender_pipeline(const TableHeading& heading, const FieldDictionary& fields) {
    return heading.has(fields, "tender.id") && heading.has(fields, "contract.title") && !heading.has(fields, "contract.id") &&
           !heading.has(fields, "supplier.id") && !heading.has(fields, "supplier.name");
}

std::vector<Contract> read_contracts(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                     const SourceFile& file) {
    std::vector<Contract> contracts;
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    for (TableRow& row : rows) {
        Contract c;
        c.id = text_of(row.record, fields, "contract.id");
        if (c.id.empty()) throw ImportError(where, grid.row_name(row.row) + " has no contract reference");
        c.tender_id = text_of(row.record, fields, "tender.id");
        c.title = text_of(row.record, fields, "contract.title");
        c.category = text_of(row.record, fields, "contract.category");
        c.supplier_id = text_of(row.record, fields, "supplier.id");
        c.supplier_name = text_of(row.record, fields, "supplier.name");
        c.start = date_of(row.record, fields, "contract.start");
        c.end = date_of(row.record, fields, "contract.end");
        c.fields = std::move(row.record);
        c.source_sha256 = file.sha256;
        c.source_name = file.name;
        contracts.push_back(std::move(c));
    }
    return contracts;
}

std::vector<Tender> read_tenders(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                 const SourceFile& file) {
    std::vector<Tender> tenders;
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    for (TableRow& row : rows) {
        Tender t;
        t.id = text_of(row.record, fields, "tender.id");
        if (t.id.empty()) throw ImportError(where, grid.row_name(row.row) + " has no tender reference");
        t.title = text_of(row.record, fields, "contract.title");
        t.category = text_of(row.record, fields, "contract.category");
        t.fields = std::move(row.record);
        t.source_sha256 = file.sha256;
        t.source_name = file.name;
        tenders.push_back(std::move(t));
    }
    return tenders;
}

}  // namespace fairgate::importers
