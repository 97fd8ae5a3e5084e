#pragma once
// What the generator writes, independent of file format: the contract register, the returns,
// and which file holds which returns in which layout. The curated sample and the synthetic
// portfolio both build one of these; the writers turn it into files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/period.hpp"
#include "questions.hpp"

namespace fairgate::gen {

/// One answer as a supplier typed it into a form cell, with optional evidence text.
/// Yes/No and choice answers are text ("Yes", "N/A", "Level 2"), as people type them.
struct Cell {
    enum class Kind : uint8_t { Blank, Text, Integer, Number, Money, Percent, Date };
    Kind kind = Kind::Blank;
    double number = 0;     ///< Integer and Number; Money in pounds; Percent as a fraction.
    Date date;             ///< Kind::Date.
    std::string text;      ///< Kind::Text.
    std::string evidence;  ///< The form's "Evidence / comments" column.

    static Cell blank() { return {}; }
    static Cell str(std::string s) { Cell c; c.kind = Kind::Text; c.text = std::move(s); return c; }
    static Cell yes_no(bool v) { return str(v ? "Yes" : "No"); }
    static Cell integer(int64_t v) { Cell c; c.kind = Kind::Integer; c.number = static_cast<double>(v); return c; }
    static Cell num(double v) { Cell c; c.kind = Kind::Number; c.number = v; return c; }
    static Cell money(double pounds) { Cell c; c.kind = Kind::Money; c.number = pounds; return c; }
    static Cell percent(double fraction) { Cell c; c.kind = Kind::Percent; c.number = fraction; return c; }
    static Cell day(Date d) { Cell c; c.kind = Kind::Date; c.date = d; return c; }
    Cell with_evidence(std::string e) && { evidence = std::move(e); return std::move(*this); }
};

/// One row of the council's contract register.
struct ContractRow {
    std::string id;         ///< "BX-2025-0142"
    std::string tender_id;  ///< Empty for a direct award.
    std::string title;
    std::string service_area;
    std::string supplier_name;
    std::string supplier_id;
    std::string supplier_scale;  ///< micro / small / medium / large
    bool vcse = false;
    Date start, end;
    int64_t value_pounds = 0;
    bool service_to_residents = true;
    int notice_days = 90;
    int payment_days = 30;
    bool payment_in_advance = false;
    bool full_cost_recovery = true;
    int kpi_count = 3;
    std::optional<int> sv_weighting_pct;  ///< Blank in the register when not tendered.
    std::string funding_type = "Contract";  ///< As the register writes it: "Contract", "Grant", "SLA".
};

/// One row of the council's tender pipeline: a tender's own facts, before award.
struct TenderRow {
    std::string id;  ///< "BX-T-2026-031"
    std::string title;
    std::string service_area;
    int64_t estimated_pounds = 0;
    Date expected_start, expected_end;
    std::string funding_type;  ///< As the procurement team writes it: "Contract", "Grant", "SLA".
    bool service_to_residents = true;
    int sv_weighting_pct = 10;
    Date closing;
    int lots = 1;
};

/// One return: the header block and the answers, indexed as questions(kind).
struct Return {
    ReturnKind kind = ReturnKind::Tender;
    std::string tender_id;    ///< Tender returns.
    std::string contract_id;  ///< Quarterly returns.
    std::string supplier_id;
    std::string supplier_name;
    Quarter period;  ///< Quarterly returns.
    Date submitted;
    std::vector<Cell> answers;

    explicit Return(ReturnKind k) : kind(k), answers(questions(k).size()) {}
    Cell& at(std::string_view ref) { return answers[question_index(kind, ref)]; }
    const Cell& at(std::string_view ref) const { return answers[question_index(kind, ref)]; }
};

enum class FileFormat { XlsxForm, CsvTable };

/// Variations of the council template that suppliers really send.
struct FormLayout {
    bool guidance_sheet_first = false;  ///< A "Guidance" sheet before the form.
    int first_column = 0;               ///< 0 = Ref in column A; 1 = a margin column first.
    bool truncate = false;              ///< Write only the first half of the file's bytes.
};

/// How a system writes its CSV export.
struct CsvStyle {
    bool bom = false;
    char delimiter = ',';
    bool iso_dates = false;            ///< 2026-07-21 rather than 21/07/2026.
    bool percent_as_fraction = false;  ///< 0.85 rather than 85%.
    bool money_symbol = true;          ///< £1,250 rather than 1250.
    /// Canonical field names as headings (supplier systems) rather than the council's labels
    /// and "<ref> <words>" headings (e-tendering portals).
    bool canonical_headings = false;
};

/// One file to write: its path under the inbox, and the returns it holds.
struct OutputFile {
    std::string path;
    FileFormat format = FileFormat::XlsxForm;
    FormLayout form;
    CsvStyle csv;
    std::vector<size_t> returns;  ///< Indexes into Portfolio::returns; one for a form.
};

/// A scenario of the curated sample: what a file is meant to make the rules say.
struct Scenario {
    std::string file;
    std::string contract;
    std::string situation;
    std::string expected;
};

struct Portfolio {
    std::string register_path;  ///< Empty: no register in this portfolio (a synthetic chunk).
    std::vector<ContractRow> contracts;
    std::string pipeline_path;  ///< Empty: no tender pipeline in this portfolio.
    std::vector<TenderRow> tenders;
    std::vector<Return> returns;
    std::vector<OutputFile> files;
    std::vector<Scenario> scenarios;
};

}  // namespace fairgate::gen
