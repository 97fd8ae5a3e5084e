#include "importers/reading_plan.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace fairgate::importers {

std::string FileReading::note() const {
    if (!mapping) return {};
    return "headings read with the template mapping " + fs::path(mapping->path).filename().string();
}

ReadingPlan::ReadingPlan(const FieldDictionary& fields, std::vector<TemplateMapping> mappings)
    : fields_(&fields), mappings_(std::move(mappings)) {
    mapped_fields_.reserve(mappings_.size());
    for (const auto& m : mappings_) mapped_fields_.push_back(m.extend(fields));
}

FileReading ReadingPlan::reading(const std::string& path) const {
    for (size_t i = 0; i < mappings_.size(); ++i) {
        if (mappings_[i].applies(path)) return FileReading{&mapped_fields_[i], &mappings_[i]};
    }
    return FileReading{fields_, nullptr};
}

}  // namespace fairgate::importers
