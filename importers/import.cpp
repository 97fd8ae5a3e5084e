// import_file: recognise the file by its content, then its layout, and read it.

#include "importers/import.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "importers/big_buffer.hpp"
#include "importers/import_batch.hpp"
#include "importers/whole_grid.hpp"
#include "importers/workbook_shape.hpp"
#include "importers/contract_register.hpp"
#include "importers/csv_reader.hpp"
#include "importers/cell_answer.hpp"
#include "importers/form_layout.hpp"
#include "importers/ocds_json.hpp"
#include "importers/personal_data.hpp"
#include "importers/public_register.hpp"
#include "importers/return_identity.hpp"
#include "importers/table_layout.hpp"
#include "importers/text_encoding.hpp"
#include "importers/xlsx_reader.hpp"
#include "importers/xml_return.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_bytes(const SourceFile& file, const ImportLimits& limits) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file.path, ec);
    if (ec) throw ImportError(file.name, "cannot be read: " + ec.message());
    if (size > limits.max_file_bytes) {
        throw ImportError(file.name, "is " + std::to_string(size) + " bytes, more than the limit of " +
                                         std::to_string(limits.max_file_bytes) + " bytes; it was not read");
    }
    std::ifstream in(file.path, std::ios::binary);
    if (!in) throw ImportError(file.name, "cannot be opened");
    std::string bytes;
    reserve_big(bytes, static_cast<size_t>(size));
    bytes.resize(static_cast<size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size) throw ImportError(file.name, "could not be read to the end");
    return bytes;
}

// Whether `text` could hold a form's heading row (find_form_heading): that needs a cell whose
// label (FieldDictionary::normalise_label) starts with "question" and one starting with
// "evidence" or "comment", so the letters and digits of the text, lower-cased, must contain
// those words. A fast test on the bytes that lets a big table be read record by record
// without first holding it whole to look for a form heading in it.
bool may_hold_form_heading(std::string_view text) {
    // The eight letters and digits from the one at `at` (a 'q') spell "question".
    auto spells_question = [&](size_t at) {
        FormHeadingWords words;
        for (size_t i = at; i < text.size() && words.letters() < 8; ++i) words.feed(static_cast<unsigned char>(text[i]));
        return words.question();
    };
    // "question" is rare and starts with a rare letter: find a 'q' or 'Q' with memchr (far
    // faster than folding every byte) before anything else is looked at.
    bool has_question = false;
    for (const char q : {'q', 'Q'}) {
        for (const char* p = text.data(); !has_question;) {
            const size_t left = static_cast<size_t>(text.data() + text.size() - p);
            p = static_cast<const char*>(std::memchr(p, q, left));
            if (!p) break;
            has_question = spells_question(static_cast<size_t>(p - text.data()));
            ++p;
        }
    }
    if (!has_question) return false;
    FormHeadingWords words;
    for (const char ch : text) {
        words.feed(static_cast<unsigned char>(ch));
        if (words.evidence()) return true;
    }
    return false;
}

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
// read_returns_table do for a grid's rows (see RowShape). Runs on any thread: it only reads
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


// Reads a CSV table of returns record by record, never holding more than a stretch of records
// and one batch of returns: what import_csv and read_table_grid do for a grid, in the same order and
// with the same notes and errors. Returns false, having handed nothing over, when the table is
// a register (read whole by the caller).
//
// With worker threads (ImportLimits::threads), the text is cut into stretches of about
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

// The file's text as UTF-8 (utf8_text), refused when it is Windows-1252 that would pass
// max_file_bytes as UTF-8: converted whole, it can grow threefold, and the file and its
// conversion are held together.
std::string_view csv_text(const SourceFile& file, const std::string& bytes, std::string& storage, const ImportLimits& limits) {
    // Only a file of more than a third of the limit can grow past it.
    if (bytes.size() > limits.max_file_bytes / 3 && !is_valid_utf8(bytes)) {
        const uint64_t converted = windows1252_utf8_size(bytes);
        if (converted > limits.max_file_bytes) {
            throw ImportError(file.name, "is " + std::to_string(bytes.size()) + " bytes of Windows-1252 text, which as UTF-8 would be " +
                                             std::to_string(converted) + " bytes, more than the limit of " +
                                             std::to_string(limits.max_file_bytes) + " bytes; it was not read (save it as CSV UTF-8 "
                                             "and send it again)");
        }
    }
    return utf8_text(bytes, storage);
}

// Whether the first non-blank record of the CSV text is the gender pay gap service's heading.
bool starts_gender_pay_gap_register(const SourceFile& file, std::string_view text, const ImportLimits& limits) {
    CsvReader reader(file.name, text, limits);
    std::vector<Cell> cells;
    while (reader.next(cells)) {
        if (!CellRow(cells).empty()) return is_gender_pay_gap_heading(cells);
    }
    return false;
}

// The records of a CSV file a form's heading row is looked for in: a form is a few hundred.
constexpr size_t kFormRecords = 1'000;

// A CSV file: a table of returns is streamed to `sink`; forms and registers are read whole
// into the result, as before.
ImportResult import_csv(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields,
                        size_t batch_size, const ImportBatchSink& sink, const ImportLimits& limits) {
    std::string storage;
    const std::string_view text = csv_text(file, bytes, storage, limits);
    ImportResult result;
    // The gender pay gap service's download, by its own headings, before anything else: it is
    // published open data, not a return, and its columns (ResponsiblePerson beside Male and
    // Female pay quartiles) are no list of people's characteristics.
    if (starts_gender_pay_gap_register(file, text, limits)) {
        result.format = "gender pay gap register csv";
        result.register_entries = read_gender_pay_gap_register(file, text, limits);
        result.notes.push_back({file.name, std::to_string(result.register_entries.size()) +
                                               " employers of the gender pay gap service (" +
                                               result.register_entries.front().year +
                                               "), kept to check what bidders say about themselves"});
        return result;
    }
    // A form is looked for in the first records only: a form is a few hundred lines, and a big
    // table whose text happens to hold a form heading's words is then still read record by
    // record rather than held whole.
    if (may_hold_form_heading(text) && find_form_heading(read_csv(file.name, text, limits, kFormRecords))) {
        const Grid grid = read_csv(file.name, text, limits);
        result.format = "csv form";
        read_form_grid(grid, *find_form_heading(grid), fields, file, result);
        return result;
    }
    if (stream_csv_returns(file, text, fields, batch_size, sink, limits, result)) return result;
    result = ImportResult{};
    const Grid grid = read_csv(file.name, text, limits);
    bool blank = true;
    for (size_t r = 0; r < grid.rows.size() && blank; ++r) blank = grid.blank_row(r);
    if (blank) throw ImportError(file.name, "holds no data: every line is blank");
    read_table_grid(grid, fields, file, "csv", result);
    return result;
}

// Whether the OLE2 compound file in `bytes` has a stream named `name` (ASCII). Its directory
// entries are 128 bytes each, in sectors of 512 or 4,096 bytes after a 512-byte header, so
// every one starts 128-byte aligned: a UTF-16LE name, at 64 its length in bytes with the
// terminating NUL, at 66 its type (2: a stream). Looking at every aligned place is enough to
// tell an encrypted workbook from an old .xls, without following the sector chains.
bool has_ole2_stream(std::string_view bytes, std::string_view name) {
    const size_t name_bytes = (name.size() + 1) * 2;
    for (size_t at = 512; at + 128 <= bytes.size(); at += 128) {
        const auto* e = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        if (static_cast<size_t>(e[64] | e[65] << 8) != name_bytes || e[66] != 2) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i) same = e[2 * i] == static_cast<unsigned char>(name[i]) && e[2 * i + 1] == 0;
        if (same) return true;
    }
    return false;
}

// An OLE2 compound file (signature D0 CF 11 E0 A1 B1 1A E1) is refused with what its owner can
// do: Excel saves a password-protected .xlsx as one holding the encrypted package
// (MS-OFFCRYPTO: "EncryptionInfo" and "EncryptedPackage" streams); otherwise it is an old .xls
// or another old Office file.
void refuse_compound_file(const std::string& name, std::string_view bytes) {
    if (bytes.compare(0, 4, std::string_view("\xD0\xCF\x11\xE0", 4)) != 0) return;
    if (has_ole2_stream(bytes, "EncryptionInfo") && has_ole2_stream(bytes, "EncryptedPackage")) {
        throw ImportError(name, "is a password-protected (encrypted) Excel workbook, and fairgate cannot read protected files: "
                                "remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                                "clear it), save the workbook and send it again");
    }
    throw ImportError(name, "is an Excel 97-2003 workbook (.xls) or another old Office file; save it as .xlsx or CSV and send it again");
}

void append_cells(const Grid& grid, std::vector<RawCell>& out) {
    for (const auto& [r, cells] : grid.rows) {
        for (const auto& [c, cell] : cells) {
            if (cell.kind == Cell::Kind::Empty || (cell.kind == Cell::Kind::Text && cell.text.empty())) continue;
            RawCell raw;
            raw.sheet = grid.sheet;
            raw.cell = grid.csv ? grid.where(r, c).locator() : cell_reference(static_cast<unsigned>(r + 1), static_cast<unsigned>(c + 1));
            raw.value = cell.text;
            switch (cell.kind) {
                case Cell::Kind::Text: raw.type = "text"; break;
                case Cell::Kind::Number:
                    raw.type = cell.date_style() ? "date" : "number";
                    if (cell.date_style()) raw.value = date_from_excel_serial(cell.number, grid.date1904).iso();
                    if (cell.time_style()) {
                        raw.type = cell.format == NumberFormatKind::Duration ? "duration" : "time";
                        raw.value = cell.time_text();
                    }
                    break;
                case Cell::Kind::Boolean: raw.type = "boolean"; break;
                case Cell::Kind::Error: raw.type = "error"; break;
                case Cell::Kind::Empty: break;
            }
            out.push_back(std::move(raw));
        }
    }
}

}  // namespace

std::vector<RawCell> read_cells(const SourceFile& file, const ImportLimits& limits) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    std::vector<RawCell> cells;
    if (bytes.compare(0, 4, "PK\x03\x04", 4) == 0) {
        for (const Grid& sheet : read_xlsx(file.name, std::move(bytes), limits)) append_cells(sheet, cells);
        return cells;
    }
    refuse_compound_file(file.name, bytes);
    if (looks_like_json(bytes) || looks_like_xml(bytes) || !looks_like_text(bytes)) {
        throw ImportError(file.name, "has no cells to show: only Excel workbooks (.xlsx) and CSV files are read as cells");
    }
    std::string storage;
    append_cells(read_csv(file.name, csv_text(file, bytes, storage, limits), limits), cells);
    return cells;
}

bool is_candidate_input(const std::string& file_name) {
    const std::string name = lower(std::filesystem::path(file_name).filename().string());
    if (name.empty() || name.front() == '.' || name.front() == '~') return false;  // hidden; Excel lock files
    if (ends_with(name, ".reason.txt")) return false;
    return ends_with(name, ".xlsx") || ends_with(name, ".csv") || ends_with(name, ".txt") || ends_with(name, ".xml") ||
           ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

namespace {

// import_file, with a CSV table's returns handed to `sink` as they are read.
ImportResult import_any(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits,
                        size_t batch_size, const ImportBatchSink& sink) {
    std::string bytes = read_bytes(file, limits);
    if (bytes.empty()) throw ImportError(file.name, "is empty");
    if (bytes.compare(0, 4, "PK\x03\x04", 4) == 0) return read_workbook(file, std::move(bytes), fields, batch_size, sink, limits);
    if (bytes.compare(0, 2, "PK", 2) == 0) {
        throw ImportError(file.name, unreadable_workbook("it does not start with a zip entry"));
    }
    refuse_compound_file(file.name, bytes);
    if (looks_like_json(bytes)) return read_ocds(file, std::move(bytes), fields);
    if (looks_like_xml(bytes)) return read_xml_returns(file, bytes, fields);
    if (!looks_like_text(bytes)) {
        throw ImportError(file.name, "is neither an Excel workbook (.xlsx) nor CSV, XML or JSON text; fairgate cannot read it");
    }
    return import_csv(file, bytes, fields, batch_size, sink, limits);
}

}  // namespace

ImportResult import_file(const SourceFile& file, const FieldDictionary& fields, const ImportLimits& limits) {
    std::vector<SupplierReturn> streamed;
    std::vector<ImportNote> streamed_notes;
    // One batch: the notes about cells come before those about identity, as they always did.
    ImportResult result = import_any(file, fields, limits, SIZE_MAX, [&](ImportBatch& batch) {
        streamed = std::move(batch.returns);
        streamed_notes = std::move(batch.notes);
    });
    if (!streamed.empty()) {
        result.returns = std::move(streamed);
        result.notes.insert(result.notes.end(), std::make_move_iterator(streamed_notes.begin()),
                            std::make_move_iterator(streamed_notes.end()));
    }
    return result;
}

ImportResult import_file_in_batches(const SourceFile& file, const FieldDictionary& fields, size_t batch_size,
                                    const ImportBatchSink& sink, const ImportLimits& limits) {
    if (batch_size == 0) batch_size = 1;
    ImportResult result = import_any(file, fields, limits, batch_size, sink);
    // Read whole: hand the returns over in batches all the same.
    for (size_t i = 0; i < result.returns.size(); i += batch_size) {
        ImportBatch batch;
        const size_t end = std::min(result.returns.size(), i + batch_size);
        batch.returns.assign(std::make_move_iterator(result.returns.begin() + static_cast<std::ptrdiff_t>(i)),
                             std::make_move_iterator(result.returns.begin() + static_cast<std::ptrdiff_t>(end)));
        sink(batch);
    }
    result.returns.clear();
    return result;
}

}  // namespace fairgate::importers
