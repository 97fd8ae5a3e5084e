// CSV returns, registers and exports as the batch reads them: import_file_in_batches on the
// file, once on the caller's thread and once cut into tiny stretches typed on two worker
// threads. ImportError is a normal outcome; anything else escaping is a finding, and so is
// any difference between the two readings, which ImportLimits::threads promises are the same
// ("Returns, notes, batches and errors are the same either way").

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "importers/import.hpp"
#include "importers/importer_fixture.hpp"

namespace {

using namespace fairgate;
using namespace fairgate::importers;

// Everything one reading gave: the file's result, then each batch; or the error.
std::string read_all(const SourceFile& file, const ImportLimits& limits) {
    const FieldDictionary& fields = fuzz::bexley().fields;
    std::string out;
    try {
        const ImportResult result = import_file_in_batches(file, fields, 3, [&](ImportBatch& batch) {
            ImportResult r;
            r.returns = std::move(batch.returns);
            r.notes = std::move(batch.notes);
            out += "---- batch\n" + test::dump(r, fields);
        }, limits);
        out = test::dump(result, fields) + out;
    } catch (const ImportError& e) {
        out += "ImportError " + e.describe();
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const SourceFile file = fuzz::write_input("return.csv", data, size);

        ImportLimits one_thread;
        one_thread.threads = 1;
        ImportLimits workers;
        workers.threads = 2;
        workers.parallel_from_bytes = 1;      // this small input too
        // About eight stretches whatever the input's size: guessed record starts all over it,
        // some inside quoted fields (tinier stretches only made each run slower).
        workers.parallel_stretch_bytes = std::max<uint64_t>(16, size / 8);
        const std::string alone = read_all(file, one_thread);
        const std::string shared = read_all(file, workers);
        if (alone != shared) {
            std::fprintf(stderr, "fuzz_csv: two worker threads read differently from one\n---- one thread\n%s\n"
                                 "---- two workers\n%s\n", alone.c_str(), shared.c_str());
            std::abort();
        }

        // What `fairgate inspect --cells` shows.
        try {
            (void)read_cells(file);
        } catch (const ImportError&) {
        }
    } catch (const std::exception& e) {
        fuzz::undocumented("fuzz_csv", e.what());
    }
    return 0;
}
