#pragma once
// What the report tests share: the shipped rulebook, a fresh folder per test, a file's bytes.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "rulebook/rulebook_loader.hpp"

namespace fairgate::test {

/// rules/bexley.xml, loaded once.
inline const Rulebook& bexley() {
    static const Rulebook rb = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    return rb;
}

/// A fresh, empty folder for one test: FAIRGATE_TEST_TMP/reports/<name>.
inline std::filesystem::path scratch(const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(FAIRGATE_TEST_TMP) / "reports" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace fairgate::test
