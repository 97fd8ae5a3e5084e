#include "model/tender.hpp"

namespace fairgate {

Contract contract_before_award(const Tender& tender, const FieldDictionary& dictionary) {
    Contract c;
    c.tender_id = tender.id;
    c.title = tender.title;
    c.category = tender.category;
    c.fields = tender.fields;
    c.source_sha256 = tender.source_sha256;
    c.source_name = tender.source_name;
    auto date_of = [&](const char* name) -> std::optional<Date> {
        const FieldDef* f = dictionary.find(name);
        if (!f) return std::nullopt;
        const Value& v = tender.fields.value(f->id);
        return v.is_valid() && v.type() == FieldType::Date ? std::optional<Date>(v.as_date()) : std::nullopt;
    };
    c.start = date_of("contract.start");
    c.end = date_of("contract.end");
    return c;
}

}  // namespace fairgate
