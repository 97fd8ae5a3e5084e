// Reading files ahead (ReadAhead): files come back in the order given whoever read them, a
// parse error waits for its file's turn, a big file is left for the caller to stream, the
// window bounds how many are read at once; and a batch run reads the same with one thread or
// several, a file that fails after some of its batches included.

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "model/content_hash.hpp"
#include "pipeline/batch_run.hpp"
#include "support/files.hpp"
#include "pipeline/read_ahead.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::write_file;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;

// `n` small files "f00.csv"... in a folder of their own, as ReadAhead takes them.
struct Files {
    fs::path dir;
    FieldDictionary fields;
    std::vector<ReadAhead::File> files;
    Files(const std::string& name, size_t n) : dir(fs::path(FAIRGATE_TEST_TMP) / name) {
        fs::remove_all(dir);
        for (size_t i = 0; i < n; ++i) {
            const std::string file = (i < 10 ? "f0" : "f") + std::to_string(i) + ".csv";
            write_file(dir / file, "content of " + file + "\n");
            files.push_back({SourceFile{file, (dir / file).string(), {}, 0}, &fields});
        }
    }
};

// A parse that hands over one batch holding a note naming the file, and names it as the format.
importers::ImportResult one_batch(const SourceFile& file, importers::ImportBatchSink sink) {
    importers::ImportBatch batch;
    batch.notes.push_back({file.name, "read"});
    sink(batch);
    importers::ImportResult r;
    r.format = file.name;
    return r;
}

// Waits up to a few seconds for `done`.
template <typename Done>
bool eventually(Done done) {
    for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
}

// A parse that counts in `started` the files it begins on.
ReadAhead::Parse counting(std::atomic<int>& started) {
    return [&started](const SourceFile& file, const FieldDictionary&, size_t, const importers::ImportBatchSink& sink) {
        ++started;
        return one_batch(file, sink);
    };
}

// Requires `started` to reach `n`, then checks (`why`) that it is still `n` a while later: the
// workers stopped there.
void stays_at(const std::atomic<int>& started, int n, const char* why) {
    BOOST_REQUIRE(eventually([&] { return started == n; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_TEST(started == n, why);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_ahead)

BOOST_AUTO_TEST_CASE(files_come_back_in_the_order_given_whichever_worker_finishes_first) {
    Files f("read-ahead-order", 12);
    ReadAhead::Options o;
    o.workers = 3;
    o.window = 6;
    // The earlier a file, the longer it takes: workers finish out of order.
    o.parse = [](const SourceFile& file, const FieldDictionary&, size_t, const importers::ImportBatchSink& sink) {
        const int index = std::stoi(file.name.substr(1, 2));
        std::this_thread::sleep_for(std::chrono::milliseconds(2 * (12 - index)));
        return one_batch(file, sink);
    };
    ReadAhead ahead(f.files, o);
    for (const auto& file : f.files) {
        FileReadAhead got = ahead.next();
        BOOST_TEST_CONTEXT(file.file.name) {
            BOOST_TEST(got.parsed);
            BOOST_TEST(!got.hash_error);
            BOOST_TEST(!got.parse_error);
            BOOST_TEST(got.result.format == file.file.name);
            BOOST_TEST(got.sha256 == sha256_of_file(file.file.path));
            BOOST_TEST(got.size == fs::file_size(file.file.path));
            BOOST_REQUIRE(got.batches.size() == 1u);
            BOOST_TEST(got.batches[0].notes.at(0).where == file.file.name);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_parse_error_on_a_worker_is_given_at_its_files_turn_with_the_batches_before_it) {
    Files f("read-ahead-error", 5);
    ReadAhead::Options o;
    o.parse = [](const SourceFile& file, const FieldDictionary&, size_t, const importers::ImportBatchSink& sink) {
        importers::ImportResult r = one_batch(file, sink);
        if (file.name == "f02.csv") throw importers::ImportError(file.name + " line 4001", "a quote is not closed");
        return r;
    };
    ReadAhead ahead(f.files, o);
    for (size_t i = 0; i < f.files.size(); ++i) {
        FileReadAhead got = ahead.next();
        BOOST_TEST(got.parsed);
        BOOST_TEST(got.batches.size() == 1u, "the batch handed over before the error is kept");
        BOOST_TEST(bool(got.parse_error) == (i == 2), f.files[i].file.name);
        if (!got.parse_error) continue;
        try {
            std::rethrow_exception(got.parse_error);
        } catch (const importers::ImportError& e) {
            BOOST_TEST(e.describe() == "f02.csv line 4001: a quote is not closed");
        } catch (...) {
            BOOST_FAIL("the ImportError is given as it was thrown");
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_given_with_its_hash_error_and_not_parsed) {
    Files f("read-ahead-gone", 3);
    fs::remove(f.files[1].file.path);
    std::atomic<int> parsed{0};
    ReadAhead::Options o;
    o.parse = [&](const SourceFile& file, const FieldDictionary&, size_t, const importers::ImportBatchSink& sink) {
        ++parsed;
        return one_batch(file, sink);
    };
    ReadAhead ahead(f.files, o);
    BOOST_TEST(ahead.next().parsed);
    FileReadAhead gone = ahead.next();
    BOOST_TEST(bool(gone.hash_error));
    BOOST_TEST(!gone.parsed);
    BOOST_TEST(gone.size == static_cast<uint64_t>(-1), "as file_size reports a file it cannot examine");
    BOOST_TEST(ahead.next().parsed);
    BOOST_TEST(parsed == 2);
}

BOOST_AUTO_TEST_CASE(a_file_over_the_size_limit_is_hashed_and_left_for_the_caller_to_stream) {
    Files f("read-ahead-big", 3);
    write_file(f.files[1].file.path, std::string(4096, 'x'));
    std::atomic<int> parsed{0};
    ReadAhead::Options o;
    o.max_file_bytes = 1024;
    o.parse = [&](const SourceFile& file, const FieldDictionary&, size_t, const importers::ImportBatchSink& sink) {
        ++parsed;
        return one_batch(file, sink);
    };
    ReadAhead ahead(f.files, o);
    BOOST_TEST(ahead.next().parsed);
    FileReadAhead big = ahead.next();
    BOOST_TEST(!big.parsed);
    BOOST_TEST(big.batches.empty());
    BOOST_TEST(big.size == 4096u);
    BOOST_TEST(big.sha256 == sha256_of_file(f.files[1].file.path));
    BOOST_TEST(ahead.next().parsed);
    BOOST_TEST(parsed == 2);
}

BOOST_AUTO_TEST_CASE(the_window_bounds_how_many_files_are_read_ahead) {
    Files f("read-ahead-window", 10);
    std::atomic<int> started{0};
    ReadAhead::Options o;
    o.workers = 2;
    o.window = 3;
    o.parse = counting(started);
    {
        ReadAhead ahead(f.files, o);
        stays_at(started, 3, "no file past the window is read while none is taken");
        ahead.next();
        stays_at(started, 4, "taking one lets one more be read");
        // The rest are never taken: the destructor stops and joins the workers.
    }
    BOOST_TEST(started == 4);
}

// Files of 1,000 bytes under a budget of 2,500: two are read ahead while none is taken, though
// the window would allow five; the next file to hand over is read whatever the budget.
BOOST_AUTO_TEST_CASE(the_byte_budget_bounds_how_much_input_is_held_read) {
    Files f("read-ahead-bytes", 6);
    for (const auto& file : f.files) write_file(file.file.path, std::string(1000, 'x'));
    std::atomic<int> started{0};
    ReadAhead::Options o;
    o.workers = 3;
    o.window = 5;
    o.max_held_bytes = 2500;
    o.parse = counting(started);
    {
        ReadAhead ahead(f.files, o);
        stays_at(started, 2, "no file past the byte budget is read while none is taken");
        BOOST_TEST(ahead.next().parsed);
        stays_at(started, 3, "taking one file frees its bytes for one more");
    }
    // A budget smaller than any file still reads each file at its turn.
    o.max_held_bytes = 10;
    started = 0;
    ReadAhead one_at_a_time(f.files, o);
    for (size_t i = 0; i < f.files.size(); ++i) BOOST_TEST(one_at_a_time.next().parsed);
    BOOST_TEST(started == 6);
}

BOOST_AUTO_TEST_SUITE_END()

// A table that fails after more returns than one batch holds: refused alike whether read on
// this thread or ahead, and nothing of it is stored; the files around it read alike.
BOOST_AUTO_TEST_CASE(a_batch_run_reads_the_same_on_one_thread_or_with_files_read_ahead) {
    const Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    const std::string heading = "return.kind,contract.id,supplier.id,supplier.name,return.period,return.submitted\n";
    auto row = [](int contract, const std::string& quarter) {
        char id[32];
        std::snprintf(id, sizeof id, "BX-2025-%04d", contract);
        return "quarterly," + std::string(id) + ",01234567,Good Food Ltd," + quarter + ",09/01/2026\n";
    };
    std::vector<std::vector<FileResult>> runs;
    for (unsigned jobs : {1u, 3u}) {
        const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / ("read-ahead-run-" + std::to_string(jobs));
        fs::remove_all(dir);
        const fs::path inbox = dir / "inbox";
        fs::create_directories(inbox);
        fs::copy_file(kSource + "/samples/inbox/register/contract-register.csv", inbox / "a-register.csv");
        std::string bad = heading;
        for (int i = 0; i < 2500; ++i) bad += row(1000 + i, "2025-Q3");
        bad += "quarterly,\"BX-2025-9999,01234567\n";  // a quote never closed
        write_file(inbox / "b-broken.csv", bad);
        write_file(inbox / "c-good.csv", heading + row(142, "2025-Q4"));
        write_file(inbox / "d-notes.txt", "not read");

        BatchOptions o;
        o.inbox = inbox.string();
        o.out_dir = (dir / "out").string();
        o.quarantine_dir = (dir / "out" / "quarantine").string();
        o.fairgate_version = "test";
        o.jobs = jobs;
        auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
        const BatchResult r = run_batch(rulebook, *store, o);
        BOOST_TEST((r.run.status == RunStatus::Completed));
        BOOST_REQUIRE(r.run.files.size() == 4u);
        BOOST_TEST((r.run.files[1].status == FileStatus::Quarantined));
        BOOST_TEST(store->contracts_for_file(r.run.files[1].file.sha256).empty());
        runs.push_back(r.run.files);
    }
    const auto& one = runs[0];
    const auto& ahead = runs[1];
    for (size_t i = 0; i < one.size(); ++i) {
        BOOST_TEST_CONTEXT(one[i].file.name) {
            BOOST_TEST(ahead[i].file.name == one[i].file.name);
            BOOST_TEST(ahead[i].file.sha256 == one[i].file.sha256);
            BOOST_TEST(ahead[i].file.size == one[i].file.size);
            BOOST_TEST((ahead[i].status == one[i].status));
            BOOST_TEST(ahead[i].reason == one[i].reason);
            BOOST_TEST(ahead[i].format == one[i].format);
            BOOST_TEST(ahead[i].returns == one[i].returns);
            BOOST_TEST(ahead[i].contracts == one[i].contracts);
            BOOST_TEST(ahead[i].copy_kept == one[i].copy_kept);
            BOOST_TEST(ahead[i].refused_returns.size() == one[i].refused_returns.size());
            BOOST_REQUIRE(ahead[i].notes.size() == one[i].notes.size());
            for (size_t n = 0; n < one[i].notes.size(); ++n) {
                BOOST_TEST(ahead[i].notes[n].where == one[i].notes[n].where);
                BOOST_TEST(ahead[i].notes[n].message == one[i].notes[n].message);
            }
        }
    }
}
