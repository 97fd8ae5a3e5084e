#pragma once
// CSV in the table layout: e-tendering portal exports, supplier system exports and the
// contract register. RFC 4180 quoting, so titles and money with commas survive.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "portfolio.hpp"

namespace fairgate::gen {

/// The field as it goes into a line: quoted when it holds the delimiter, a quote or a newline.
std::string csv_field(std::string_view text, char delimiter);

/// "31/03/2026", as the council and most portals write dates.
std::string dmy(Date d);

/// One row per return, all of one kind, in `style`.
void write_returns_csv(const std::filesystem::path& path, const std::vector<const Return*>& returns,
                       const CsvStyle& style);

/// The council's contract register with the Transparency Code headings of docs/input-formats.md.
void write_register_csv(const std::filesystem::path& path, const std::vector<ContractRow>& contracts);

/// The procurement team's tender pipeline, with the headings of docs/input-formats.md.
void write_pipeline_csv(const std::filesystem::path& path, const std::vector<TenderRow>& tenders);

}  // namespace fairgate::gen
