#pragma once
// One batch run: what it read, what it refused, what it concluded.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "model/contract_status.hpp"
#include "model/finding.hpp"
#include "model/refused_return.hpp"
#include "model/source_file.hpp"

namespace fairgate {

/// What became of one input file in a run.
enum class FileStatus : uint8_t {
    Imported,     ///< Read; its returns or contracts are stored.
    Duplicate,    ///< The same bytes were imported before (by content hash); not read again.
    Quarantined,  ///< Refused; copied to quarantine with a reason file.
    Skipped,      ///< Not an input fairgate reads (README, reason files); left alone.
};
std::string_view to_string(FileStatus s);
std::optional<FileStatus> parse_file_status(std::string_view s);

/// Where a run stands.
enum class RunStatus : uint8_t {
    Running,      ///< Started and not finished (or its process has not been seen to end).
    Completed,    ///< Every file was dealt with and every contract judged; refusals included.
    Failed,       ///< The run itself could not go on (store unreachable, output not writable).
    Interrupted,  ///< Its process ended without finishing it (killed, crashed, power cut):
                  ///< marked so by the next start on the same host.
};
std::string_view to_string(RunStatus s);
std::optional<RunStatus> parse_run_status(std::string_view s);

/// A problem with part of a file that did not stop the file being imported: an unrecognised
/// column, an unreadable answer. Shown in the run summary and stored.
struct ImportNote {
    std::string where;    ///< Provenance display.
    std::string message;
};

struct FileResult {
    SourceFile file;
    std::string format;   ///< "xlsx form", "csv table", "contract register csv"...
    FileStatus status = FileStatus::Imported;
    std::string reason;   ///< Why quarantined, or which earlier run imported it.
    /// Quarantined: whether a copy of the file is kept in quarantine. Never for a file of
    /// individuals' personal data (no second copy of special category data), a link or other
    /// entry that is not a regular file (nothing is followed), or a file that cannot be read.
    bool copy_kept = true;
    std::vector<ImportNote> notes;
    uint32_t returns = 0;
    uint32_t contracts = 0;
    uint32_t tenders = 0;  ///< Tenders before award (tender pipeline rows, OCDS notices).
    /// Quarantined: the quarterly returns the file was for, where its header block or columns
    /// still told the contract and quarter (importers::identify_refused); stored with the
    /// refusal so that each quarter reads "received and refused".
    std::vector<RefusedIdentity> refused_returns;
};

/// Counts of findings by outcome, indexed by Outcome.
using OutcomeCounts = std::array<uint64_t, std::size(kAllOutcomes)>;

/// One contract judged in a run: its status and the workbook that shows it. Stored with the
/// run, so the service can say which workbook is a contract's latest and which run made it.
struct ContractOutcome {
    std::string contract_id;
    std::string workbook;         ///< Path written.
    std::string portfolio;        ///< The run's portfolio workbook, which lists this contract.
    /// What the workbook was written from (pipeline's evaluation_fingerprint); empty for a
    /// judgement stored before fingerprints were kept.
    std::string fingerprint;
    OutcomeCounts outcomes{};
    ContractStatus status = ContractStatus::Green;
};

/// One tender screened in a run: the comparison workbook that shows it and what that was
/// written from, so that a later run can leave an unchanged comparison alone. Stored with the
/// run, as ContractOutcome is.
struct TenderOutcome {
    std::string tender_id;
    std::string workbook;     ///< Path of its comparison workbook, written or left as it was.
    std::string fingerprint;  ///< evaluation_fingerprint of the screening.
};

struct Run {
    std::string id;           ///< Time-ordered unique id ("20261123T101500.250Z-3f2a9c").
    std::string started_at;   ///< UTC, ISO 8601.
    std::string finished_at;
    RunStatus status = RunStatus::Running;
    /// The process that ran it: host name and process id, so that a later start on the same
    /// host can tell a run still going from one whose process died.
    std::string host;
    int64_t pid = 0;
    std::string rulebook_id;
    std::string rulebook_version;
    std::string rulebook_sha256;
    std::string inbox;
    std::string out_dir;
    std::vector<FileResult> files;
    uint32_t contracts_reported = 0;
    uint32_t tenders_reported = 0;  ///< Tenders whose bids were screened and compared.
    uint32_t returns_evaluated = 0;
    OutcomeCounts outcomes{};
    /// Findings by rule and outcome across the run: which rules bite, and how often.
    std::map<std::string, OutcomeCounts> rule_outcomes;
    /// Contracts judged, in contract id order.
    std::vector<ContractOutcome> contracts;
    /// Tenders screened, in tender id order.
    std::vector<TenderOutcome> tenders;
    std::string error;        ///< Why it failed or was interrupted.
};

}  // namespace fairgate
