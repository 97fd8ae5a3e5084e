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
    c.take_term(dictionary);
    return c;
}

}  // namespace fairgate
