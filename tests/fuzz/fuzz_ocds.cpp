// Contracts published as OCDS JSON or JSON Lines, through import_file as the batch reads
// them. ImportError is a normal outcome; anything else escaping is a finding.

#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "importers/import.hpp"

using namespace fairgate;
using namespace fairgate::importers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const SourceFile file = fuzz::write_input("releases.json", data, size);
        try {
            (void)import_file(file, fuzz::bexley().fields);
        } catch (const ImportError&) {
        }
    } catch (const std::exception& e) {
        fuzz::undocumented("fuzz_ocds", e.what());
    }
    return 0;
}
