#pragma once
// A synthetic portfolio of any size, for benchmarks: N contracts, each with its awarded
// supplier's tender return and Q quarterly returns, a share of them as XLSX forms. Every
// contract is generated from (seed, its index) alone, so the output is the same for a seed
// however many processes write it.

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "portfolio_writer.hpp"

namespace fairgate::gen {

struct SyntheticOptions {
    size_t contracts = 10'000;
    int quarters = 4;           ///< Quarterly returns per contract, ending with 2026-Q2.
    uint64_t seed = 1;
    double xlsx_share = 0.5;    ///< Share of returns written as XLSX forms; the rest as CSV.
    unsigned jobs = 0;          ///< Writer processes; 0 = one per hardware thread.
};

WriteCounts write_synthetic(const std::filesystem::path& inbox, const SyntheticOptions& options);

}  // namespace fairgate::gen
