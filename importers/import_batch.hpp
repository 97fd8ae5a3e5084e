#pragma once
// Putting a file's returns into the batches import_file_in_batches hands its sink, as they are
// read, with each batch's notes in the order import_file lists them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "importers/import_result.hpp"
#include "model/run.hpp"
#include "model/supplier_return.hpp"

namespace fairgate::importers {

/// Returns as they are read, put into batches of `size` for `sink`: each batch's notes are
/// its rows' cell notes, then their identity notes (as import_file lists them). Returns may
/// be added one at a time or a stretch at once; each is marked with the worker thread that
/// read it (-1: the caller's), so that what the sink leaves of a batch can be handed back to
/// be freed there (`spent`, with the batch's returns in runs of one worker's).
class ReturnBatches {
public:
    using Spent = std::function<void(int worker, std::vector<SupplierReturn> returns)>;

    /// `sink` must outlive the batches.
    ReturnBatches(size_t size, const ImportBatchSink& sink, Spent spent = {})
        : size_(size), sink_(sink), spent_(std::move(spent)) {}

    /// Where the reader puts the notes about the cells of the return it is about to add.
    std::vector<ImportNote>& cell_notes() { return batch_.notes; }
    /// Where the reader puts the notes about that return's identity.
    std::vector<ImportNote>& identity_notes() { return identity_notes_; }

    /// One return, its notes already in cell_notes() and identity_notes().
    void add(SupplierReturn r, int worker = -1);

    /// A stretch's returns with their notes, `notes` holding for each return in turn its cell
    /// notes then its identity notes, as many as `note_counts` says.
    void add(std::vector<SupplierReturn> returns, std::vector<ImportNote> notes,
             const std::vector<std::pair<uint32_t, uint32_t>>& note_counts, int worker);

    /// Hands over the last batch, if it holds any return.
    void finish() {
        if (!batch_.returns.empty()) hand_over();
    }
    /// Returns added so far.
    size_t total() const { return total_; }

private:
    void own(int worker, size_t n);
    void hand_over();

    size_t size_;
    const ImportBatchSink& sink_;
    Spent spent_;
    ImportBatch batch_;
    std::vector<ImportNote> identity_notes_;
    std::vector<std::pair<int, size_t>> owners_;  ///< The batch's returns in runs: (worker, count).
    size_t total_ = 0;
};

}  // namespace fairgate::importers
