#pragma once
// The parts of a zip package (an XLSX file), read within limits that stop zip bombs.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace fairgate::importers {

/// Thrown for a zip that cannot be read (damaged, truncated) or breaks a limit. The message
/// says which, in words; the XLSX reader turns it into an ImportError.
struct ZipProblem {
    std::string message;
    bool over_limit = false;  ///< A limit was hit, rather than the file being damaged.
};

/// An opened zip held in memory. Entries are inflated on demand; the sum of everything
/// inflated is capped (what is held whole, and all of it), and so is each entry's
/// inflated/compressed ratio once the entry inflates past 64 KiB (below that a high ratio is harmless, and small XML parts of blank
/// rows reach it legitimately).
class ZipPackage {
public:
    /// Parses the package's headers. Throws ZipProblem if `bytes` has no end-of-central-
    /// directory record (truncated) or its headers cannot be parsed. Everything read() returns
    /// may inflate to `max_held_bytes` in all, and everything read at all (read_pieces too) to
    /// `max_total_bytes`.
    ZipPackage(std::string bytes, uint64_t max_held_bytes, uint64_t max_total_bytes, uint32_t max_compression_ratio);
    ~ZipPackage();
    ZipPackage(const ZipPackage&) = delete;
    ZipPackage& operator=(const ZipPackage&) = delete;

    bool has(const std::string& entry) const;
    /// What the entry's header says it inflates to (a header can lie: only a hint).
    uint64_t declared_size(const std::string& entry) const;
    /// The entry's bytes. Throws ZipProblem when it is missing, damaged (CRC), or breaks a
    /// limit; the limit is enforced while inflating, not trusted from the headers.
    std::string read(const std::string& entry);
    /// The entry's bytes a piece at a time (up to 256 KiB each, in order), for a part too big
    /// to hold whole: `take` is called with each piece. Throws as read() does, possibly after some pieces; the checksum is checked once the last piece
    /// is read. `held` says the caller keeps what it reads (a sheet read whole into cells), so
    /// that it counts towards the held limit as read() does. Reading an entry again counts
    /// towards the limits only as far as it goes beyond the earlier readings.
    void read_pieces(const std::string& entry, const std::function<void(std::string_view piece)>& take, bool held = false);

private:
    struct State;

    std::unique_ptr<State> state_;
    uint64_t max_held_;
    uint64_t max_total_;
    uint32_t max_ratio_;
    uint64_t held_total_ = 0;
    uint64_t inflated_total_ = 0;
};

}  // namespace fairgate::importers
