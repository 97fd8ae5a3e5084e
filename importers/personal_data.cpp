#include "importers/personal_data.hpp"

#include <algorithm>
#include <unordered_set>

#include "importers/import_error.hpp"
#include "model/field.hpp"

namespace fairgate::importers {
namespace {

// Normalised labels (lower case, words only) that name or locate one person.
const std::unordered_set<std::string>& identifying_labels() {
    static const std::unordered_set<std::string> s = {
        "name", "full name", "first name", "first names", "forename", "forenames", "surname", "last name",
        "given name", "family name", "middle name", "client name", "service user name", "service user",
        "resident name", "person name", "patient name", "employee name", "staff name", "user name",
        "date of birth", "dob", "d o b", "birth date", "birthdate", "date birth",
        "ni number", "ni no", "nino", "national insurance number", "national insurance no", "national insurance",
        "nhs number", "nhs no", "address", "home address", "street address", "address line 1", "address 1",
        "email", "email address", "phone", "telephone", "mobile"};
    return s;
}

// Normalised labels of a protected characteristic (Equality Act 2010 s.4) held per person.
const std::unordered_set<std::string>& characteristic_labels() {
    static const std::unordered_set<std::string> s = {
        "ethnicity", "ethnic group", "ethnic origin", "ethnic background", "race", "nationality",
        "religion", "religion or belief", "religion belief", "faith", "belief",
        "sexual orientation", "sexuality",
        "disability", "disabled", "disability status", "has disability", "disability type",
        "gender reassignment", "gender identity", "trans", "transgender",
        "pregnancy", "pregnant", "maternity", "pregnancy maternity", "pregnancy and maternity",
        "marital status", "marriage civil partnership", "marriage and civil partnership", "civil partnership",
        "sex", "gender", "age"};
    return s;
}

}  // namespace

std::optional<PersonalDataFinding> find_personal_data(const std::vector<std::string>& labels) {
    std::optional<size_t> identifying, characteristic;
    for (size_t i = 0; i < labels.size() && !(identifying && characteristic); ++i) {
        // Only short labels can be one of ours; skipping long ones keeps the check cheap.
        if (labels[i].size() > 64) continue;
        const std::string norm = FieldDictionary::normalise_label(labels[i]);
        if (!identifying && identifying_labels().count(norm)) identifying = i;
        else if (!characteristic && characteristic_labels().count(norm)) characteristic = i;
    }
    if (identifying && characteristic) return PersonalDataFinding{*identifying, *characteristic};
    return std::nullopt;
}

std::string personal_data_message(const std::string& identifying, const std::string& characteristic,
                                  const char* what) {
    return std::string("is refused because it holds individual-level personal data: the ") + what + " '" +
           identifying + "' identifies a person and sits beside '" + characteristic +
           "', a protected characteristic. Equality monitoring returns must hold aggregate shares only "
           "(for example the share of service users with ethnicity recorded), never records about "
           "individuals. The file was not read; delete it securely and send the aggregate return instead";
}

void refuse_personal_data(const Grid& grid, size_t rows_begin, size_t rows_end) {
    rows_end = std::min(rows_end, grid.rows.size());
    std::vector<std::string> labels;
    std::vector<std::pair<size_t, size_t>> places;  // (row, column) of each label
    auto refuse = [&](const PersonalDataFinding& f, const char* what) {
        const auto [row, column] = places[f.identifying];
        throw ImportError(grid.where(row, column).display(),
                          personal_data_message(labels[f.identifying], labels[f.characteristic], what),
                          ImportError::Kind::PersonalData);
    };
    std::vector<std::string> first_labels;
    std::vector<std::pair<size_t, size_t>> first_places;
    for (size_t r = rows_begin; r < rows_end; ++r) {
        labels.clear();
        places.clear();
        for (const CellRow::Entry& e : grid.rows[r]) {
            if (e.cell.kind != Cell::Kind::Text || e.cell.text.size() > 64) continue;
            labels.push_back(e.cell.text);
            places.emplace_back(r, e.column);
        }
        if (!labels.empty()) {
            first_labels.push_back(labels.front());
            first_places.push_back(places.front());
        }
        if (auto f = find_personal_data(labels)) refuse(*f, "column");
    }
    labels = std::move(first_labels);
    places = std::move(first_places);
    if (auto f = find_personal_data(labels)) refuse(*f, "label");
}

}  // namespace fairgate::importers
