#pragma once
// Writing a test's input files.

#include <filesystem>
#include <fstream>
#include <string>

namespace fairgate::test {

/// Writes `bytes` to `path` as they are, creating its folders; replaces a file already there.
inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace fairgate::test
