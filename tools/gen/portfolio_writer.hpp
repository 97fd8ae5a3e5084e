#pragma once
// Turns a Portfolio into files under an inbox directory.

#include <cstddef>
#include <filesystem>

#include "portfolio.hpp"

namespace fairgate::gen {

struct WriteCounts {
    size_t files = 0;
    size_t xlsx = 0;
    size_t csv = 0;
    size_t returns = 0;
    WriteCounts& operator+=(const WriteCounts& o) {
        files += o.files; xlsx += o.xlsx; csv += o.csv; returns += o.returns;
        return *this;
    }
};

/// Writes the register (if the portfolio has one) and every output file, creating folders.
WriteCounts write_portfolio(const std::filesystem::path& inbox, const Portfolio& portfolio);

}  // namespace fairgate::gen
