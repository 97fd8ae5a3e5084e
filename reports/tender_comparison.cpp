#include "reports/tender_comparison.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "model/value.hpp"
#include "reports/bid_standing.hpp"
#include "reports/finding_text.hpp"
#include "reports/workbook_file.hpp"
#include "reports/workbook_formats.hpp"
#include "reports/output_names.hpp"
#include "reports/workbook_text.hpp"

namespace fairgate::reports {

namespace fs = std::filesystem;
using detail::display_label;
using detail::Formats;
using detail::SheetWriter;

std::string tender_workbook_path(const std::string& out_dir, const TenderReport& report) {
    const std::string id = output_folder_name(report.tender_id);
    const std::string file = detail::safe_file_name(id + " tender comparison.xlsx", 200);
    return (fs::path(out_dir) / "tenders" / id / file).string();
}

namespace {

/// One row of the Bidders sheet.
struct RuleRow {
    std::string id;
    std::string title;
    Severity severity = Severity::Major;
};

/// Everything the sheets share while one workbook is built.
struct Build {
    const TenderReport& report;
    lxw_workbook* wb;
    detail::WorkbookErrors& errors;
    Formats formats;
    lxw_format* header = nullptr;  ///< Column headings: bold, wrapped, shaded.
    lxw_format* number = nullptr;  ///< Offers in their own unit.
    lxw_format* money = nullptr;   ///< Offers in pounds.
    lxw_format* percent = nullptr;
    lxw_format* rate = nullptr;    ///< Pounds per £100,000: pence shown, a rate can be small.
    /// The value social value is set against: the report's, else the contract's; null when
    /// neither is known.
    const Value* estimate = nullptr;
    std::vector<const SupplierReturn*> bids;  ///< Ordered by name, then registration number.
    std::vector<RuleRow> rules;               ///< Mandatory first.
    /// (bid index, rule id) -> the bid's finding for the rule, the worst if several.
    std::map<std::pair<std::size_t, std::string>, const Finding*> verdicts;
    std::vector<std::size_t> finding_bid;     ///< Per finding: its bid index, or bids.size().
    std::vector<std::vector<Finding>> bid_findings;  ///< Per bid: its findings.
    std::vector<BidScore> scores;                    ///< Per bid.
    std::vector<std::size_t> rank;                   ///< Per bid: 1 for the first.

    Build(const TenderReport& r, lxw_workbook* w, detail::WorkbookErrors& e)
        : report(r), wb(w), errors(e), formats(w) {
        header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_text_wrap(header);
        format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
        format_set_pattern(header, LXW_PATTERN_SOLID);
        format_set_bg_color(header, 0xD9E1F2);
        format_set_bottom(header, LXW_BORDER_THIN);
        number = workbook_add_format(wb);
        format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
        money = workbook_add_format(wb);
        format_set_align(money, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(money, "\xC2\xA3#,##0");
        percent = workbook_add_format(wb);
        format_set_align(percent, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(percent, "0%");
        rate = workbook_add_format(wb);
        format_set_align(rate, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(rate, "\xC2\xA3#,##0.00");
    }

    /// What every printed page says (see SheetWriter::print_setup): the tender and the date
    /// at the top, what the workbook is at the bottom.
    detail::PageText page;

    SheetWriter add_sheet(const char* name) { return detail::add_sheet(wb, errors, name); }
};

std::string bidder_label(const SupplierReturn& r) {
    if (r.supplier_name.empty()) return r.supplier_id.empty() ? std::string("(unnamed bidder)") : r.supplier_id;
    if (r.supplier_id.empty()) return r.supplier_name;
    return r.supplier_name + " (" + r.supplier_id + ")";
}

/// A side-by-side sheet's header: three label columns, then one column per bid.
void write_bid_header(const Build& b, SheetWriter& s, lxw_row_t row, const std::array<const char*, 3>& labels) {
    for (std::size_t c = 0; c < labels.size(); ++c) s.text(row, static_cast<lxw_col_t>(c), labels[c], b.header);
    for (std::size_t i = 0; i < b.bids.size(); ++i)
        s.text(row, static_cast<lxw_col_t>(labels.size() + i), bidder_label(*b.bids[i]), b.header);
}

void order_bids(Build& b) {
    b.bids = b.report.bids;
    sort_bids(b.bids);
}

void collect_rules(Build& b) {
    std::set<std::string> seen;
    if (b.report.rulebook) {
        for (const Rule& r : b.report.rulebook->rules) {
            if (r.stage != Stage::Tender || !seen.insert(r.id).second) continue;
            b.rules.push_back({r.id, r.title, r.severity});
        }
    }
    // Rules only the findings name (no rulebook, or another rulebook version) still show.
    std::vector<RuleRow> extra;
    for (const Finding& f : b.report.findings) {
        if (seen.insert(f.rule_id).second) extra.push_back({f.rule_id, f.rule_title, f.severity});
    }
    std::sort(extra.begin(), extra.end(), [](const RuleRow& x, const RuleRow& y) { return x.id < y.id; });
    b.rules.insert(b.rules.end(), extra.begin(), extra.end());
    std::stable_sort(b.rules.begin(), b.rules.end(),
                     [](const RuleRow& x, const RuleRow& y) { return x.severity < y.severity; });
}

void match_findings(Build& b) {
    b.bid_findings.resize(b.bids.size());
    for (const Finding& f : b.report.findings) {
        const std::size_t bid = bid_for_finding(b.bids, f);
        b.finding_bid.push_back(bid);
        if (bid == b.bids.size()) continue;
        b.bid_findings[bid].push_back(f);
        const Finding*& slot = b.verdicts[{bid, f.rule_id}];
        if (!slot || detail::worst_first_rank(f.outcome) < detail::worst_first_rank(slot->outcome)) slot = &f;
    }
}

/// Standing and rank of each bid, every mandatory rule on the Bidders sheet expected (so a
/// rule another bid was judged on, or the rulebook has, and this bid was not, is undecided).
void rank_bids(Build& b) {
    std::vector<std::string> mandatory;
    for (const RuleRow& r : b.rules) {
        if (r.severity == Severity::Mandatory) mandatory.push_back(r.id);
    }
    // screen_bids keeps sort_bids order, which is b.bids' order.
    for (const ScreenedBid& s : screen_bids(b.bids, b.report.findings, mandatory)) {
        b.scores.push_back(s.score);
        b.rank.push_back(s.rank);
    }
}

/// The "Can proceed to award" cell.
const char* proceed_answer(BidStanding s) {
    switch (s) {
        case BidStanding::CanProceed: return "Yes";
        case BidStanding::NeedsDecision: return "Needs a decision";
        case BidStanding::CannotProceed: return "No";
    }
    return "?";
}

lxw_format* standing_format(const Formats& f, BidStanding s) {
    switch (s) {
        case BidStanding::CanProceed: return f.green;
        case BidStanding::NeedsDecision: return f.amber;
        case BidStanding::CannotProceed: return f.red;
    }
    return f.text;
}

const Finding* verdict(const Build& b, std::size_t bid, const std::string& rule) {
    auto it = b.verdicts.find({bid, rule});
    return it == b.verdicts.end() ? nullptr : it->second;
}

std::string rulebook_line(const TenderReport& r) {
    return r.rulebook ? r.rulebook->id + " version " + r.rulebook->version : std::string("(not given)");
}

void write_offer(Build& b, SheetWriter& s, lxw_row_t row, lxw_col_t col, const Value& v);

/// Whether a field holds a public register's fact about the bidder (the pipeline puts those in).
bool register_field(const Rulebook& rb, const std::string& name) {
    const FieldDef* def = rb.fields.find(name);
    return def && is_register_role(def->role);
}

/// The "Public register" block under the rules: the facts a public register gives about each
/// bidder (the register.* fields the pipeline puts into bids) beside the bid's own answers that
/// rules compare them with (the other fields read by findings that read a register fact),
/// bid's answers first, each in dictionary order, then the register row each came from.
/// Nothing when no bid holds a register fact. Returns the next free row.
lxw_row_t write_public_register(Build& b, SheetWriter& s, lxw_row_t row) {
    const Rulebook* rb = b.report.rulebook;
    if (!rb) return row;
    const Formats& f = b.formats;
    std::set<std::string> compared;
    for (const auto& findings : b.bid_findings) {
        for (const Finding& finding : findings) {
            const auto& ev = finding.evidence;
            if (std::none_of(ev.begin(), ev.end(), [&](const Evidence& e) { return register_field(*rb, e.field); })) continue;
            for (const Evidence& e : ev) compared.insert(e.field);
        }
    }
    std::vector<const FieldDef*> said, held;
    for (const FieldDef& def : rb->fields.all()) {
        if (!is_register_role(def.role)) {
            if (compared.count(def.name)) said.push_back(&def);
            continue;
        }
        for (const SupplierReturn* bid : b.bids) {
            if (bid->answers.present(def.id)) {
                held.push_back(&def);
                break;
            }
        }
    }
    if (held.empty()) return row;

    ++row;
    const lxw_row_t first = row;
    s.text(row, 0, "Public register", f.label);
    s.text(row++, 1, "What each bid says beside what the public register holds for the bidder (found by "
                     "company number, then name); blank where it holds nothing for the bid.", f.note);
    auto field_row = [&](const FieldDef& def, const char* source) {
        s.text(row, 0, def.name, f.text);
        s.text(row, 1, def.ref.empty() ? def.question : def.ref + " " + def.question, f.text);
        s.text(row, 2, source, f.text);
        for (std::size_t i = 0; i < b.bids.size(); ++i) {
            const Value& v = b.bids[i]->answers.value(def.id);
            if (is_register_role(def.role) && v.is_absent()) continue;  // blank: nothing held
            write_offer(b, s, row, static_cast<lxw_col_t>(3 + i), v);
        }
        ++row;
    };
    for (const FieldDef* def : said) field_row(*def, "Bid");
    for (const FieldDef* def : held) field_row(*def, "Register");
    s.text(row, 0, "Register row", f.label);
    for (std::size_t i = 0; i < b.bids.size(); ++i) {
        for (const FieldDef* def : held) {
            if (const Answer* a = b.bids[i]->answers.get(def->id)) {
                s.text(row, static_cast<lxw_col_t>(3 + i), a->where.display(), f.text);
                break;
            }
        }
    }
    s.section(first, row);  // printed with its heading
    return ++row;
}

void write_bidders(Build& b) {
    SheetWriter s = b.add_sheet("Bidders");
    const Formats& f = b.formats;
    s.width(0, 30, f.text);
    s.width(1, 46, f.text);
    s.width(2, 11, f.text);
    for (std::size_t i = 0; i < b.bids.size(); ++i) s.width(static_cast<lxw_col_t>(3 + i), 24, f.text);

    lxw_row_t row = 0;
    s.merged(row++, 0, 2, "Tender comparison \xE2\x80\x94 " + b.report.tender_id, f.title);
    const Contract* c = b.report.contract;
    s.text(row, 0, "Contract", f.label);
    s.text(row++, 1, c ? c->id + (c->title.empty() ? std::string() : " \xE2\x80\x94 " + c->title) +
                             (c->supplier_name.empty() ? std::string() : ", awarded to " + c->supplier_name)
                       : std::string("Not yet awarded"), f.text);
    const std::optional<Date> date = Date::parse_iso(b.report.data_date);
    s.text(row, 0, "Position stated at", f.label);
    s.text(row++, 1, date ? format_date(*date) : b.report.data_date, f.text);
    s.text(row, 0, "Rulebook", f.label);
    s.text(row++, 1, rulebook_line(b.report) + "; fairgate " + b.report.fairgate_version, f.text);
    s.merged(row++, 0, 2,
           "Each column is one bid. Can proceed to award: Yes when every mandatory rule passed or "
           "did not apply; No when one failed; Needs a decision when one was referred, warned, "
           "left blank, unreadable or not judged (see Clarifications). Bids rank by that, then by "
           "the rules passed weighted by severity (mandatory 8, major 4, minor 2, advisory 1), "
           "then by name. Fail and missing are red, warn and refer amber, pass green.",
           f.note);
    ++row;

    const lxw_row_t header_row = row++;
    write_bid_header(b, s, header_row, {"Rule", "Title", "Severity"});

    std::size_t mandatory = 0;
    for (const RuleRow& r : b.rules) mandatory += r.severity == Severity::Mandatory;
    const lxw_row_t proceed_row = row++, rank_row = row++, weighted_row = row++, passed_row = row++;
    s.text(proceed_row, 0, "Can proceed to award", f.label);
    s.text(rank_row, 0, "Rank", f.label);
    s.text(weighted_row, 0, "Rules passed, weighted", f.label);
    s.text(weighted_row, 1, "mandatory 8, major 4, minor 2, advisory 1", f.note);
    s.text(passed_row, 0, "Mandatory rules passed (of " + std::to_string(mandatory) + ")", f.label);
    if (c) {
        s.text(row, 0, "Awarded the contract", f.label);
        for (std::size_t i = 0; i < b.bids.size(); ++i) {
            const bool awarded = c->supplied_by(b.bids[i]->supplier_id);
            s.text(row, static_cast<lxw_col_t>(3 + i), awarded ? "Yes" : "No", f.text);
        }
        ++row;
    }
    for (std::size_t i = 0; i < b.bids.size(); ++i) {
        const auto col = static_cast<lxw_col_t>(3 + i);
        std::size_t passed = 0;
        for (const RuleRow& r : b.rules) {
            if (r.severity != Severity::Mandatory) continue;
            const Finding* v = verdict(b, i, r.id);
            if (v && v->outcome == Outcome::Pass) ++passed;
        }
        s.text(proceed_row, col, proceed_answer(b.scores[i].standing), standing_format(f, b.scores[i].standing));
        s.number(rank_row, col, static_cast<double>(b.rank[i]), f.count);
        s.number(weighted_row, col, static_cast<double>(b.scores[i].weighted_passes), f.count);
        s.number(passed_row, col, static_cast<double>(passed), f.count);
    }

    const lxw_row_t first_rule_row = row;
    for (const RuleRow& r : b.rules) {
        s.text(row, 0, r.id, f.text);
        s.text(row, 1, r.title, f.text);
        s.text(row, 2, display_label(to_string(r.severity)), f.text);
        for (std::size_t i = 0; i < b.bids.size(); ++i) {
            const auto col = static_cast<lxw_col_t>(3 + i);
            if (const Finding* v = verdict(b, i, r.id)) {
                s.text(row, col, display_label(to_string(v->outcome)), f.outcome(v->outcome));
            } else {
                s.text(row, col, "Not judged", f.grey);
            }
        }
        ++row;
    }
    // The bids and the rules, from the column headings on, as one section: a page break, if
    // one is needed, comes before the headings rather than between them and the rules.
    s.section(header_row, row - 1);
    write_public_register(b, s, row);
    worksheet_freeze_panes(s.get(), first_rule_row, 3);
    s.print_setup(b.page, header_row);
}

/// The fields of the social value commitments a bid offers: those of the measures the
/// rulebook's <workbook> declares, in its order; nothing fixed here.
std::vector<const FieldDef*> measures(const Rulebook* rb) {
    std::vector<const FieldDef*> out;
    if (!rb) return out;
    for (const WorkbookContent::Measure& m : rb->workbook.measures) {
        if (m.commitment == kNoField) continue;
        const FieldDef* def = &rb->fields.at(m.commitment);
        if (std::find(out.begin(), out.end(), def) == out.end()) out.push_back(def);
    }
    return out;
}

bool numeric_type(FieldType t) {
    return t == FieldType::Integer || t == FieldType::Number || t == FieldType::Money || t == FieldType::Percent ||
           t == FieldType::Days;
}

void write_offer(Build& b, SheetWriter& s, lxw_row_t row, lxw_col_t col, const Value& v) {
    const Formats& f = b.formats;
    if (v.is_absent()) return s.text(row, col, v.display(), f.note);
    if (v.is_invalid()) return s.text(row, col, v.display(), f.amber);
    if (!v.is_valid()) return s.text(row, col, v.display(), f.note);  // "not applicable (N/A)": no figure
    switch (v.type()) {
        case FieldType::Money: return s.number(row, col, v.numeric(), b.money);
        case FieldType::Percent: return s.number(row, col, v.numeric(), b.percent);
        case FieldType::Integer:
        case FieldType::Days:
        case FieldType::Number: return s.number(row, col, v.numeric(), b.number);
        default: return s.text(row, col, v.display(), f.text);
    }
}

/// The report's estimated value, else the awarded contract's value (the field playing the
/// contract-value role); null when neither states one.
const Value* estimated_value(const TenderReport& r) {
    if (r.estimated_value && !r.estimated_value->is_absent()) return &*r.estimated_value;
    if (!r.contract || !r.rulebook) return nullptr;
    const FieldDef* def = r.rulebook->fields.find(FieldRole::ContractValue);
    if (!def) return nullptr;
    const Value& v = r.contract->fields.value(def->id);
    return v.is_absent() ? nullptr : &v;
}

/// Why spend cannot be set against the estimated value, or "" when it can.
std::string no_rate_reason(const Value* estimate) {
    if (!estimate) return "estimated value not known yet";
    if (estimate->is_invalid()) return "estimated value unreadable: " + estimate->display();
    if (!estimate->is_valid()) return "estimated value not known: " + estimate->display();
    if (estimate->type() != FieldType::Money) return "estimated value is not an amount of money: " + estimate->display();
    if (estimate->as_pence() <= 0) return "estimated value is " + estimate->display() + ", so no rate can be given";
    return {};
}

void write_social_value(Build& b) {
    SheetWriter s = b.add_sheet("Social value");
    const Formats& f = b.formats;
    s.width(0, 8, f.text);
    s.width(1, 52, f.text);
    s.width(2, 28, f.text);
    for (std::size_t i = 0; i < b.bids.size(); ++i) s.width(static_cast<lxw_col_t>(3 + i), 22);

    lxw_row_t row = 0;
    s.merged(row++, 0, 2, "Social value offered \xE2\x80\x94 " + b.report.tender_id, f.title);
    s.merged(row++, 0, 2,
           "What each bid commits to deliver over the life of the contract, measure by measure. "
           "Measures are in different units, so the totals add only like with like: spend in "
           "pounds (and per \xC2\xA3" "100,000 of the contract's estimated value), and a count of the "
           "measures each bid offers anything on.",
           f.note);
    s.text(row, 1, "Estimated value", f.label);
    const std::string no_rate = no_rate_reason(b.estimate);
    if (no_rate.empty()) {
        s.number(row, 2, b.estimate->numeric(), b.money);
    } else {
        s.text(row, 2, b.estimate ? b.estimate->display() : std::string("not known yet"), b.estimate ? f.amber : f.note);
    }
    ++row;
    ++row;
    const lxw_row_t header_row = row++;
    write_bid_header(b, s, header_row, {"Ref", "Measure", "Field"});

    const std::vector<const FieldDef*> defs = measures(b.report.rulebook);
    std::vector<double> spend(b.bids.size(), 0.0);
    std::vector<double> offered(b.bids.size(), 0.0);
    bool any_money = false;
    for (const FieldDef* def : defs) {
        any_money = any_money || def->type == FieldType::Money;
        s.text(row, 0, def->ref, f.text);
        s.text(row, 1, def->question, f.text);
        s.text(row, 2, def->name, f.text);
        for (std::size_t i = 0; i < b.bids.size(); ++i) {
            const Value& v = b.bids[i]->answers.value(def->id);
            write_offer(b, s, row, static_cast<lxw_col_t>(3 + i), v);
            if (!v.is_valid()) continue;
            if (def->type == FieldType::Money) spend[i] += v.numeric();
            if ((numeric_type(v.type()) && v.numeric() > 0) || (v.type() == FieldType::YesNo && v.as_bool())) {
                offered[i] += 1;
            }
        }
        ++row;
    }
    if (defs.empty()) {
        s.text(row++, 1, "(the rulebook given declares no social value measures)", f.note);
    }
    ++row;
    if (any_money) {
        s.text(row, 1, "Total spend offered", f.label);
        for (std::size_t i = 0; i < b.bids.size(); ++i) s.number(row, static_cast<lxw_col_t>(3 + i), spend[i], b.money);
        ++row;
        // Sets offers of tenders of different sizes side by side.
        s.text(row, 1, "Spend offered per \xC2\xA3" "100,000 of the estimated value", f.label);
        if (no_rate.empty()) {
            const double per = 100000.0 / b.estimate->numeric();
            for (std::size_t i = 0; i < b.bids.size(); ++i) {
                s.number(row, static_cast<lxw_col_t>(3 + i), spend[i] * per, b.rate);
            }
        } else {
            s.text(row, 3, no_rate, f.note);  // one cell says why, rather than blanks
        }
        ++row;
    }
    s.text(row, 1, "Measures offered (above zero, of " + std::to_string(defs.size()) + ")", f.label);
    for (std::size_t i = 0; i < b.bids.size(); ++i) s.number(row, static_cast<lxw_col_t>(3 + i), offered[i], f.count);
    worksheet_freeze_panes(s.get(), header_row + 1, 3);
    s.print_setup(b.page, header_row);
}

/// Why a bidder is asked something.
enum class AskReason : uint8_t {
    Blank,          ///< A rule needs an answer the bid left blank or did not include.
    Unreadable,     ///< The answer given cannot be read as its question's type.
    Referred,       ///< An officer must judge what was answered.
    CouncilRecord,  ///< The rule needs a value from the council's own records: not for the bidder.
};

const char* to_label(AskReason r) {
    switch (r) {
        case AskReason::Blank: return "Blank";
        case AskReason::Unreadable: return "Unreadable";
        case AskReason::Referred: return "Referred";
        case AskReason::CouncilRecord: return "Council record";
    }
    return "?";
}

/// One row of the Clarifications sheet.
struct Clarification {
    std::size_t bid = 0;         ///< Bid index, or bids.size() for a finding matched to none.
    std::size_t rule_order = 0;  ///< Index in Build::rules.
    const Finding* finding = nullptr;
    AskReason reason = AskReason::Blank;
    std::string question;        ///< "B1: Do you have ...", one line per field.
    std::string given;           ///< As typed, or "(blank)"; one line per field.
    std::string where;           ///< File and cell; one line per field.
    std::string sentence;        ///< Ready to send.
};

/// One answer a finding read, as the bid gave it.
struct GivenAnswer {
    const FieldDef* def = nullptr;  ///< Null without a rulebook (or for a field it lacks).
    std::string field;              ///< Canonical name, without the evidence's scope prefix.
    bool own = true;                ///< The bid's own answer, not the contract's or another return's.
    bool blank = false;
    bool unreadable = false;
    std::string text;               ///< As typed; empty when blank.
    std::string why_unreadable;
    std::string where;              ///< "file!Sheet!C14"; empty when not in the file.
};

GivenAnswer given_answer(const Build& b, const SupplierReturn* bid, const Evidence& e) {
    GivenAnswer g;
    // Evidence from another scope is prefixed ("contract: <field>"); field names hold
    // no ": ".
    const std::size_t colon = e.field.rfind(": ");
    g.own = colon == std::string::npos;
    g.field = g.own ? e.field : e.field.substr(colon + 2);
    g.def = b.report.rulebook ? b.report.rulebook->fields.find(g.field) : nullptr;
    const Answer* a = g.own && bid && g.def ? bid->answers.get(g.def->id) : nullptr;
    if (!e.where.empty()) {
        g.where = e.where.display();
    } else if (a && !a->where.empty()) {
        g.where = a->where.display();
    }
    if (a) {
        const Value& v = a->value;
        if (v.is_absent()) {
            g.blank = true;
        } else if (v.is_invalid()) {
            g.unreadable = true;
            g.text = v.invalid_raw();
            g.why_unreadable = v.invalid_reason();
        } else {
            g.text = a->typed().empty() ? v.display() : a->typed();
        }
    } else if (e.value == Value().display()) {  // judged with no answer at all
        g.blank = true;
    } else {
        // Only the evidence to go by (a finding matched to no bid): an unreadable value
        // displays as "raw (invalid: reason)".
        g.text = e.value;
        g.unreadable = e.value.find("(invalid: ") != std::string::npos;
    }
    return g;
}

/// "B1, “Do you have ...?”": how the bidder's form names a question.
std::string asked(const GivenAnswer& g) {
    if (!g.def) return g.field;
    const std::string quoted = g.def->question.empty() ? std::string() : "\xE2\x80\x9C" + g.def->question + "\xE2\x80\x9D";
    if (g.def->ref.empty()) return quoted.empty() ? g.def->name : quoted;
    return quoted.empty() ? g.def->ref : g.def->ref + ", " + quoted;
}

/// "B1: Do you have ...?" for the Question column.
std::string question_line(const GivenAnswer& g) {
    if (!g.def || g.def->question.empty()) return g.def ? g.def->name : g.field;
    return g.def->ref.empty() ? g.def->question : g.def->ref + ": " + g.def->question;
}

/// What to send the bidder about one answer.
std::string ask_sentence(const GivenAnswer& g, const SupplierReturn* bid) {
    if (!g.own) {
        return "Not for the bidder: the council's own record of " + asked(g) +
               " is blank or unreadable; complete it and the rule can be judged.";
    }
    if (g.blank) {
        if (!g.where.empty()) return "Please answer " + asked(g) + ": the answer at " + g.where + " was blank.";
        return "Please answer " + asked(g) + ": " +
               (bid && !bid->source_name.empty() ? bid->source_name : std::string("your return")) +
               " did not include it.";
    }
    std::string out = "Please confirm " + asked(g) + " \xE2\x80\x94 your answer" +
                      (g.where.empty() ? std::string() : " at " + g.where) + " was '" + g.text + "'";
    if (g.unreadable) {
        out += ", which could not be read";
        if (!g.why_unreadable.empty()) out += " (" + g.why_unreadable + ")";
    }
    return out + ".";
}

/// Never empty, so that a referred finding's lines of questions, answers and places align.
std::string given_line(const GivenAnswer& g) { return g.blank || g.text.empty() ? std::string("(blank)") : g.text; }

std::string where_line(const GivenAnswer& g, const SupplierReturn* bid) {
    if (!g.where.empty()) return g.where;
    if (!g.own) return "(the council's records)";
    return bid && !bid->source_name.empty() ? "not in " + bid->source_name : std::string("(not in the return)");
}

/// The rows for one finding: one per blank or unreadable answer of a missing finding, one for
/// a referred finding (every answer of the bid's that it read).
void add_clarifications(const Build& b, std::size_t bid, std::size_t rule_order, const Finding& f,
                        std::vector<Clarification>& out) {
    const SupplierReturn* r = bid < b.bids.size() ? b.bids[bid] : nullptr;
    Clarification base;
    base.bid = bid;
    base.rule_order = rule_order;
    base.finding = &f;
    if (f.outcome == Outcome::Missing) {
        const std::size_t before = out.size();
        for (const Evidence& e : f.evidence) {
            const GivenAnswer g = given_answer(b, r, e);
            if (!g.blank && !g.unreadable) continue;
            Clarification c = base;
            c.reason = !g.own ? AskReason::CouncilRecord : g.blank ? AskReason::Blank : AskReason::Unreadable;
            c.question = question_line(g);
            c.given = given_line(g);
            c.where = where_line(g, r);
            c.sentence = ask_sentence(g, r);
            out.push_back(std::move(c));
        }
        if (out.size() == before) {
            // Missing with no answer to point at (the contract's dates, say): the message says what.
            Clarification c = base;
            c.reason = AskReason::CouncilRecord;
            c.question = f.message;
            c.given = f.found.empty() ? std::string("(blank)") : f.found;
            c.sentence = "Not for the bidder: " + f.message + ".";
            out.push_back(std::move(c));
        }
        return;
    }
    Clarification c = base;
    c.reason = AskReason::Referred;
    std::vector<std::string> questions, given, where, sentences;
    for (const Evidence& e : f.evidence) {
        const GivenAnswer g = given_answer(b, r, e);
        if (!g.own) continue;  // the council's own facts are not the bidder's to confirm
        questions.push_back(question_line(g));
        given.push_back(given_line(g));
        where.push_back(where_line(g, r));
        sentences.push_back(ask_sentence(g, r));
    }
    if (sentences.empty()) {
        c.question = f.message;
        c.given = f.found;
        c.sentence = "Please send evidence for: " + f.rule_title + ".";
    } else {
        c.question = detail::join_nonempty(questions, "\n");
        c.given = detail::join_nonempty(given, "\n");
        c.where = detail::join_nonempty(where, "\n");
        c.sentence = detail::join_nonempty(sentences, " ");
    }
    out.push_back(std::move(c));
}

/// Each clause a finding cites, with the document and section it comes from when the
/// rulebook has them, one per line.
std::string why_needed(const Build& b, const Finding& f) {
    std::vector<std::string> lines;
    for (const std::string& ref : f.citations) {
        const Clause* c = b.report.rulebook ? b.report.rulebook->clause(ref) : nullptr;
        const std::string source = c ? detail::join_nonempty({c->document, c->section}, ", ") : std::string();
        lines.push_back(source.empty() ? ref : ref + ": " + source);
    }
    return detail::join_nonempty(lines, "\n");
}

void write_clarifications(Build& b) {
    SheetWriter s = b.add_sheet("Clarifications");
    const Formats& f = b.formats;
    const std::vector<std::string> headers = {"Bidder", "Reason",  "Severity",         "Rule",
                                              "Title",  "Question", "Given",           "Where",
                                              "Why it is needed",   "Question to send"};
    const double widths[] = {20, 11, 10, 27, 20, 30, 16, 20, 24, 40};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    std::map<std::string, std::size_t> rule_order;
    for (std::size_t i = 0; i < b.rules.size(); ++i) rule_order.emplace(b.rules[i].id, i);
    std::vector<Clarification> rows;
    const std::vector<Finding>& all = b.report.findings;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].outcome != Outcome::Missing && all[i].outcome != Outcome::Refer) continue;
        add_clarifications(b, b.finding_bid[i], rule_order.at(all[i].rule_id), all[i], rows);
    }
    // By bid (column order), then rule (severity, then rulebook order); a finding's answers
    // keep their reading order. Findings matched to no bid go last, by supplier.
    std::stable_sort(rows.begin(), rows.end(), [](const Clarification& x, const Clarification& y) {
        if (x.bid != y.bid) return x.bid < y.bid;
        if (x.finding->supplier_id != y.finding->supplier_id) return x.finding->supplier_id < y.finding->supplier_id;
        if (x.rule_order != y.rule_order) return x.rule_order < y.rule_order;
        return x.finding->subject_id < y.finding->subject_id;
    });

    lxw_row_t row = 1;
    for (const Clarification& c : rows) {
        const Finding& fi = *c.finding;
        s.text(row, 0, c.bid < b.bids.size() ? bidder_label(*b.bids[c.bid]) : fi.supplier_id, f.text);
        s.text(row, 1, to_label(c.reason), f.outcome(fi.outcome));
        s.text(row, 2, display_label(to_string(fi.severity)), f.text);
        s.text(row, 3, fi.rule_id, f.text);
        s.text(row, 4, fi.rule_title, f.text);
        s.text(row, 5, c.question, f.text);
        s.text(row, 6, c.given, f.text);
        s.text(row, 7, c.where, f.text);
        s.text(row, 8, why_needed(b, fi), f.text);
        s.text(row, 9, c.sentence, f.text);
        ++row;
    }
    if (rows.empty()) s.text(row++, 0, "No clarifications needed", f.note);
    s.table("TenderClarifications", 0, headers, row - 1);
    worksheet_freeze_panes(s.get(), 1, 0);
    s.print_setup(b.page, 0);
}

void write_findings(Build& b) {
    SheetWriter s = b.add_sheet("Findings");
    const Formats& f = b.formats;
    const std::vector<std::string> headers = {"Bidder", "Outcome", "Severity", "Rule",  "Title",   "Message",
                                              "Expected", "Found", "Where",    "Citations", "Remedy"};
    // As narrow as the text allows, so that fitted to an A4 page's width it still reads; long
    // text wraps and its row grows (see SheetWriter).
    const double widths[] = {22, 10, 10, 27, 20, 32, 18, 22, 20, 12, 28};
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    // By bid (in column order), then severity, worst outcome, rule: reruns give one order.
    std::vector<std::size_t> order(b.report.findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const std::vector<Finding>& all = b.report.findings;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Finding &a = all[x], &c = all[y];
        if (b.finding_bid[x] != b.finding_bid[y]) return b.finding_bid[x] < b.finding_bid[y];
        if (a.supplier_id != c.supplier_id) return a.supplier_id < c.supplier_id;
        if (a.severity != c.severity) return a.severity < c.severity;
        if (detail::worst_first_rank(a.outcome) != detail::worst_first_rank(c.outcome)) {
            return detail::worst_first_rank(a.outcome) < detail::worst_first_rank(c.outcome);
        }
        if (a.rule_id != c.rule_id) return a.rule_id < c.rule_id;
        return a.subject_id < c.subject_id;
    });

    lxw_row_t row = 1;
    for (std::size_t i : order) {
        const Finding& fi = all[i];
        const std::size_t bid = b.finding_bid[i];
        s.text(row, 0, bid < b.bids.size() ? bidder_label(*b.bids[bid]) : fi.supplier_id, f.text);
        s.text(row, 1, display_label(to_string(fi.outcome)), f.outcome(fi.outcome));
        s.text(row, 2, display_label(to_string(fi.severity)), f.text);
        s.text(row, 3, fi.rule_id, f.text);
        s.text(row, 4, fi.rule_title, f.text);
        s.text(row, 5, fi.message, f.text);
        s.text(row, 6, fi.expected, f.text);
        s.text(row, 7, found_text(fi, b.report.rulebook), f.text);
        s.text(row, 8, detail::evidence_places(fi), f.text);
        s.text(row, 9, detail::join_nonempty(fi.citations, ", "), f.text);
        s.text(row, 10, remedy_text(fi), f.text);
        ++row;
    }
    s.table("TenderFindings", 0, headers, row - 1);
    worksheet_freeze_panes(s.get(), 1, 0);
    s.print_setup(b.page, 0);
}

}  // namespace

void write_tender_comparison(const TenderReport& report, const std::string& path) {
    detail::write_workbook_file(path, [&](lxw_workbook* wb, detail::WorkbookErrors& errors) {
        Build b(report, wb, errors);
        b.estimate = estimated_value(report);
        detail::set_properties(wb, errors, "Tender comparison \xE2\x80\x94 " + report.tender_id, report.tender_id,
                               report.rulebook ? "Judged by rulebook " + rulebook_line(report) : std::string(),
                               report.data_date);
        const std::optional<Date> date = Date::parse_iso(report.data_date);
        const Contract* c = report.contract;
        b.page = {"Tender " + report.tender_id, date ? format_date(*date) : report.data_date,
                  "Tender comparison \xE2\x80\x94 " + report.tender_id +
                      (c ? ", contract " + c->id + (c->title.empty() ? std::string() : " " + c->title) : std::string())};
        order_bids(b);
        collect_rules(b);
        match_findings(b);
        rank_bids(b);
        write_bidders(b);
        write_social_value(b);
        write_clarifications(b);
        write_findings(b);
    });
}

}  // namespace fairgate::reports
