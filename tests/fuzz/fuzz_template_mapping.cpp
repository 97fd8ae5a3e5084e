// Template mapping files (`NAME.mapping.csv`): loaded from a folder as `--mappings DIR` loads
// them, checked against the rulebook's dictionary, used to extend the dictionary, and matched
// to a file name by a ReadingPlan. MappingError is a normal outcome; anything else escaping is
// a finding.

#include <cstdint>
#include <filesystem>

#include "fuzz/fuzz_support.hpp"
#include "importers/reading_plan.hpp"
#include "importers/template_mapping.hpp"

using namespace fairgate;
using namespace fairgate::importers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        // A folder holding only this mapping, so that every input is read on its own.
        static const std::filesystem::path dir = fuzz::scratch_dir() / "mappings";
        std::filesystem::create_directories(dir);
        (void)fuzz::write_input("mappings/portal.mapping.csv", data, size);
        const FieldDictionary& fields = fuzz::bexley().fields;
        try {
            const auto mappings = load_template_mappings(dir.string(), fields);
            for (const TemplateMapping& m : mappings) (void)m.extend(fields);
            const ReadingPlan plan(fields, mappings);
            for (const char* name : {"portal-export-2026-Q1.csv", "Return.XLSX", ""}) (void)plan.reading(name);
        } catch (const MappingError&) {
        }
    } catch (const std::exception& e) {
        fuzz::undocumented("fuzz_template_mapping", e.what());
    }
    return 0;
}
