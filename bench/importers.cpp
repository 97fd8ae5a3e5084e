// How fast the importers read big inputs, and how much memory they need.
//
//   build/bench/bench-importers [rules/bexley.xml] [csv_mb=100] [xlsx_rows=31000] [ocds_mb=50] [repeats=5] [formats] [threads=0]
//
// `formats` picks what is measured, comma-separated: csv (import_file, every return held),
// csv-batches (import_file_in_batches, 1,000 returns at a time, each batch dropped once
// handed over: what memory a row-batch import needs), xlsx, xlsx-batches (the same with
// import_file_in_batches: a big sheet read row by row, as the pipeline reads it), ocds,
// ocds-lines (the same releases as JSON Lines); default "csv,csv-batches,xlsx,ocds". Only the inputs measured are generated. `threads` is
// ImportLimits::threads: how many worker threads type a big CSV table (0: the default, which
// is none on a machine of two cores).
//
// Generates, in a temporary directory, a quarterly-returns CSV in table layout (csv_mb MB), an
// XLSX workbook holding the same table (xlsx_rows rows of 33 columns, numbers as numeric cells
// and text as shared strings, zipped with Poco::Zip::Compress) and an OCDS release package
// (ocds_mb MB, two releases per ocid). Each format is then imported `repeats` times in a child
// process of its own, so that the peak resident set size (getrusage) is that format's alone;
// the peak shown is the first run's (one import in a fresh process, as the CLI makes), and the
// median time gives MB/s and cells/s. Timing splits (read, decode, parse to a grid, layout)
// show where the time goes. The issue's targets: XLSX >= 1M cells/s, CSV >= 100 MB/s, OCDS >=
// 50 MB/s, peak < 200 MB on a 100 MB input.
#include <sys/resource.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "importers/csv_reader.hpp"
#include "importers/import.hpp"
#include "importers/text_encoding.hpp"
#include "importers/xlsx_reader.hpp"
#include "pipeline/heap_settings.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;
namespace fs = std::filesystem;

namespace {

const char* const kHeadings[] = {
    "return.kind", "contract.id", "supplier.id", "supplier.name", "return.period", "return.submitted",
    "q.service_users", "q.recorded.age", "q.recorded.disability", "q.recorded.gender_reassignment",
    "q.recorded.marriage_civil_partnership", "q.recorded.pregnancy_maternity", "q.recorded.race",
    "q.recorded.religion_belief", "q.recorded.sex", "q.recorded.sexual_orientation", "q.discrimination_complaints",
    "q.discrimination_complaints_resolved_28d", "q.hate_incidents_reported", "q.staff_training_pct",
    "q.easy_read_available", "q.feedback_sessions", "q.accessibility_review_date", "q.living_wage_paid",
    "q.subcontractor_payment_days_avg", "q.sv.local_jobs_fte", "q.sv.long_term_unemployed_fte",
    "q.sv.disabled_jobs_fte", "q.sv.apprenticeship_weeks", "q.sv.training_weeks", "q.sv.vcse_spend",
    "q.sv.local_sme_spend", "q.sv.volunteering_hours"};
constexpr size_t kColumns = sizeof kHeadings / sizeof kHeadings[0];

// A cheap deterministic sequence, so that runs are comparable.
struct Lcg {
    uint64_t s = 42;
    unsigned next(unsigned n) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<unsigned>((s >> 33) % n);
    }
};

// One row of the quarterly table as text: the identity then 27 answers.
std::vector<std::string> row_values(size_t i, Lcg& rng) {
    const unsigned q = static_cast<unsigned>(i % 4);
    std::vector<std::string> v;
    v.reserve(kColumns);
    v.push_back("quarterly");
    v.push_back("BX-2025-" + std::to_string(1000 + i / 4));
    v.push_back(std::to_string(2000000 + i / 4));
    v.push_back("Supplier " + std::to_string(i / 4) + " Ltd");
    v.push_back(std::to_string(2025 + (q >= 2 ? 1 : 0)) + "-Q" + std::to_string(q + 1));
    v.push_back("2026-0" + std::to_string(1 + q * 2) + "-1" + std::to_string(q));
    v.push_back(std::to_string(100 + rng.next(5000)));
    for (int k = 0; k < 9; ++k) v.push_back("0." + std::to_string(70 + rng.next(30)));
    v.push_back(std::to_string(rng.next(5)));
    v.push_back(std::to_string(rng.next(3)));
    v.push_back(std::to_string(rng.next(4)));
    v.push_back("0." + std::to_string(80 + rng.next(20)));
    v.push_back(rng.next(2) ? "Yes" : "No");
    v.push_back(std::to_string(rng.next(9)));
    v.push_back("2025-0" + std::to_string(1 + rng.next(9)) + "-1" + std::to_string(rng.next(9)));
    v.push_back(rng.next(4) ? "Yes" : "No");
    v.push_back(std::to_string(10 + rng.next(30)) + ".5");
    for (int k = 0; k < 5; ++k) v.push_back(std::to_string(rng.next(60)) + "." + std::to_string(rng.next(10)));
    v.push_back(std::to_string(1000 + rng.next(90000)));
    v.push_back(std::to_string(1000 + rng.next(90000)));
    v.push_back(std::to_string(rng.next(200)));
    return v;
}

size_t write_csv(const fs::path& path, uint64_t target_bytes) {
    std::ofstream out(path, std::ios::binary);
    std::string line;
    for (size_t c = 0; c < kColumns; ++c) line += (c ? "," : "") + std::string(kHeadings[c]);
    out << line << "\r\n";
    uint64_t written = line.size() + 2;
    Lcg rng;
    size_t rows = 0;
    while (written < target_bytes) {
        const auto v = row_values(rows, rng);
        line.clear();
        for (size_t c = 0; c < v.size(); ++c) {
            if (c) line += ',';
            line += v[c];
        }
        line += "\r\n";
        out << line;
        written += line.size();
        ++rows;
    }
    return rows;
}

std::string column_name(size_t c) {
    std::string s;
    for (size_t n = c + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

bool numeric(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos && s.find('.') == s.rfind('.') &&
           !(s.size() > 1 && s[0] == '0' && s[1] != '.');
}

size_t write_xlsx(const fs::path& path, size_t rows) {
    std::vector<std::string> shared;
    std::unordered_map<std::string, size_t> index;
    auto sst = [&](const std::string& s) {
        auto it = index.find(s);
        if (it != index.end()) return it->second;
        index.emplace(s, shared.size());
        shared.push_back(s);
        return shared.size() - 1;
    };
    std::string sheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
    size_t cells = 0;
    auto add_row = [&](size_t r, const std::vector<std::string>& values) {
        sheet += "<row r=\"" + std::to_string(r) + "\">";
        for (size_t c = 0; c < values.size(); ++c) {
            const std::string ref = column_name(c) + std::to_string(r);
            if (r > 1 && numeric(values[c])) {
                sheet += "<c r=\"" + ref + "\"><v>" + values[c] + "</v></c>";
            } else {
                sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(sst(values[c])) + "</v></c>";
            }
            ++cells;
        }
        sheet += "</row>";
    };
    add_row(1, std::vector<std::string>(std::begin(kHeadings), std::end(kHeadings)));
    Lcg rng;
    for (size_t i = 0; i < rows; ++i) add_row(i + 2, row_values(i, rng));
    sheet += "</sheetData></worksheet>";
    std::string strings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                          R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=")" +
                          std::to_string(shared.size()) + R"(" uniqueCount=")" + std::to_string(shared.size()) + "\">";
    for (const auto& s : shared) strings += "<si><t>" + s + "</t></si>";
    strings += "</sst>";
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
        {"xl/workbook.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
         R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Returns" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
        {"xl/_rels/workbook.xml.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
        {"xl/sharedStrings.xml", strings},
        {"xl/worksheets/sheet1.xml", sheet}};
    std::ofstream out(path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        zip.addFile(in, Poco::DateTime(2026, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE);
    }
    zip.close();
    return cells;
}

// Two releases per ocid (tender, then award), shaped like Contracts Finder's: a release
// package, or with `lines` the same releases as JSON Lines (one per line, as bulk downloads
// come).
size_t write_ocds(const fs::path& path, uint64_t target_bytes, bool lines = false) {
    std::ofstream out(path, std::ios::binary);
    if (!lines) out << "{\"uri\": \"https://example.org/bench.json\", \"version\": \"1.1\", \"releases\": [\n";
    uint64_t written = 80;
    size_t n = 0;
    Lcg rng;
    std::string r;
    while (written < target_bytes) {
        const std::string ocid = "ocds-bench-" + std::to_string(n / 2);
        const bool award = n % 2 == 1;
        r = lines ? "" : n ? ",\n" : "";
        r += "{\"ocid\": \"" + ocid + "\", \"id\": \"" + ocid + (award ? "-award" : "-tender") + "\", \"date\": \"2025-0" +
             std::to_string(award ? 6 : 2) + "-01T09:00:00+01:00\", \"tag\": [\"" + (award ? "award" : "tender") + "\"],";
        r += "\"buyer\": {\"id\": \"GB-LAS-BEX\", \"name\": \"London Borough of Bexley\"},";
        r += "\"tender\": {\"id\": \"BX-T-" + std::to_string(n / 2) + "\", \"title\": \"Service contract " + std::to_string(n / 2) +
             "\", \"description\": \"Provision of community services to residents of the borough, including outreach, "
             "advice and support, with equality monitoring and social value commitments as set out in the specification.\", "
             "\"classification\": {\"scheme\": \"CPV\", \"id\": \"85000000\", \"description\": \"Health and social work services\"}, "
             "\"value\": {\"amount\": " + std::to_string(10000 + rng.next(2000000)) + ", \"currency\": \"GBP\"}, "
             "\"suitability\": {\"sme\": true, \"vcse\": false}, \"awardCriteriaDetails\": \"Quality 60%, Price 30%, Social value 10%\", "
             "\"contractPeriod\": {\"startDate\": \"2025-07-01T00:00:00+01:00\", \"endDate\": \"2028-06-30T23:59:59+01:00\"}}";
        if (award) {
            r += ", \"parties\": [{\"id\": \"GB-LAS-BEX\", \"name\": \"London Borough of Bexley\", \"roles\": [\"buyer\"], "
                 "\"address\": {\"streetAddress\": \"Civic Offices, 2 Watling Street\", \"locality\": \"Bexleyheath\", \"postalCode\": \"DA6 7AT\"}}, "
                 "{\"id\": \"GB-COH-" + std::to_string(1000000 + n) + "\", \"name\": \"Supplier " + std::to_string(n) + " Ltd\", "
                 "\"roles\": [\"supplier\"], \"details\": {\"scale\": \"" + (rng.next(2) ? "sme" : "large") + "\", \"vcse\": " +
                 (rng.next(5) ? "false" : "true") + "}}], "
                 "\"awards\": [{\"id\": \"BX-" + std::to_string(n / 2) + "\", \"status\": \"active\", \"date\": \"2025-06-01T00:00:00+01:00\", "
                 "\"value\": {\"amount\": " + std::to_string(10000 + rng.next(2000000)) + ".5, \"currency\": \"GBP\"}, "
                 "\"suppliers\": [{\"id\": \"GB-COH-" + std::to_string(1000000 + n) + "\", \"name\": \"Supplier " + std::to_string(n) + " Ltd\"}], "
                 "\"contractPeriod\": {\"startDate\": \"2025-07-01T00:00:00+01:00\", \"endDate\": \"2028-06-30T23:59:59+01:00\"}}]";
        }
        r += lines ? "}\n" : "}";
        out << r;
        written += r.size();
        ++n;
    }
    if (!lines) out << "\n]}\n";
    return n;
}

long peak_rss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

double seconds_of(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of this process (all threads), which other load on the machine does not inflate.
double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

importers::ImportLimits g_limits;

// Imports `path` `repeats` times in a child process and prints the median and the peak RSS.
void measure(const char* label, const fs::path& path, const FieldDictionary& fields, int repeats, double cells,
             const std::function<void()>& splits, size_t batch_size = 0) {
    std::fflush(stdout);
    const pid_t child = fork();
    if (child < 0) { std::perror("fork"); std::exit(1); }
    if (child == 0) {
        const double mb = static_cast<double>(fs::file_size(path)) / 1e6;
        const SourceFile file{path.filename().string(), path.string(), "bench", fs::file_size(path)};
        std::vector<double> times, cpu;
        size_t items = 0, notes = 0;
        long first_peak_kb = 0;
        for (int i = 0; i < repeats; ++i) {
            const double cpu0 = cpu_seconds();
            times.push_back(seconds_of([&] {
                if (batch_size) {
                    items = notes = 0;
                    const importers::ImportResult r = importers::import_file_in_batches(
                        file, fields, batch_size, [&](importers::ImportBatch& b) {
                            items += b.returns.size();
                            notes += b.notes.size();
                        }, g_limits);
                    items += r.contracts.size();
                    notes += r.notes.size();
                    return;
                }
                const importers::ImportResult r = importers::import_file(file, fields, g_limits);
                items = r.returns.size() + r.contracts.size();
                notes = r.notes.size();
            }));
            cpu.push_back(cpu_seconds() - cpu0);
            // What one import in a fresh process needs (as `fairgate run` or `inspect` on the
            // file): later runs start on a heap the earlier ones left, fragmented.
            if (i == 0) first_peak_kb = peak_rss_kb();
        }
        const double t = median(times);
        const double c = median(cpu);
        std::printf("%-6s %8.1f MB  %9.0f cells  median %7.3f s  %8.1f MB/s  %12.0f cells/s  peak RSS %6.1f MB  (%zu records, %zu notes)\n",
                    label, mb, cells, t, mb / t, cells / t, static_cast<double>(first_peak_kb) / 1024.0, items, notes);
        std::printf("       peak RSS of the first run %.1f MB; of the process after %d runs %.1f MB\n",
                    static_cast<double>(first_peak_kb) / 1024.0, repeats, static_cast<double>(peak_rss_kb()) / 1024.0);
        std::printf("       CPU time median %.3f s: %.1f MB/s of CPU time (runs:", c, mb / c);
        for (size_t i = 0; i < times.size(); ++i) std::printf(" %.3f/%.3f s", times[i], cpu[i]);
        std::printf(" wall/CPU)\n");
        if (splits) splits();
        std::fflush(stdout);
        std::_Exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::printf("%-6s child failed (status %d)\n", label, status);
}

}  // namespace

int main(int argc, char** argv) {
    pipeline::keep_freed_memory();  // as the fairgate CLI and service do
    const std::string rules = argc > 1 ? argv[1] : "rules/bexley.xml";
    const double csv_mb = argc > 2 ? std::atof(argv[2]) : 100;
    const size_t xlsx_rows = argc > 3 ? static_cast<size_t>(std::atol(argv[3])) : 31000;
    const double ocds_mb = argc > 4 ? std::atof(argv[4]) : 50;
    const int repeats = argc > 5 ? std::atoi(argv[5]) : 5;
    const std::string formats = "," + std::string(argc > 6 ? argv[6] : "csv,csv-batches,xlsx,ocds") + ",";
    g_limits.threads = argc > 7 ? static_cast<unsigned>(std::atoi(argv[7])) : 0;
    auto wanted = [&](const char* f) { return formats.find("," + std::string(f) + ",") != std::string::npos; };
    const bool want_csv = wanted("csv") || wanted("csv-batches");
    const Rulebook book = load_rulebook(rules);

    const fs::path dir = fs::temp_directory_path() / ("fairgate-bench-importers-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path csv = dir / "returns.csv", xlsx = dir / "returns.xlsx", ocds = dir / "releases.json",
                   ocds_lines = dir / "releases.jsonl";
    size_t csv_rows = 0, xlsx_cells = 0, releases = 0;
    std::printf("generating in %s ...\n", dir.string().c_str());
    const double gen = seconds_of([&] {
        if (want_csv) csv_rows = write_csv(csv, static_cast<uint64_t>(csv_mb * 1e6));
        if (wanted("xlsx") || wanted("xlsx-batches")) xlsx_cells = write_xlsx(xlsx, xlsx_rows);
        if (wanted("ocds")) releases = write_ocds(ocds, static_cast<uint64_t>(ocds_mb * 1e6));
        if (wanted("ocds-lines")) releases = write_ocds(ocds_lines, static_cast<uint64_t>(ocds_mb * 1e6), true);
    });
    std::printf("generated in %.1f s: CSV %zu rows, XLSX %zu cells (%.1f MB zipped), OCDS %zu releases\n", gen, csv_rows,
                xlsx_cells, xlsx_cells ? static_cast<double>(fs::file_size(xlsx)) / 1e6 : 0.0, releases);

    const double csv_cells = static_cast<double>((csv_rows + 1) * kColumns);
    auto csv_splits = [&] {
        std::string bytes;
        std::string text;
        importers::Grid grid;
        const double read = seconds_of([&] { bytes = slurp(csv); });
        const double decode = seconds_of([&] { text = importers::decode_text(bytes); });
        // The whole table as one grid, which an import never holds (it is read record by
        // record): past ImportLimits::max_held_cells, so that limit is lifted here.
        importers::ImportLimits whole = g_limits;
        whole.max_held_cells = UINT64_MAX;
        const double parse = seconds_of([&] { grid = importers::read_csv("returns.csv", text, whole); });
        std::vector<importers::Cell> record;
        size_t records = 0;
        const double stream = seconds_of([&] {
            importers::CsvReader reader("returns.csv", text);
            while (reader.next(record)) ++records;
        });
        std::printf("       splits: read %.3f s, decode %.3f s, CSV to grid %.3f s, CSV record by record %.3f s (rest is layout and typing)\n",
                    read, decode, parse, stream);
    };
    if (wanted("csv")) measure("csv", csv, book.fields, repeats, csv_cells, csv_splits);
    if (wanted("csv-batches")) measure("csv-b", csv, book.fields, repeats, csv_cells, nullptr, 1000);
    if (wanted("xlsx")) measure("xlsx", xlsx, book.fields, repeats, static_cast<double>(xlsx_cells), [&] {
        const std::string bytes = slurp(xlsx);
        const double grid = seconds_of([&] { importers::read_xlsx("returns.xlsx", bytes, importers::ImportLimits{}); });
        std::printf("       splits: unzip and sheet XML to grid %.3f s (rest is layout and typing)\n", grid);
    });
    if (wanted("xlsx-batches")) measure("xlsx-b", xlsx, book.fields, repeats, static_cast<double>(xlsx_cells), nullptr, 1000);
    if (wanted("ocds")) measure("ocds", ocds, book.fields, repeats, 0, nullptr);
    if (wanted("ocds-lines")) measure("ocds-l", ocds_lines, book.fields, repeats, 0, nullptr);

    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
