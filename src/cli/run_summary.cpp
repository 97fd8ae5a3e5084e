#include "cli/run_summary.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "model/printable.hpp"

namespace fairgate::cli {

void print_run_summary(std::ostream& out, const BatchResult& result, const std::string& db) {
    const Run& run = result.run;
    std::map<FileStatus, size_t> by_status;
    for (const auto& f : run.files) ++by_status[f.status];

    out << "\nfairgate run " << run.id << " (" << to_string(run.status) << ")\n";
    out << "  rulebook   " << run.rulebook_id << " " << run.rulebook_version << "\n";
    out << "  files      " << run.files.size() << " found: " << by_status[FileStatus::Imported] << " imported, "
        << by_status[FileStatus::Duplicate] << " already imported, " << by_status[FileStatus::Quarantined]
        << " quarantined, " << by_status[FileStatus::Skipped] << " skipped\n";
    for (const auto& f : run.files) {
        if (f.status == FileStatus::Quarantined) {
            out << "    refused  " << printable(f.file.path) << "\n             " << printable(f.reason) << "\n";
            for (const RefusedIdentity& r : f.refused_returns)
                out << "             the " << r.period.label() << " return for contract " << printable(r.contract_id)
                    << ": reported as received and refused\n";
        }
    }
    size_t notes = 0;
    for (const auto& f : run.files) notes += f.notes.size();
    if (notes) {
        out << "  notes      " << notes << " (unrecognised columns or unreadable answers):\n";
        size_t shown = 0;
        for (const auto& f : run.files) {
            for (const auto& n : f.notes) {
                if (shown++ < 10) out << "    " << n.where << ": " << n.message << "\n";
            }
        }
        if (shown > 10) out << "    ... and " << (shown - 10) << " more (see the log and the store)\n";
    }
    out << "  contracts  " << run.contracts_reported << " judged; returns " << run.returns_evaluated << "\n";
    size_t tender_facts = 0;  // tenders known before award: pipeline rows, OCDS notices
    for (const auto& f : run.files) tender_facts += f.tenders;
    out << "  tenders    " << run.tenders_reported << " screened (bids compared in OUT/tenders/)";
    if (tender_facts) out << "; " << tender_facts << " tenders' own facts read (tender pipeline, OCDS notices)";
    out << "\n";
    if (!run.error.empty()) out << "  problems   " << printable(run.error) << "\n";
    out << "  findings  ";
    for (Outcome o : kAllOutcomes) out << " " << to_string(o) << " " << run.outcomes[static_cast<size_t>(o)];
    out << "\n";
    // The rules that bite: every rule with a non-passing finding, worst first.
    std::vector<std::pair<std::string, OutcomeCounts>> biting;
    for (const auto& [rule, counts] : run.rule_outcomes) {
        const auto idx = [&](Outcome o) { return counts[static_cast<size_t>(o)]; };
        if (idx(Outcome::Fail) + idx(Outcome::Missing) + idx(Outcome::Warn) + idx(Outcome::Refer) > 0)
            biting.emplace_back(rule, counts);
    }
    std::stable_sort(biting.begin(), biting.end(), [](const auto& a, const auto& b) {
        const auto bad = [](const OutcomeCounts& c) {
            return c[static_cast<size_t>(Outcome::Fail)] + c[static_cast<size_t>(Outcome::Missing)];
        };
        return bad(a.second) > bad(b.second);
    });
    if (!biting.empty()) {
        out << "  by rule    (fail / missing / refer / warn)\n";
        for (const auto& [rule, c] : biting) {
            out << "    " << rule << std::string(rule.size() < 30 ? 30 - rule.size() : 1, ' ')
                << c[static_cast<size_t>(Outcome::Fail)] << " / " << c[static_cast<size_t>(Outcome::Missing)] << " / "
                << c[static_cast<size_t>(Outcome::Refer)] << " / " << c[static_cast<size_t>(Outcome::Warn)] << "\n";
        }
    }
    std::map<ContractStatus, size_t> contracts_by_status;
    for (const auto& c : result.run.contracts) ++contracts_by_status[c.status];
    out << "  status     red " << contracts_by_status[ContractStatus::Red] << ", amber " << contracts_by_status[ContractStatus::Amber]
        << ", green " << contracts_by_status[ContractStatus::Green] << "\n";
    out << "  store      " << db << "\n";
    if (!result.run.contracts.empty()) {
        const std::filesystem::path out_dir(run.out_dir);
        out << "  workbooks  " << out_dir.string() << "/ (" << result.run.contracts.size()
            << ", one folder per contract)\n";
        if (std::filesystem::is_directory(out_dir / "tenders"))
            out << "  tenders    " << (out_dir / "tenders").string() << "/ (bidders compared, one folder per tender)\n";
        if (!result.run.contracts.front().portfolio.empty())
            out << "  portfolio  " << result.run.contracts.front().portfolio << "\n";
    }
}

}  // namespace fairgate::cli
