#include "pipeline/read_ahead.hpp"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <utility>

#include "model/content_hash.hpp"

namespace fs = std::filesystem;

namespace fairgate {

ReadAhead::ReadAhead(std::vector<File> files, Options options)
    : files_(std::move(files)), options_(std::move(options)) {
    options_.window = std::max<size_t>(1, options_.window);
    options_.workers = std::max(1u, options_.workers);
    if (!options_.parse) options_.parse = [](const SourceFile& file, const FieldDictionary& fields, size_t batch_size,
                                             const importers::ImportBatchSink& sink) {
        return importers::import_file_in_batches(file, fields, batch_size, sink);
    };
    // A ring of `window` slots: file i waits in slot i % window, which file i - window, taken
    // already, has left (a worker starts file i only then).
    held_.resize(options_.window);
    // What each file holds against the byte budget, by its size as listed (a worker takes the
    // size again when it reads, so that the size reported goes with the content it hashes): a
    // file too big to parse ahead is only hashed and holds none.
    sizes_.reserve(files_.size());
    for (const File& f : files_) {
        std::error_code ec;
        const uint64_t size = fs::file_size(f.file.path, ec);
        sizes_.push_back(ec || size > options_.max_file_bytes ? 0 : size);
    }
    try {
        for (unsigned w = 0; w < options_.workers && w < files_.size(); ++w) workers_.emplace_back([this] { work(); });
    } catch (...) {
        stop();  // the destructor does not run for a constructor that throws
        throw;
    }
}

ReadAhead::~ReadAhead() { stop(); }

void ReadAhead::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    may_read_.notify_all();
    for (auto& t : workers_)
        if (t.joinable()) t.join();
}

FileReadAhead ReadAhead::next() {
    std::unique_lock<std::mutex> lock(mutex_);
    assert(next_to_take_ < files_.size() && "next() once per file");
    std::optional<FileReadAhead>& slot = held_[next_to_take_ % options_.window];
    read_one_.wait(lock, [&] { return slot.has_value(); });
    FileReadAhead file = std::move(*slot);
    slot.reset();
    held_bytes_ -= sizes_[next_to_take_];
    ++next_to_take_;
    lock.unlock();
    // The window has moved on by one file, and the bytes it held may let more than one start.
    may_read_.notify_all();
    return file;
}

void ReadAhead::work() {
    for (;;) {
        size_t index;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            may_read_.wait(lock, [&] {
                if (stopping_ || next_to_read_ == files_.size()) return true;
                if (next_to_read_ >= next_to_take_ + options_.window) return false;
                // The next file to hand over is read whatever its size: the caller waits for it.
                return next_to_read_ == next_to_take_ || held_bytes_ + sizes_[next_to_read_] <= options_.max_held_bytes;
            });
            if (stopping_ || next_to_read_ == files_.size()) return;
            index = next_to_read_++;
            held_bytes_ += sizes_[index];
        }
        FileReadAhead file = read(files_[index]);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            held_[index % options_.window] = std::move(file);
        }
        // Only the one thread calling next() waits on it.
        read_one_.notify_one();
    }
}

// As Batch::take would: the size, then the hash, then (a file small enough to hold) the parse.
// Nothing thrown leaves: it is kept for the caller.
FileReadAhead ReadAhead::read(const File& f) const {
    FileReadAhead r;
    std::error_code ec;
    r.size = fs::file_size(f.file.path, ec);
    try {
        r.sha256 = sha256_of_file(f.file.path);
    } catch (...) {
        r.hash_error = std::current_exception();
        return r;
    }
    if (r.size > options_.max_file_bytes) return r;
    r.parsed = true;
    try {
        SourceFile file = f.file;
        file.sha256 = r.sha256;
        file.size = r.size;
        r.result = options_.parse(file, *f.fields, options_.batch_size, [&](importers::ImportBatch& batch) {
            r.batches.push_back(std::move(batch));
        });
    } catch (...) {
        r.parse_error = std::current_exception();
    }
    return r;
}

}  // namespace fairgate
