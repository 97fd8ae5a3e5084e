#pragma once
// A row of a public register that bidders are checked against: the government's gender pay
// gap service data, one employer a row.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"

namespace fairgate {

/// The employer size bands of the gender pay gap service, as it publishes them.
enum class EmployerSizeBand : uint8_t {
    NotProvided,   ///< "Not Provided"
    Under250,      ///< "Less than 250" (reported voluntarily)
    From250To499,  ///< "250 to 499"
    From500To999,  ///< "500 to 999"
    From1000To4999,   ///< "1000 to 4999"
    From5000To19999,  ///< "5000 to 19,999"
    From20000,        ///< "20,000 or more"
};
/// The band as the service writes it ("250 to 499").
std::string_view to_string(EmployerSizeBand band);
/// The service's text for a band (case and spaces ignored, "19999" as "19,999"); nullopt
/// for any other text.
std::optional<EmployerSizeBand> parse_employer_size_band(std::string_view text);
/// The fewest employees the band means (250 for "250 to 499", 0 for "Less than 250");
/// nullopt for NotProvided.
std::optional<int64_t> minimum_employees(EmployerSizeBand band);

/// The register a row belongs to. The only one read today is the gender pay gap service.
inline constexpr std::string_view kGenderPayGapRegister = "gender pay gap service";

/// One employer's row of one year of a public register, as imported. Identified by
/// (register, year, row); looked up by company number, then by name.
struct RegisterEntry {
    std::string register_name = std::string(kGenderPayGapRegister);
    std::string year;              ///< Reporting year: "2021-22".
    /// The row as a spreadsheet shows the file: the heading is row 1, the first employer row 2
    /// (a multi-line cell does not add rows).
    uint32_t row = 0;
    std::string employer_name;     ///< As published.
    std::string company_number;    ///< supplier_key of the published number; "" when none is given.
    std::string name_key;          ///< normalise_organisation_name of employer_name.
    EmployerSizeBand size_band = EmployerSizeBand::NotProvided;
    std::optional<Date> submitted;  ///< DateSubmitted (the day).
    bool late = false;              ///< SubmittedAfterTheDeadline.
    /// DiffMedianHourlyPercent as published: 3.7 means women's median hourly pay is 3.7%
    /// below men's; negative, above. nullopt when blank.
    std::optional<double> median_gap_percent;
    std::string source_sha256;  ///< The file it came from.
    std::string source_name;

    /// The median gap as the service publishes it: the shortest decimal that reads back as
    /// the number ("-4.4", "16"); "" when blank.
    std::string median_gap_text() const;
    /// How a finding cites the register: "gender pay gap service 2021-22".
    std::string citation() const { return register_name + " " + year; }
    /// The row's place, as a provenance locator: "row 3".
    std::string place() const { return "row " + std::to_string(row); }
};

}  // namespace fairgate
