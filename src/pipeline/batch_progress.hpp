#pragma once
// How far a batch has got, told as it goes, for whoever shows it (`fairgate run` draws a bar
// or writes a line now and then). The pipeline never prints.

#include <cstddef>
#include <cstdint>

namespace fairgate {

/// A snapshot of a batch's progress. Counts only grow; a total is known when its stage starts.
struct BatchProgress {
    enum class Stage : uint8_t {
        Reading,  ///< Files of the inbox read and stored, one at a time.
        Judging,  ///< Contracts judged and tenders screened, on worker threads.
    };
    Stage stage = Stage::Reading;
    size_t files_read = 0;   ///< Read, refused or skipped: taken from the inbox.
    size_t files_total = 0;
    size_t contracts_judged = 0;  ///< Judged or found wanting (one that could not be judged counts).
    size_t contracts_total = 0;
    size_t tenders_screened = 0;
    size_t tenders_total = 0;
    /// Seconds since the stage began.
    double stage_seconds = 0;
};

/// Told of a batch's progress (BatchOptions::progress). Called after each file, contract and
/// tender, from the batch's thread or a worker thread, but never two calls at once: the batch
/// serialises them, so an observer needs no lock against itself. It must be quick (it runs
/// while a worker waits) and must not throw.
class BatchProgressObserver {
public:
    virtual ~BatchProgressObserver() = default;
    virtual void progress(const BatchProgress& now) = 0;
};

}  // namespace fairgate
