#include "importers/contract_register.hpp"

#include "importers/import_error.hpp"
#include "model/service_area.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

const Value* value_of(const Record& r, const FieldDictionary& fields, FieldRole role) {
    const FieldDef* f = fields.find(role);
    if (!f) return nullptr;
    const Answer* a = r.get(f->id);
    return a && a->value.is_valid() ? &a->value : nullptr;
}

std::string text_of(const Record& r, const FieldDictionary& fields, FieldRole role) {
    const Value* v = value_of(r, fields, role);
    return v ? std::string(trim(v->canonical())) : std::string();
}


}  // namespace

bool is_contract_register(const TableHeading& heading, const FieldDictionary& fields) {
    return heading.has(fields, FieldRole::ContractId) && heading.has(fields, FieldRole::ContractTitle);
}

bool is_tender_pipeline(const TableHeading& heading, const FieldDictionary& fields) {
    return heading.has(fields, FieldRole::TenderId) && heading.has(fields, FieldRole::ContractTitle) &&
           !heading.has(fields, FieldRole::ContractId) && !heading.has(fields, FieldRole::SupplierId) &&
           !heading.has(fields, FieldRole::SupplierName);
}

std::vector<Contract> read_contracts(const Grid& grid, std::vector<TableRow> rows, const FieldDictionary& fields,
                                     const SourceFile& file) {
    std::vector<Contract> contracts;
    const std::string where = grid.csv ? file.name : file.name + "!" + grid.sheet;
    for (TableRow& row : rows) {
        Contract c;
        c.id = text_of(row.record, fields, FieldRole::ContractId);
        if (c.id.empty()) throw ImportError(where, grid.row_name(row.row) + " has no contract reference");
        c.tender_id = text_of(row.record, fields, FieldRole::TenderId);
        c.title = text_of(row.record, fields, FieldRole::ContractTitle);
        c.category = service_area(text_of(row.record, fields, FieldRole::ContractCategory));
        c.supplier_id = text_of(row.record, fields, FieldRole::SupplierId);
        c.supplier_name = text_of(row.record, fields, FieldRole::SupplierName);
        c.fields = std::move(row.record);
        c.take_term(fields);
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
        t.id = text_of(row.record, fields, FieldRole::TenderId);
        if (t.id.empty()) throw ImportError(where, grid.row_name(row.row) + " has no tender reference");
        t.title = text_of(row.record, fields, FieldRole::ContractTitle);
        t.category = service_area(text_of(row.record, fields, FieldRole::ContractCategory));
        t.fields = std::move(row.record);
        t.source_sha256 = file.sha256;
        t.source_name = file.name;
        tenders.push_back(std::move(t));
    }
    return tenders;
}

}  // namespace fairgate::importers
