#pragma once
// Which dictionary reads an input file: the rulebook's own, or the rulebook's extended by the
// template mapping that applies to the file. `fairgate run` and the service (both through
// run_batch), `fairgate inspect` and `fairgate rules explain` all ask a ReadingPlan, so a file
// reads the same whichever of them reads it.

#include <string>
#include <vector>

#include "importers/template_mapping.hpp"
#include "model/field.hpp"

namespace fairgate::importers {

/// How one file is read. Points into the ReadingPlan that gave it.
struct FileReading {
    /// The dictionary its headings and labels are matched against: the rulebook's, or the
    /// rulebook's with `mapping`'s headings added. Field ids are the rulebook's either way.
    const FieldDictionary* fields = nullptr;
    const TemplateMapping* mapping = nullptr;  ///< The template mapping that applies; nullptr: none.

    /// "headings read with the template mapping kentish-portal.mapping.csv" (the mapping's file
    /// name), for the run's notes on the file; empty when no mapping applies.
    std::string note() const;
};

/// The rulebook's dictionary and the template mappings an officer gave (`--mappings DIR`,
/// `fairgate.mappings`, as load_template_mappings read them). A file is read with the first
/// mapping, in the mappings' file-name order, that applies to its name, else with the
/// rulebook's dictionary alone.
class ReadingPlan {
public:
    /// `fields` is the rulebook's dictionary and must outlive the plan. Each mapping's
    /// dictionary is built here, once, not per file; throws MappingError if a mapping's heading
    /// already names another field (load_template_mappings has checked that already).
    explicit ReadingPlan(const FieldDictionary& fields, std::vector<TemplateMapping> mappings = {});

    /// How the file at `path` is read; only its file name counts, as the patterns are names.
    FileReading reading(const std::string& path) const;

    const std::vector<TemplateMapping>& mappings() const { return mappings_; }

private:
    const FieldDictionary* fields_;
    std::vector<TemplateMapping> mappings_;
    std::vector<FieldDictionary> mapped_fields_;  // by index of mappings_
};

}  // namespace fairgate::importers
