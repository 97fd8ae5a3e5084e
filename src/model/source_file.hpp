#pragma once
// An input file as fairgate received it.

#include <cstdint>
#include <string>

namespace fairgate {

/// Identity of an input file. The SHA-256 of the content is the key: the same bytes under
/// another name are the same file, and are imported once.
struct SourceFile {
    std::string name;    ///< File name as received, no directory: what provenance shows.
    std::string path;    ///< Where it was read from on this machine.
    std::string sha256;  ///< Lower-case hex.
    uint64_t size = 0;
};

}  // namespace fairgate
