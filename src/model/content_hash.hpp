#pragma once
// Content hashes: the identity of input files and rulebooks.

#include <string>
#include <string_view>

namespace fairgate {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
/// Lower-case hex SHA-256 of a file's bytes, read in blocks. Throws std::runtime_error
/// naming the file if it cannot be read.
std::string sha256_of_file(const std::string& path);

}  // namespace fairgate
