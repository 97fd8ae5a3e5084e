#include "model/contract.hpp"

#include "model/company_number.hpp"

namespace fairgate {

void Contract::take_term(const FieldDictionary& dictionary) {
    auto date_of = [&](FieldRole role) -> std::optional<Date> {
        const FieldDef* f = dictionary.find(role);
        if (!f) return std::nullopt;
        const Value& v = fields.value(f->id);
        return v.is_valid() && v.type() == FieldType::Date ? std::optional<Date>(v.as_date()) : std::nullopt;
    };
    start = date_of(FieldRole::ContractStart);
    end = date_of(FieldRole::ContractEnd);
}

bool Contract::supplied_by(std::string_view other) const { return same_supplier(supplier_id, other); }

}  // namespace fairgate
