#pragma once
// The batch pipeline: inbox -> import -> store -> judge -> workbooks. `fairgate run` and the
// service both drive this one pipeline.

#include <optional>
#include <string>
#include <vector>

#include "importers/template_mapping.hpp"
#include "model/run.hpp"
#include "pipeline/batch_progress.hpp"
#include "rulebook/rulebook.hpp"
#include "store/store.hpp"

namespace fairgate {

struct BatchOptions {
    std::string inbox;            ///< Folder read recursively, in name order.
    /// When set, exactly these files in this order instead of the inbox's contents (the
    /// service hands over the files it has taken); an empty list reads nothing.
    std::optional<std::vector<std::string>> files;
    /// Writes the run's portfolio workbook. The service's small runs leave it to full runs,
    /// since a portfolio of the few contracts one upload touched would replace the whole one.
    bool write_portfolio = true;
    /// Template mappings (`--mappings DIR`, `fairgate.mappings`): a file one applies to is read
    /// with its headings, as importers::ReadingPlan decides.
    std::vector<importers::TemplateMapping> mappings;
    std::string out_dir;          ///< Workbooks go to OUT/<contract>/...
    std::string quarantine_dir;   ///< Refused files are copied here with a .reason.txt.
    bool all_contracts = false;   ///< Judge every stored contract, not only those in the inbox.
    std::string as_of;            ///< ISO date the position is stated at; empty: from the data.
    std::string fairgate_version;
    /// Threads that read the inbox's files ahead, and then that judge contracts and write
    /// their workbooks (the store is read and written by the calling thread only). 0: one per
    /// core; 1: the calling thread reads every file itself.
    unsigned jobs = 0;
    /// Told how far the run has got after each file, contract and tender; null: nobody asks.
    BatchProgressObserver* progress = nullptr;
};

struct BatchResult {
    Run run;  ///< With its files and the contracts judged, as stored.
};

/// Runs the batch. Bad files never stop it: each is quarantined with its reason and the
/// run goes on. Throws only when the run itself cannot proceed (store unreachable, output
/// folder not writable); the run is then recorded as failed where the store allows.
BatchResult run_batch(const Rulebook& rulebook, Store& store, const BatchOptions& options);

/// A time-ordered unique run id: "20261123T101500.250Z-3f2a9c".
std::string new_run_id();

}  // namespace fairgate
