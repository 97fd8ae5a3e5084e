#pragma once
// Template mappings: a supplier's or portal's own column headings and question labels,
// mapped onto the rulebook's fields, for exports whose words the field dictionary does not
// know. One file per template, `NAME.mapping.csv`, kept in a folder the officer names:
//
//   # applies to: kentish-environmental-*.csv
//   heading,field
//   Tonnes CO2e avoided,sv.carbon_tonnes
//   Local hires (FTE),sv.local_jobs
//
// Lines starting with '#' are comments, except "# applies to: PATTERN" (repeatable), which
// says which input files the mapping is for (shell patterns on the file name, ignoring
// case). The first line that is not a comment is the header `heading,field`.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/field.hpp"

namespace fairgate::importers {

/// A mapping file that cannot be used. what() is "FILE:LINE: problem".
class MappingError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct TemplateMapping {
    std::string path;                                     ///< The mapping file.
    std::vector<std::string> applies_to;                  ///< File-name patterns.
    std::vector<std::pair<std::string, FieldId>> labels;  ///< Heading -> field.

    /// Whether an input file of this name is one of the template's.
    bool applies(const std::string& file_name) const;
    /// The dictionary with this template's headings added as aliases. Throws MappingError if
    /// a heading already names another field.
    FieldDictionary extend(const FieldDictionary& fields) const;
};

/// Reads every `*.mapping.csv` in `dir`, in name order, checking each field name against
/// `fields`. Throws MappingError naming the file and line of the first problem (no
/// `applies to` line, an unknown field, a malformed line, a folder that cannot be read).
/// Which of them reads a given file is ReadingPlan's to say (importers/reading_plan.hpp).
std::vector<TemplateMapping> load_template_mappings(const std::string& dir, const FieldDictionary& fields);

}  // namespace fairgate::importers
