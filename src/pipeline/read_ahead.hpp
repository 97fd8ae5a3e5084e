#pragma once
// Reading an inbox's files ahead of the thread that stores them. A batch's read phase is
// half parsing and hashing, half SQLite; the store belongs to one thread, the parsing need
// not. Workers hash and parse the next few files while the batch thread checks and stores
// the current one.
//
// The contract:
// - Order: next() hands the files over in the order they were given, each once, whichever
//   worker read it and whenever it finished.
// - Memory: at most `window` files are being read or held read at once (the next `window`
//   files not yet handed over), together at most `max_held_bytes` of input (the next file to
//   hand over is always read, whatever its size), and only files of at most `max_file_bytes`
//   are parsed ahead; a bigger one is only hashed, and left for the caller to read itself,
//   streaming, so that a large file is never held whole.
// - Errors: nothing a file does escapes on a worker. What hashing threw, and what parsing
//   threw (with the batches handed over before it), is kept with that file and given to the
//   caller at that file's turn, to rethrow where it would have thrown had the caller read the
//   file itself.
// - Threads: the destructor stops the workers and joins them, whether or not every file was
//   taken; a file being read then is read to its end first.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "importers/import.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate {

/// One file as a worker read it.
struct FileReadAhead {
    /// The file's size as std::filesystem::file_size(path, error_code) gave it (all ones when
    /// it could not be examined), and its SHA-256 (sha256_of_file).
    uint64_t size = 0;
    std::string sha256;
    /// What sha256_of_file threw; the file was then not parsed.
    std::exception_ptr hash_error;
    /// Whether it was parsed ahead; false: over max_file_bytes (or not hashed), for the caller
    /// to read.
    bool parsed = false;
    /// What import_file_in_batches handed over, in order, and what it returned; or, when it
    /// threw, the batches handed over before it did and what it threw.
    std::vector<importers::ImportBatch> batches;
    importers::ImportResult result;
    std::exception_ptr parse_error;
};

class ReadAhead {
public:
    /// A file to read: its name and path (a regular file the caller will import) and the
    /// dictionary it is read with, which must outlive the ReadAhead.
    struct File {
        SourceFile file;
        const FieldDictionary* fields = nullptr;
    };
    /// How a file is parsed: import_file_in_batches, or a stand-in in tests.
    using Parse = std::function<importers::ImportResult(const SourceFile& file, const FieldDictionary& fields,
                                                        size_t batch_size, const importers::ImportBatchSink& sink)>;
    struct Options {
        unsigned workers = 2;
        size_t window = 4;                        ///< Files read or held at once (at least 1).
        uint64_t max_file_bytes = 8ull << 20;     ///< Bigger files are hashed only.
        /// Input bytes (the sizes of files parsed ahead) read or held at once, but for the next
        /// file to hand over: a parsed file takes several times its size in memory.
        uint64_t max_held_bytes = 16ull << 20;
        size_t batch_size = 2000;                 ///< As the caller streams with.
        Parse parse;                              ///< Empty: import_file_in_batches.
    };

    /// Starts the workers, which begin at the first file.
    ReadAhead(std::vector<File> files, Options options);
    /// Stops and joins the workers.
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// The next file in order, once a worker has read it (blocks until then). Called at most
    /// once per file, from one thread.
    FileReadAhead next();

private:
    void work();
    FileReadAhead read(const File& f) const;
    void stop();

    std::vector<File> files_;
    Options options_;
    std::vector<std::optional<FileReadAhead>> held_;  // read, not yet taken: file i in slot i % window
    size_t next_to_read_ = 0;  // the next file a worker starts on
    size_t next_to_take_ = 0;  // the next file next() hands over
    // What each file holds against max_held_bytes: its size as listed; 0 if not parsed ahead.
    std::vector<uint64_t> sizes_;
    uint64_t held_bytes_ = 0;      // the sizes of files next_to_take_ .. next_to_read_ - 1
    bool stopping_ = false;
    std::mutex mutex_;
    std::condition_variable may_read_, read_one_;
    std::vector<std::thread> workers_;
};

}  // namespace fairgate
