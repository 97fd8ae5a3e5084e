#include "importers/csv_typing.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <future>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/contract_register.hpp"
#include "importers/csv_reader.hpp"
#include "importers/import_batch.hpp"
#include "importers/personal_data.hpp"
#include "importers/return_identity.hpp"
#include "importers/table_layout.hpp"
#include "importers/whole_grid.hpp"

namespace fairgate::importers {
namespace {

// What each record of a CSV table of returns is read against.
struct TableShape {
    const SourceFile& file;
    FileName name;
    std::string_view text;  ///< The whole file's text.
    const TableHeading& heading;
    RowShape rows;
    IdentityFields identity;
    const ImportLimits& limits;
};

// The returns of some consecutive records, each with its own notes, so that they can be put
// into batches exactly as if they had been read one at a time.
struct TypedRecords {
    std::vector<SupplierReturn> returns;
    std::vector<ImportNote> notes;  ///< For each return in turn: its cells' notes, then its identity's.
    std::vector<std::pair<uint32_t, uint32_t>> note_counts;  ///< Per return: (cell notes, identity notes).
    std::exception_ptr error;  ///< The ImportError that stopped reading after `returns`, if any.
    size_t records = 0;        ///< Records read, blank ones included.
    size_t end = 0;            ///< Where the reader stopped: the offset of the next record,
    unsigned long end_line = 0;  ///< and its line.
    int worker = -1;             ///< The StretchTyping worker that read them; -1: this thread.
};

// Records typed at once on one thread: a batch, up to this many.
constexpr size_t kMaxStretchRecords = 4096;

// Records of a table that one task reads: those starting from `begin` (on `line`, record
// index `row`) up to before `end`, offsets in the file's text.
struct Stretch {
    size_t begin = 0, end = 0;
    unsigned long line = 1;
    size_t row = 0;
};

// Reads and types up to `records` records from `reader`, the first being record index `row`,
// stopping before a record that starts at or after `until`, as read_table_rows and
// read_table_grid do for a grid's rows (see RowShape). Runs on any thread: it only reads
// the shape and the text.
TypedRecords type_records(const TableShape& shape, CsvReader& reader, size_t row, size_t records,
                          size_t until = SIZE_MAX) {
    TypedRecords out;
    out.returns.reserve(std::min<size_t>(records, kMaxStretchRecords));
    std::vector<Cell> cells;
    try {
        for (size_t r = row; r - row < records && reader.position() < until && reader.next(cells); ++r) {
            ++out.records;
            if (std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return c.blank(); })) continue;
            const size_t notes_before = out.notes.size();
            Record record = read_table_row(cells, shape.heading, shape.rows, false,
                                           [&](size_t c) { return csv_where(shape.name, cells, r, c); }, out.notes);
            const size_t cell_notes = out.notes.size() - notes_before;
            const ReturnPlace place{shape.file.name, csv_row_name(cells, r), true};
            out.returns.push_back(identify_return(std::move(record), shape.identity, shape.file, place, out.notes));
            out.note_counts.emplace_back(static_cast<uint32_t>(cell_notes),
                                         static_cast<uint32_t>(out.notes.size() - notes_before - cell_notes));
        }
    } catch (const ImportError&) {
        // The returns before it are handed over first, as when read one at a time.
        out.error = std::current_exception();
    }
    out.end = reader.position();
    out.end_line = reader.line();
    return out;
}

// The records of `stretch`, read with a reader of its own over the whole text: the last one
// may run on past `end` (a quoted field holding a line break), and the caller learns where
// it ended from TypedRecords::end.
TypedRecords type_records(const TableShape& shape, const Stretch& stretch) {
    CsvReader reader(shape.file.name, shape.text, shape.limits);
    reader.seek(stretch.begin, stretch.line);
    return type_records(shape, reader, stretch.row, SIZE_MAX, stretch.end);
}

// The offset just past the first line break at or after `from` (CRLF, LF or a lone CR, as
// CsvReader reads them), or the end of the text: where a record most likely starts.
size_t after_line_break(std::string_view text, size_t from) {
    for (size_t i = from; i < text.size(); ++i) {
        if (text[i] == '\n') return i + 1;
        if (text[i] == '\r') return i + 1 < text.size() && text[i + 1] == '\n' ? i + 2 : i + 1;
    }
    return text.size();
}

// Line breaks in [from, to), counted as CsvReader counts them (inside quotes too): each LF,
// and each CR not followed by an LF.
unsigned long line_breaks(std::string_view text, size_t from, size_t to) {
    unsigned long n = 0;
    const char* const begin = text.data() + from;
    const char* const end = text.data() + to;
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p) ++n;
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<size_t>(end - p)))); ++p) {
        if (p + 1 >= text.data() + text.size() || p[1] != '\n') ++n;
    }
    return n;
}

// Types stretches of one table on worker threads of its own (started once per file, not per
// stretch: a thread per task cost more than it saved), results collected in submission order.
class StretchTyping {
public:
    StretchTyping(const TableShape& shape, unsigned workers) : shape_(shape), spent_(workers) {
        for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this, i] { work(static_cast<int>(i)); });
    }
    ~StretchTyping() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (std::thread& t : threads_) t.join();
    }
    StretchTyping(const StretchTyping&) = delete;
    StretchTyping& operator=(const StretchTyping&) = delete;

    /// Returns read by `worker`, done with: that worker frees them. Freeing memory on
    /// another thread than the one that allocated it takes the allocating thread's heap lock
    /// against its own allocations, and measured on two vCPUs that contention cost more than
    /// the workers saved.
    void recycle(int worker, std::vector<SupplierReturn> spent) {
        if (worker < 0 || static_cast<size_t>(worker) >= threads_.size()) return;  // freed here
        {
            std::lock_guard<std::mutex> lock(mutex_);
            spent_[static_cast<size_t>(worker)].push_back(std::move(spent));
        }
        wake_.notify_all();
    }

    std::future<TypedRecords> submit(const Stretch& stretch) {
        std::promise<TypedRecords> promise;
        std::future<TypedRecords> result = promise.get_future();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            jobs_.emplace_back(stretch, std::move(promise));
        }
        wake_.notify_one();
        return result;
    }

private:
    void work(int self) {
        std::vector<std::vector<SupplierReturn>> spent;
        for (;;) {
            std::optional<std::pair<Stretch, std::promise<TypedRecords>>> job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || !jobs_.empty() || !spent_[static_cast<size_t>(self)].empty(); });
                if (stopping_) return;  // a reading that stopped wants no more results
                spent.swap(spent_[static_cast<size_t>(self)]);
                if (!jobs_.empty()) {
                    job.emplace(std::move(jobs_.front()));
                    jobs_.pop_front();
                }
            }
            spent.clear();  // freed here, on the thread that allocated them
            if (!job) continue;
            try {
                TypedRecords typed = type_records(shape_, job->first);
                typed.worker = self;
                job->second.set_value(std::move(typed));
            } catch (...) {
                job->second.set_exception(std::current_exception());
            }
        }
    }

    const TableShape& shape_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<Stretch, std::promise<TypedRecords>>> jobs_;
    std::vector<std::vector<std::vector<SupplierReturn>>> spent_;  ///< Per worker: to free.
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace

// With worker threads, the text is cut into stretches of about
// ImportLimits::parallel_stretch_bytes, each starting just after a line break, which is where a record starts unless
// the break lies inside a quoted field; this thread counts the lines before each (cheap: no
// field is read), the workers type them, and this thread puts their returns into batches in
// file order. Each stretch's reading says where its last record really ended: when that is not
// where the next stretch was guessed to start, the guess fell inside a quoted field, and the
// next stretch is read again, on this thread, from the right place. So the batches, returns,
// notes and errors are those of reading on one thread. At most twice as many stretches as
// workers are in flight.
bool stream_csv_returns(const SourceFile& file, std::string_view text, const FieldDictionary& fields,
                        size_t batch_size, const ImportBatchSink& sink, const ImportLimits& limits, ImportResult& result) {
    CsvReader reader(file.name, text, limits);
    std::vector<Cell> cells;
    try {
        // The rows up to the heading (the first non-blank one), as a grid of their own.
        Grid head;
        head.file = file.name;
        head.csv = true;
        bool found = false;
        while (!found && reader.next(cells)) {
            head.rows.push_back(CellRow(cells));
            found = !head.blank_row(head.rows.size() - 1);
        }
        if (!found) throw ImportError(file.name, "holds no data: every line is blank");
        const size_t heading_row = head.rows.size() - 1;
        // Before any column is read: a table about people is refused whatever else it holds.
        refuse_personal_data(head, heading_row, heading_row + 1);
        std::vector<ImportNote> heading_notes;
        const TableHeading heading = read_table_heading(head, fields, heading_notes);
        require_a_known_heading(heading, file.name);
        if (is_register(heading, fields)) return false;
        result.format = "csv table";
        result.notes.insert(result.notes.end(), std::make_move_iterator(heading_notes.begin()),
                            std::make_move_iterator(heading_notes.end()));

        const TableShape shape{file, FileName(file.name), text, heading, row_shape(heading), IdentityFields(fields), limits};

        // A small table is read on this thread alone: starting workers would cost more.
        const unsigned cores = std::thread::hardware_concurrency();
        unsigned threads = limits.threads ? limits.threads : std::min(4u, std::max(1u, cores));
        if (text.size() - reader.position() < limits.parallel_from_bytes) threads = 1;
        // Declared after the shape they read: the workers are joined before it goes.
        std::optional<StretchTyping> typing;
        if (threads > 1) typing.emplace(shape, threads);

        // What the sink leaves of a batch is freed by the workers that read it
        // (StretchTyping::recycle).
        ReturnBatches batches(batch_size, sink, typing ? ReturnBatches::Spent([&](int worker, std::vector<SupplierReturn> spent) {
            typing->recycle(worker, std::move(spent));
        }) : ReturnBatches::Spent());
        auto take = [&](TypedRecords typed) {
            batches.add(std::move(typed.returns), std::move(typed.notes), typed.note_counts, typed.worker);
            if (typed.error) std::rethrow_exception(typed.error);
        };

        std::deque<std::future<TypedRecords>> tasks;  // in flight, oldest first
        size_t row = heading_row + 1;
        if (!typing) {
            // One thread reads each record once, typing as it goes, a batch at a time (so
            // that each stretch's returns are taken whole).
            const size_t stretch = std::min(batch_size, kMaxStretchRecords);
            for (;;) {
                TypedRecords typed = type_records(shape, reader, row, stretch);
                row += typed.records;
                const bool more = typed.records == stretch;
                take(std::move(typed));
                if (!more) break;
            }
        } else {
            // Enough text that handing a stretch over costs little beside typing it, little
            // enough that the returns in flight stay small (256 KB: about 1,300 records and
            // 7 MB of returns each).
            const size_t stretch_bytes = static_cast<size_t>(std::max<uint64_t>(1, limits.parallel_stretch_bytes));
            std::deque<Stretch> submitted;  // in the order of `tasks`
            Stretch next{reader.position(), 0, reader.line(), row};
            auto submit = [&] {
                while (next.begin < text.size() && tasks.size() < 2 * threads) {
                    next.end = after_line_break(text, std::min<size_t>(text.size(), next.begin + stretch_bytes));
                    submitted.push_back(next);
                    tasks.push_back(typing->submit(next));
                    next.line += line_breaks(text, next.begin, next.end);
                    next.begin = next.end;
                }
            };
            // Where the next stretch's first record really starts, as the stretches before it found.
            size_t begin = next.begin;
            unsigned long line = next.line;
            for (submit(); !tasks.empty(); submit()) {
                const Stretch stretch = submitted.front();
                TypedRecords typed = tasks.front().get();
                submitted.pop_front();
                tasks.pop_front();
                if (stretch.begin != begin) {
                    // Guessed inside a quoted field: read it again from where the record ended.
                    typed = begin < stretch.end ? type_records(shape, Stretch{begin, stretch.end, line, stretch.row}) : TypedRecords{};
                    if (begin >= stretch.end) {
                        typed.end = begin;
                        typed.end_line = line;
                    }
                }
                begin = typed.end;
                line = typed.end_line;
                take(std::move(typed));
            }
        }
        batches.finish();
        if (batches.total() == 0) throw ImportError(file.name, "has a heading row but no returns below it");
    } catch (const ImportError&) {
        // The whole text used to be parsed before any row was read: a quote left open
        // further on is the error to report (next() throws it), as it was then.
        while (reader.skip()) {
        }
        throw;
    }
    return true;
}

}  // namespace fairgate::importers
