#include "reports/contract_workbook.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "model/company_number.hpp"
#include "model/contract_status.hpp"
#include "model/value.hpp"
#include "reports/contract_history.hpp"
#include "reports/evaluation_fingerprint.hpp"
#include "reports/finding_text.hpp"
#include "reports/workbook_file.hpp"
#include "reports/workbook_formats.hpp"
#include "reports/output_names.hpp"
#include "reports/workbook_text.hpp"

namespace fairgate::reports {

namespace fs = std::filesystem;
using detail::Formats;

// ---------------------------------------------------------------------------------------
// Path

namespace {

/// The period a workbook states: the latest quarterly return's, else the data date.
std::string report_period(const ContractReport& report) {
    std::optional<Quarter> latest;
    for (const SupplierReturn* r : report.returns) {
        if (r && r->kind == ReturnKind::Quarterly && r->period && (!latest || *latest < *r->period)) {
            latest = r->period;
        }
    }
    return latest ? latest->label() : report.data_date;
}

void require_contract(const ContractReport& report) {
    if (!report.contract) throw std::invalid_argument("contract workbook: the report has no contract");
}

}  // namespace

std::string workbook_path(const std::string& out_dir, const ContractReport& report) {
    require_contract(report);
    const std::string id = output_folder_name(report.contract->id);
    const std::string period = report_period(report);
    const std::string file = detail::safe_file_name(id + " " + (period.empty() ? "undated" : period) +
                                                    " compliance.xlsx", 200);
    return (fs::path(out_dir) / id / file).string();
}

// ---------------------------------------------------------------------------------------
// Workbook

namespace {

constexpr Outcome kWorstFirst[] = {Outcome::Fail, Outcome::Missing, Outcome::Refer,
                                   Outcome::Warn, Outcome::Pass,    Outcome::NotApplicable};
constexpr Severity kSeverities[] = {Severity::Mandatory, Severity::Major, Severity::Minor,
                                    Severity::Advisory};

/// One worksheet being written (text never a formula, rows grown to show wrapped text: see
/// SheetWriter), with the contract workbook's tables.
class Sheet : public detail::SheetWriter {
public:
    using SheetWriter::SheetWriter;

    /// An Excel table (header row, autofilter, banding) over `rows` data rows, with the
    /// header frozen (print_setup repeats it on printed pages). Excel needs at least one data
    /// row, so an empty table keeps one blank row.
    void table(const char* name, const std::vector<const char*>& headers, lxw_row_t rows) {
        SheetWriter::table(name, 0, std::vector<std::string>(headers.begin(), headers.end()), rows);
        worksheet_freeze_panes(get(), 1, 0);
    }
};

/// Everything the sheets share while one workbook is built.
struct Build {
    const ContractReport& report;
    const Contract& contract;
    lxw_workbook* wb;
    Formats formats;
    detail::WorkbookErrors& errors;
    std::vector<const Finding*> sorted;              ///< Worst first.
    std::map<std::string, std::string> supplier_names;  ///< supplier_key of a supplier id -> name.

    /// What every printed page says, the same on every sheet: the contract and period at the
    /// top, its title and the page number at the bottom. Each sheet calls print_setup with it
    /// once written (A4 landscape, see SheetWriter::print_setup).
    detail::PageText page;

    Sheet add_sheet(const char* name) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, name);
        if (!ws) throw std::runtime_error(std::string("cannot add worksheet ") + name);
        return Sheet(ws, errors);
    }

    /// "Name (id)" for a supplier id as typed, whichever spelling of it named the supplier.
    std::string supplier(const std::string& id) const {
        auto it = supplier_names.find(supplier_key(id));
        if (it == supplier_names.end() || it->second.empty()) return id;
        if (id.empty()) return it->second;
        return it->second + " (" + id + ")";
    }
};

/// The subject of a finding as an officer names it: the quarter, the bid, or the contract.
std::string period_or_return(const Finding& f) {
    switch (f.stage) {
        case Stage::Quarterly: return f.period.empty() ? f.subject_id : f.period;
        case Stage::Tender: return "Tender " + (f.tender_id.empty() ? f.subject_id : f.tender_id);
        case Stage::Contract: return "Contract record";
    }
    return f.subject_id;
}

bool is_open(Outcome o) { return o != Outcome::Pass && o != Outcome::NotApplicable; }

bool is_serious(const Finding& f) {
    return (f.outcome == Outcome::Fail || f.outcome == Outcome::Missing) &&
           (f.severity == Severity::Mandatory || f.severity == Severity::Major);
}

/// The open findings an officer should act on first: failures and missing answers on
/// mandatory and major rules, then by severity and outcome; one per rule (its worst and
/// latest subject), at most kMaxActions.
constexpr std::size_t kMaxActions = 5;
std::vector<std::pair<const Finding*, int>> top_actions(const Build& b) {
    std::vector<const Finding*> open;
    for (const Finding* f : b.sorted) {
        if (is_open(f->outcome)) open.push_back(f);
    }
    std::stable_sort(open.begin(), open.end(), [](const Finding* x, const Finding* y) {
        if (is_serious(*x) != is_serious(*y)) return is_serious(*x);
        if (x->severity != y->severity) return x->severity < y->severity;
        return detail::worst_first_rank(x->outcome) < detail::worst_first_rank(y->outcome);
    });
    std::vector<std::pair<const Finding*, int>> actions;  // finding, other subjects of its rule
    std::map<std::string, std::size_t> by_rule;
    for (const Finding* f : open) {
        auto it = by_rule.find(f->rule_id);
        if (it != by_rule.end()) {
            ++actions[it->second].second;
        } else if (actions.size() < kMaxActions) {
            by_rule.emplace(f->rule_id, actions.size());
            actions.emplace_back(f, 0);
        }
    }
    return actions;
}

/// The subject of an action: the supplier for a bid, the quarter for a return.
std::string action_subject(const Build& b, const Finding& f) {
    switch (f.stage) {
        case Stage::Tender: return "Bid by " + b.supplier(f.supplier_id);
        case Stage::Quarterly: return f.period.empty() ? f.subject_id : f.period + " return";
        case Stage::Contract: return "Contract record";
    }
    return f.subject_id;
}

void write_summary(Build& b) {
    Sheet s = b.add_sheet("Summary");
    const Formats& f = b.formats;
    s.width(0, 34);
    s.width(1, 90, f.text);

    lxw_row_t row = 0;
    // Across the printed columns and wrapped: a long title would run past the page's edge.
    s.merged(row++, 0, 1, "Equality and social value compliance \xE2\x80\x94 " + b.contract.title, f.title);
    // Across both columns: in column A alone the paragraph would stand a page tall.
    s.merged(row++, 0, 1,
           "How to read this workbook: the overall status below comes from the worst finding; "
           "Findings lists every rule's verdict worst first, with what was expected, what was "
           "found and where; Returns lists the files judged and Return data every value read "
           "from them; History follows the key measures quarter by quarter; Evidence holds each "
           "value a rule read; Clauses quotes the policy each finding cites; Audit identifies "
           "the inputs and rulebook so the workbook can be reproduced.",
           f.note);
    ++row;

    const ContractStatus status = status_of(b.report.findings);
    s.text(row, 0, "Overall status", f.label);
    s.text(row++, 1, std::string(display_name(status)), f.status(status));
    s.text(row++, 1, std::string(status_rule_text()), f.note);
    ++row;

    lxw_row_t section = row;
    s.text(row++, 0, "Actions that matter most", f.heading);
    const auto actions = top_actions(b);
    if (actions.empty()) s.text(row++, 1, "No open findings.", f.note);
    int n = 0;
    for (const auto& [fi, others] : actions) {
        std::string line = detail::display_label(to_string(fi->outcome)) + ", " + std::string(to_string(fi->severity)) + " \xE2\x80\x94 " +
                           action_subject(b, *fi);
        if (others > 0) line += " (and " + std::to_string(others) + (others == 1 ? " other)" : " others)");
        line += ": " + (fi->remedy.empty() ? fi->message : fi->remedy);
        s.text(row, 0, std::to_string(++n) + ". " + (fi->rule_title.empty() ? fi->rule_id : fi->rule_title),
               f.outcome(fi->outcome));
        s.text(row++, 1, line, f.text);
    }
    s.section(section, row - 1);
    ++row;

    auto fact = [&](const char* name, const std::string& value) {
        s.text(row, 0, name, f.label);
        s.text(row++, 1, value.empty() ? "(not recorded)" : value, f.text);
    };
    // Dates and figures as Excel dates and numbers (they sort and add up), left-aligned
    // beside the text facts.
    auto date_fact = [&](const char* name, const std::optional<Date>& d) {
        if (!d) return fact(name, {});
        s.text(row, 0, name, f.label);
        s.date(row++, 1, *d, f.fact_date);
    };
    auto value_fact = [&](const char* name, const Answer* a) {
        if (!a || a->value.is_absent()) return fact(name, {});
        s.text(row, 0, name, f.label);
        detail::write_value(s, row++, 1, a->value, f, f.text, true);
    };
    section = row;
    s.text(row++, 0, "Contract", f.heading);
    fact("Contract reference", b.contract.id);
    fact("Title", b.contract.title);
    fact("Service area / category", b.contract.category);
    fact("Supplier", b.contract.supplier_name);
    fact("Supplier registration number", b.contract.supplier_id);
    fact("Tender reference", b.contract.tender_id);
    date_fact("Start", b.contract.start);
    date_fact("End", b.contract.end);
    if (const Rulebook* rb = b.report.rulebook) {
        for (const WorkbookContent::Fact& declared : rb->workbook.facts)
            value_fact(declared.label.c_str(), b.contract.fields.get(declared.field));
    }
    fact("Register source", b.contract.source_name);
    fact("Register source SHA-256", b.contract.source_sha256);
    s.section(section, row - 1);
    ++row;

    section = row;
    s.text(row++, 0, "Position", f.heading);
    if (const std::optional<Date> data_date = Date::parse_iso(b.report.data_date)) {
        date_fact("Position stated at", data_date);
    } else {
        fact("Position stated at", b.report.data_date);
    }
    fact("Latest period", report_period(b.report));
    s.text(row, 0, "Returns judged", f.label);
    s.number(row++, 1, static_cast<double>(b.report.returns.size()), f.fact_count);
    if (b.report.rulebook) {
        fact("Rulebook", b.report.rulebook->id + " version " + b.report.rulebook->version);
        fact("Rulebook title", b.report.rulebook->title);
    } else {
        fact("Rulebook", {});
    }
    fact("fairgate version", b.report.fairgate_version);
    s.section(section, row - 1);
    ++row;

    section = row;
    s.text(row++, 0, "Late or missing returns", f.heading);
    const std::vector<detail::ScheduledReturn> schedule = detail::return_schedule(b.report);
    if (schedule.empty()) s.text(row++, 1, "No quarterly return has been received.", f.note);
    bool judged_lateness = false;
    for (const detail::ScheduledReturn& q : schedule) {
        std::string state;
        lxw_format* fmt = f.green;
        const std::optional<FirstReceipt> first = q.ret ? q.ret->first_receipt() : std::nullopt;
        if (!q.ret && !q.refused.empty()) {
            // Received, but nothing usable: not "no return received".
            for (const RefusedReturn* r : q.refused)
                state += (state.empty() ? "Received " : "; received again ") + r->received_display() + " and refused (" +
                         r->source_name + "): " + r->reason;
            fmt = f.red;
        } else if (!q.ret) {
            state = "Missing: no return received";
            fmt = f.red;
        } else if (!first) {
            state = "Received; date submitted not stated";
            fmt = f.amber;
        } else {
            // Lateness from the first receipt: a correction does not make a return late.
            state = "Received " + format_date(first->date);
            if (q.days_late && *q.days_late > 0) {
                state += ", " + std::to_string(*q.days_late) + (*q.days_late == 1 ? " day" : " days") + " late";
                fmt = f.amber;
            } else if (q.days_late) {
                state += ", on time";
            }
        }
        if (q.due) {
            state += " (due " + format_date(*q.due) + ")";
            judged_lateness = true;
        }
        if (q.ret && q.ret->corrected()) state += "; corrected version: " + q.ret->correction_summary();
        s.text(row, 0, q.quarter.label(), fmt);
        s.text(row++, 1, state, f.text);
    }
    if (!schedule.empty()) {
        const std::optional<int64_t> due_days = b.report.rulebook ? b.report.rulebook->return_due_days() : std::nullopt;
        s.text(row++, 1,
               judged_lateness && due_days
                   ? "Every quarter from the contract's start to the latest return or the last return due; a return is due " +
                         std::to_string(*due_days) + " days after its quarter ends, as the rulebook sets."
                   : std::string("Every quarter from the contract's start to the latest return. The rulebook "
                                 "sets no due date for returns, so lateness is not judged."),
               f.note);
    }
    s.section(section, row - 1);
    ++row;

    std::map<Outcome, int> by_outcome;
    std::map<Severity, int> open_by_severity;
    for (const Finding& fi : b.report.findings) {
        ++by_outcome[fi.outcome];
        if (is_open(fi.outcome)) ++open_by_severity[fi.severity];
    }
    section = row;
    s.text(row++, 0, "Findings by outcome", f.heading);
    for (Outcome o : kWorstFirst) {
        s.text(row, 0, detail::display_label(to_string(o)), f.outcome(o));
        s.number(row++, 1, by_outcome[o], f.fact_count);
    }
    s.text(row, 0, "Total", f.label);
    s.number(row++, 1, static_cast<double>(b.report.findings.size()), f.fact_count);
    s.section(section, row - 1);
    ++row;

    section = row;
    s.text(row++, 0, "Open findings by severity", f.heading);
    for (Severity sv : kSeverities) {
        s.text(row, 0, detail::display_label(to_string(sv)), f.label);
        s.number(row++, 1, open_by_severity[sv], f.fact_count);
    }
    s.text(row++, 1, "Open: every outcome but pass and not applicable.", f.note);
    s.section(section, row - 1);
    s.print_setup(b.page);
}

void write_findings(Build& b) {
    Sheet s = b.add_sheet("Findings");
    const Formats& f = b.formats;
    const std::vector<const char*> headers = {"Outcome", "Severity", "Stage", "Period / return",
                                              "Supplier", "Rule", "Title", "Message", "Expected",
                                              "Found", "Where", "Citations", "Remedy"};
    // As narrow as the text allows, so that fitted to an A4 page's width it still reads; long
    // text wraps and its row grows (see SheetWriter).
    // The rule column holds the longest rule id on one line: an id broken at its hyphens
    // reads as two.
    const double widths[] = {10, 10, 9, 14, 18, 27, 20, 32, 18, 22, 20, 12, 28};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    lxw_row_t row = 1;
    for (const Finding* fi : b.sorted) {
        s.text(row, 0, detail::display_label(to_string(fi->outcome)), f.outcome(fi->outcome));
        s.text(row, 1, detail::display_label(to_string(fi->severity)), f.text);
        s.text(row, 2, detail::display_label(to_string(fi->stage)), f.text);
        s.text(row, 3, period_or_return(*fi), f.text);
        s.text(row, 4, b.supplier(fi->supplier_id), f.text);
        s.text(row, 5, fi->rule_id, f.text);
        s.text(row, 6, fi->rule_title, f.text);
        s.text(row, 7, fi->message, f.text);
        s.text(row, 8, fi->expected, f.text);
        s.text(row, 9, found_text(*fi, b.report.rulebook), f.text);
        s.text(row, 10, detail::evidence_places(*fi), f.text);
        s.text(row, 11, detail::join_nonempty(fi->citations, ", "), f.text);
        s.text(row, 12, remedy_text(*fi), f.text);
        ++row;
    }
    s.table("FindingsTable", headers, static_cast<lxw_row_t>(b.sorted.size()));
    s.print_setup(b.page, 0);
}

void write_returns(Build& b) {
    Sheet s = b.add_sheet("Returns");
    const Formats& f = b.formats;
    const std::vector<const char*> headers = {"Kind", "Period / tender", "Supplier", "Submitted",
                                              "Source file", "Source SHA-256", "Return id", "Version"};
    const double widths[] = {10, 14, 26, 12, 30, 34, 30, 36};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    lxw_row_t row = 1;
    for (const SupplierReturn* r : b.report.returns) {
        if (!r) continue;
        const bool quarterly = r->kind == ReturnKind::Quarterly;
        s.text(row, 0, detail::display_label(to_string(r->kind)), f.text);
        s.text(row, 1, quarterly ? (r->period ? r->period->label() : std::string("(no period)")) : r->tender_id, f.text);
        s.text(row, 2, r->supplier_name.empty() ? r->supplier_id
                                                : r->supplier_name + " (" + r->supplier_id + ")", f.text);
        if (r->submitted) s.date(row, 3, *r->submitted, f.date);
        else s.text(row, 3, "(not stated)", f.note);
        s.text(row, 4, r->source_name, f.text);
        s.text(row, 5, r->source_sha256, f.text);
        s.text(row, 6, r->id(), f.text);
        if (r->corrected()) s.text(row, 7, "Corrected version: " + r->correction_summary(), f.text);
        ++row;
    }
    s.table("ReturnsTable", headers, row - 1);
    s.print_setup(b.page, 0);
}

void write_evidence(Build& b) {
    Sheet s = b.add_sheet("Evidence");
    const Formats& f = b.formats;
    const std::vector<const char*> headers = {"Rule", "Outcome", "Subject", "Field", "Question",
                                              "Value", "Where"};
    const double widths[] = {27, 10, 28, 26, 42, 22, 30};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    lxw_row_t row = 1;
    for (const Finding* fi : b.sorted) {
        for (const Evidence& e : fi->evidence) {
            std::string question;
            if (b.report.rulebook) {
                if (const FieldDef* def = b.report.rulebook->fields.find(e.field)) {
                    question = def->ref.empty() ? def->question : def->ref + " " + def->question;
                }
            }
            s.text(row, 0, fi->rule_id, f.text);
            s.text(row, 1, detail::display_label(to_string(fi->outcome)), f.outcome(fi->outcome));
            s.text(row, 2, fi->subject_id, f.text);
            s.text(row, 3, e.field, f.text);
            s.text(row, 4, question, f.text);
            s.text(row, 5, e.value, f.text);
            s.text(row, 6, e.where.display(), f.text);
            ++row;
        }
    }
    s.table("EvidenceTable", headers, row - 1);
    s.print_setup(b.page, 0);
}

/// What a clause's status says about its quoted text (the rulebook's <source status>, see
/// docs/rulebook.md), for a reader who has not read the rulebook.
std::string clause_status_meaning(const std::string& status) {
    if (status == "checked") return "Quoted from the source document and checked against it.";
    if (status == "recalled")
        return "Read from the primary document but not checked again: confirm it against the source before relying on it.";
    if (status.empty()) return "The rulebook gives no status: check the quotation against the source.";
    return "Status given by the rulebook; fairgate does not know what it means.";
}

void write_clauses(Build& b) {
    Sheet s = b.add_sheet("Clauses");
    const Formats& f = b.formats;
    const std::vector<const char*> headers = {"Ref", "Document", "Section", "Quoted text",
                                              "Status", "What the status means", "Cited by"};
    const double widths[] = {14, 28, 22, 70, 10, 30, 28};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    // Clause ref -> the rules citing it here, both in name order so reruns match.
    std::map<std::string, std::set<std::string>> cited;
    for (const Finding& fi : b.report.findings) {
        for (const std::string& ref : fi.citations) cited[ref].insert(fi.rule_id);
    }
    lxw_row_t row = 1;
    for (const auto& [ref, rules] : cited) {
        const Clause* clause = b.report.rulebook ? b.report.rulebook->clause(ref) : nullptr;
        s.text(row, 0, ref, f.text);
        if (clause) {
            s.text(row, 1, clause->document, f.text);
            s.text(row, 2, clause->section, f.text);
            s.text(row, 3, clause->text, f.text);
            s.text(row, 4, clause->status, f.text);
            s.text(row, 5, clause_status_meaning(clause->status), f.note);
        } else {
            s.text(row, 3, "(not in the rulebook given to the report)", f.note);
        }
        s.text(row, 6, detail::join_nonempty(std::vector<std::string>(rules.begin(), rules.end()), ", "), f.text);
        ++row;
    }
    s.table("ClausesTable", headers, row - 1);
    s.print_setup(b.page, 0);
}

/// "Valid", "Blank", "Invalid: <why>", "Not applicable" (answered so) or "Not published".
std::string state_of(const Value& v) {
    if (v.is_valid()) return "Valid";
    if (v.is_invalid()) return "Invalid: " + v.invalid_reason();
    if (v.state() == Value::State::NotApplicable) return "Not applicable";
    if (v.state() == Value::State::NotPublished) return "Not published";
    return "Blank";
}

/// A return as the Return data sheet names it: its quarter, or the bid and its supplier.
std::string return_subject(const SupplierReturn& r) {
    if (r.kind == ReturnKind::Quarterly) return r.period ? r.period->label() : std::string("(no period)");
    return "Tender " + r.tender_id;
}

void write_return_data(Build& b) {
    Sheet s = b.add_sheet("Return data");
    const Formats& f = b.formats;
    const std::vector<const char*> headers = {"Subject", "Supplier", "Field", "Ref", "Question",
                                              "Value", "State", "Raw text", "Where"};
    const double widths[] = {16, 24, 26, 6, 44, 18, 20, 18, 30};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    const Rulebook* rb = b.report.rulebook;
    lxw_row_t row = 1;
    auto record = [&](const std::string& subject, const std::string& supplier, const Record& answers) {
        for (const auto& [id, answer] : answers.answers()) {
            const FieldDef* def = rb && id < rb->fields.size() ? &rb->fields.at(id) : nullptr;
            s.text(row, 0, subject, f.text);
            s.text(row, 1, supplier, f.text);
            s.text(row, 2, def ? def->name : "field #" + std::to_string(id), f.text);
            if (def) {
                s.text(row, 3, def->ref, f.text);
                s.text(row, 4, def->question, f.text);
            }
            // A number, amount, share or date as one (it sorts and adds up); text stays text.
            if (!answer.value.is_absent()) detail::write_value(s, row, 5, answer.value, f, f.text);
            s.text(row, 6, state_of(answer.value), answer.value.is_invalid() ? f.red : f.text);
            s.text(row, 7, answer.typed(), f.text);
            s.text(row, 8, answer.where.display(), f.text);
            ++row;
        }
    };
    record("Contract record", b.supplier(b.contract.supplier_id), b.contract.fields);
    for (const SupplierReturn* r : b.report.returns) {
        if (r) record(return_subject(*r), b.supplier(r->supplier_id), r->answers);
    }
    s.table("ReturnDataTable", headers, row - 1);
    s.print_setup(b.page, 0);
}

/// "=History!$C$2:$C$5": a column of the History sheet's data rows, for a chart series.
std::string history_range(lxw_col_t col, lxw_row_t rows) {
    std::string letters;
    for (unsigned n = col + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return "=History!$" + letters + "$2:$" + letters + "$" + std::to_string(rows + 1);
}

/// The History sheet: one row per quarterly return with the measures the rulebook's
/// <workbook> declares, four columns for each social value measure, and two charts below.
void write_history(Build& b) {
    Sheet s = b.add_sheet("History");
    const Formats& f = b.formats;
    const WorkbookContent& shown = b.report.shown();

    // Columns for what the rulebook declares, and only that.
    std::vector<std::string> headers = {"Quarter", "Submitted"};
    std::vector<double> widths = {10, 13};
    auto add_column = [&](std::string header, double width) {
        headers.push_back(std::move(header));
        widths.push_back(width);
        return static_cast<lxw_col_t>(headers.size() - 1);
    };
    constexpr lxw_col_t kNone = static_cast<lxw_col_t>(-1);
    const lxw_col_t completeness_col = shown.completeness.empty() ? kNone : add_column("Monitoring completeness (lowest)", 16);
    const lxw_col_t complaints_col = shown.complaints == kNoField ? kNone : add_column("Discrimination complaints", 15);
    const lxw_col_t resolved_col = shown.complaints_resolved == kNoField ? kNone : add_column("Complaints resolved", 15);
    const auto first_measure = static_cast<lxw_col_t>(headers.size());
    for (const WorkbookContent::Measure& m : shown.measures) {
        for (const char* part : {": in quarter", ": to date", ": due pro rata", ": to date as share of due"}) {
            headers.push_back(m.label + part);
            widths.push_back(15);
        }
    }
    const auto elapsed_col = static_cast<lxw_col_t>(headers.size());
    headers.push_back("Term elapsed");
    widths.push_back(10);
    // Last, so that the measures' columns (and the charts drawn from them) stay where they are.
    const auto version_col = static_cast<lxw_col_t>(headers.size());
    headers.push_back("Version");
    widths.push_back(40);
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    const std::vector<detail::QuarterMeasures> quarters = detail::history(b.report);
    lxw_row_t row = 1;
    auto measure = [&](lxw_col_t col, const std::optional<double>& v, lxw_format* fmt) {
        if (v) s.number(row, col, *v, fmt);  // unknown stays blank: a chart leaves a gap
    };
    std::vector<bool> has_share(shown.measures.size());
    for (const detail::QuarterMeasures& q : quarters) {
        s.text(row, 0, q.quarter.label(), f.text);
        if (q.ret->submitted) s.date(row, 1, *q.ret->submitted, f.date);
        else s.text(row, 1, "(not stated)", f.note);
        if (completeness_col != kNone) measure(completeness_col, q.completeness, f.percent);
        if (complaints_col != kNone) measure(complaints_col, q.complaints, f.count);
        if (resolved_col != kNone) measure(resolved_col, q.resolved, f.count);
        for (size_t i = 0; i < q.measures.size(); ++i) {
            const detail::MeasureProgress& p = q.measures[i];
            const auto col = static_cast<lxw_col_t>(first_measure + 4 * i);
            measure(col, p.delivered, f.decimal);
            measure(col + 1, p.delivered_to_date, f.decimal);
            measure(col + 2, p.due_to_date, f.decimal);
            if (p.delivered_to_date && p.due_to_date && *p.due_to_date > 0) {
                measure(col + 3, *p.delivered_to_date / *p.due_to_date, f.percent);
                has_share[i] = true;
            }
        }
        measure(elapsed_col, q.elapsed_share, f.percent);
        if (q.ret->corrected()) s.text(row, version_col, "Corrected version: " + q.ret->correction_summary(), f.text);
        ++row;
    }
    const auto rows = static_cast<lxw_row_t>(quarters.size());
    std::vector<const char*> header_names;
    for (const std::string& h : headers) header_names.push_back(h.c_str());
    s.table("HistoryTable", header_names, rows);
    s.print_setup(b.page, 0);
    if (rows == 0) return;

    // Below the table, so that however many measures the rulebook declares, no chart covers data.
    const lxw_row_t charts_at = rows + 3;
    const std::string categories = history_range(0, rows);
    // Value axes from zero (a line near the top of a cut axis reads as a fall from a height)
    // and named with their unit.
    auto line_chart = [&](const char* title, const char* y_name, const char* y_format,
                          const std::vector<std::pair<lxw_col_t, std::string>>& series, lxw_col_t at) {
        lxw_chart* chart = workbook_add_chart(b.wb, LXW_CHART_LINE);
        if (!chart) throw std::runtime_error("cannot add a chart");
        chart_title_set_name(chart, title);
        chart_axis_set_num_format(chart->y_axis, y_format);
        chart_axis_set_min(chart->y_axis, 0);
        chart_axis_set_name(chart->y_axis, y_name);
        chart_axis_set_name(chart->x_axis, "Quarter");
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        for (const auto& [col, name] : series) {
            const std::string values = history_range(col, rows);
            lxw_chart_series* line = chart_add_series(chart, categories.c_str(), values.c_str());
            if (!line) throw std::runtime_error("cannot add a chart series");
            chart_series_set_name(line, name.c_str());
            chart_series_set_marker_type(line, LXW_CHART_MARKER_CIRCLE);
        }
        b.errors.check(worksheet_insert_chart(s.get(), charts_at, at, chart), "inserting a chart");
    };
    if (completeness_col != kNone) {
        line_chart("Monitoring completeness: lowest share recorded", "Service users recorded (%)", "0%",
                   {{completeness_col, "Lowest share recorded"}}, 0);
    }
    // Measures differ in unit (FTE, weeks, pounds); as shares of what is due they share an axis.
    std::vector<std::pair<lxw_col_t, std::string>> shares;
    for (size_t i = 0; i < shown.measures.size(); ++i) {
        if (has_share[i]) shares.emplace_back(static_cast<lxw_col_t>(first_measure + 4 * i + 3), shown.measures[i].label);
    }
    if (!shares.empty())
        line_chart("Social value delivered to date as a share of the pro-rata commitment",
                   "Delivered of commitment due (%)", "0%", shares, 5);
}

void write_audit(Build& b) {
    Sheet s = b.add_sheet("Audit");
    const Formats& f = b.formats;
    s.width(0, 30);
    s.width(1, 70, f.text);
    const Rulebook* rb = b.report.rulebook;

    // Each input once, by content then name, so the order never depends on import order.
    const EvaluationFingerprint fingerprint = evaluation_fingerprint(b.report);
    const auto& inputs = fingerprint.inputs;

    lxw_row_t row = 0;
    s.merged(row++, 0, 1, "Audit", f.title);
    s.merged(row++, 0, 1,
           "Everything needed to reproduce this workbook: the same inputs judged by the same "
           "rulebook and fairgate version at the same data date give a byte-identical file.",
           f.note);
    ++row;
    auto fact = [&](const char* name, const std::string& value) {
        s.text(row, 0, name, f.label);
        s.text(row++, 1, value.empty() ? "(not recorded)" : value, f.text);
    };
    fact("Evaluation fingerprint", fingerprint.sha256);
    s.text(row++, 1,
           "SHA-256 of the lines \"fairgate evaluation fingerprint v2\", \"rulebook <SHA-256>\", "
           "\"input <SHA-256>\" for each input file's SHA-256 in ascending order (superseded and refused "
           "returns' files included), \"fact <place>: <text>\" in ascending order for each answer set "
           "from a public register, \"data-date <date>\" and \"fairgate <version>\", each ending in a "
           "line feed.",
           f.note);
    if (const std::optional<Date> d = Date::parse_iso(b.report.data_date)) {
        s.text(row, 0, "Data date", f.label);
        s.date(row++, 1, *d, f.fact_date);
    } else {
        fact("Data date", b.report.data_date);
    }
    fact("fairgate version", b.report.fairgate_version);
    fact("Rulebook id", rb ? rb->id : std::string());
    fact("Rulebook version", rb ? rb->version : std::string());
    fact("Rulebook SHA-256", rb ? rb->sha256 : std::string());
    fact("Rulebook owner", rb ? rb->owner : std::string());
    ++row;

    lxw_row_t section = row;
    s.text(row++, 0, "Input files", f.heading);
    s.text(row, 0, "File", f.label);
    s.text(row++, 1, "SHA-256", f.label);
    for (const auto& [sha, name] : inputs) {
        s.text(row, 0, name.empty() ? "(not recorded)" : name, f.text);
        s.text(row++, 1, sha.empty() ? "(not recorded)" : sha, f.text);
    }
    s.section(section, row - 1);
    ++row;

    std::map<Outcome, int> by_outcome;
    for (const Finding& fi : b.report.findings) ++by_outcome[fi.outcome];
    section = row;
    s.text(row++, 0, "Counts", f.heading);
    auto count = [&](const std::string& name, std::size_t n, lxw_format* fmt) {
        s.text(row, 0, name, fmt);
        s.number(row++, 1, static_cast<double>(n), f.fact_count);
    };
    count("Returns", b.report.returns.size(), f.label);
    count("Input files", inputs.size(), f.label);
    count("Findings", b.report.findings.size(), f.label);
    for (Outcome o : kWorstFirst) count(detail::display_label(to_string(o)), static_cast<std::size_t>(by_outcome[o]), f.outcome(o));
    s.section(section, row - 1);
    s.print_setup(b.page);
}

void build_workbook(Build& b) {
    // Document properties. `created` comes from the data date (never the clock) so the same
    // inputs give byte-identical files (libxlsxwriter formats it with gmtime(), made
    // thread-safe in xlsx_packaging.cpp).
    const Rulebook* rb = b.report.rulebook;
    const std::string period = report_period(b.report);
    const std::string title = "Equality and social value compliance \xE2\x80\x94 " + b.contract.title;
    const std::string subject = "Contract " + b.contract.id + ", " + period;
    const std::string comments = rb ? "Judged by rulebook " + rb->id + " version " + rb->version : std::string();
    const std::string company = rb ? rb->owner : std::string();
    const std::string keywords = "equality; social value; compliance; " + b.contract.id + (rb ? "; " + rb->id : std::string());
    lxw_doc_properties props{};
    props.title = const_cast<char*>(title.c_str());
    props.subject = const_cast<char*>(subject.c_str());
    props.author = const_cast<char*>("fairgate");
    props.company = const_cast<char*>(company.c_str());
    props.keywords = const_cast<char*>(keywords.c_str());
    props.category = const_cast<char*>("Contract compliance");
    props.comments = const_cast<char*>(comments.c_str());
    props.created = detail::created_time(b.report.data_date);
    b.errors.check(workbook_set_properties(b.wb, &props), "setting document properties");

    b.page = {"Contract " + b.contract.id, period, b.contract.title};

    for (const SupplierReturn* r : b.report.returns) {
        if (r && !r->supplier_id.empty() && !r->supplier_name.empty())
            b.supplier_names[r->supplier_key()] = r->supplier_name;
    }
    if (!b.contract.supplier_id.empty() && !b.contract.supplier_name.empty()) {
        b.supplier_names[supplier_key(b.contract.supplier_id)] = b.contract.supplier_name;
    }

    for (const Finding& fi : b.report.findings) b.sorted.push_back(&fi);
    std::stable_sort(b.sorted.begin(), b.sorted.end(), [](const Finding* x, const Finding* y) {
        if (detail::worst_first_rank(x->outcome) != detail::worst_first_rank(y->outcome)) return detail::worst_first_rank(x->outcome) < detail::worst_first_rank(y->outcome);
        if (x->severity != y->severity) return x->severity < y->severity;
        if (x->stage != y->stage) return x->stage < y->stage;
        if (x->period != y->period) return x->period > y->period;  // latest quarter first
        if (x->rule_id != y->rule_id) return x->rule_id < y->rule_id;
        if (x->supplier_id != y->supplier_id) return x->supplier_id < y->supplier_id;
        return x->subject_id < y->subject_id;
    });

    write_summary(b);
    write_findings(b);
    write_returns(b);
    write_return_data(b);
    write_history(b);
    write_evidence(b);
    write_clauses(b);
    write_audit(b);
}

}  // namespace

void write_contract_workbook(const ContractReport& report, const std::string& path) {
    require_contract(report);
    detail::write_workbook_file(path, [&](lxw_workbook* wb, detail::WorkbookErrors& errors) {
        Build build{report, *report.contract, wb, Formats(wb), errors, {}, {}, {}};
        build_workbook(build);
    });
}

}  // namespace fairgate::reports
