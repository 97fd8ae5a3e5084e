#pragma once
// Shared by the fuzz targets: the shipped rulebook (loaded once, as the batch loads it) and
// inputs written to a file, since the importers' entry points read files by path (as the
// batch calls them) rather than bytes.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "model/source_file.hpp"
#include "rulebook/rulebook.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fairgate::fuzz {

/// rules/bexley.xml: its field dictionary is what every importer maps headings onto.
inline const Rulebook& bexley() {
    static const Rulebook book = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    return book;
}

/// A scratch folder of this process's own (libFuzzer's -jobs run several processes), in
/// memory where the machine has /dev/shm: a file is written for every input tried. Removed
/// when the process exits normally (a crash leaves it, with the input, for a look).
inline const std::filesystem::path& scratch_dir() {
    // Never destroyed, so that the exit handler can still read it after static destructors.
    static const std::filesystem::path* const dir = [] {
        const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
        auto* d = new std::filesystem::path(base / ("fairgate-fuzz-" + std::to_string(::getpid())));
        std::filesystem::create_directories(*d);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(scratch_dir(), ignored);
        });
        return d;
    }();
    return *dir;
}

/// Writes the input to `name` in the scratch folder and describes it as the batch would (the
/// hash is not worked out: no importer reads it).
inline SourceFile write_input(const std::string& name, const uint8_t* data, size_t size) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                  static_cast<std::streamsize>(size));
    return SourceFile{name, path.string(), "", size};
}

/// An exception the reader does not document escaped: a finding. Say what it was (libFuzzer
/// only sees the abort) and abort, which libFuzzer reports as a crash with this input saved.
[[noreturn]] inline void undocumented(const char* target, const char* what) {
    std::fprintf(stderr, "%s: undocumented exception escaped: %s\n", target, what);
    std::abort();
}

}  // namespace fairgate::fuzz
