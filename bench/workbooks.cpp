// How fast the per-contract compliance workbook is written, against plain libxlsxwriter
// writing the same cells: workbooks per second on one core, and the ratio.
//
//   build/bench/bench-workbooks [rules/bexley.xml] [batch=200] [batches=5] [dir=/tmp] [only]
//
// `only` (1 to 6) measures one of the six series alone, for a profiler.
//
// The report is a typical contract judged by the real rulebook: a register record, the
// winning bid and four quarterly returns, answers typed as suppliers type them (about 60 findings).
// The baseline reads back the cells fairgate wrote (outside the timing) and writes them again
// with plain libxlsxwriter calls: the same sheets, strings, numbers, tables, two line charts
// and print set-up, but none of fairgate's logic (sorting, wording, text sanitising, the
// temporary file and rename). Each figure is the median of `batches` batches of `batch`
// workbooks written one after another to the same path, by the thread's CPU time (user and
// system: what one core can do) and by wall time (which on a busy machine includes waiting).
//
// Each is measured twice: packed as fairgate packs its workbooks (each part assembled in
// memory and deflated at level 1, by libdeflate: reports/xlsx_packaging.hpp), and packed as
// libxlsxwriter ships (a temporary file per part, zlib's default level). The ratio that
// measures fairgate's own logic compares the two with the same packing. A fifth series
// writes fairgate's workbook with its parts deflated by minizip's zlib at level 1, as before
// libdeflate, to measure what libdeflate brings.
//
// Like the fairgate CLI (src/cli/main.cpp), it first tells glibc to keep freed memory:
// otherwise most of a small workbook's cost is zlib's buffers going back to the kernel, and
// both figures measure that instead.
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/value_parse.hpp"
#include "pipeline/heap_settings.hpp"
#include "reports/contract_workbook.hpp"
#include "reports/xlsx_packaging.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "support/xlsx_reader.hpp"

using namespace fairgate;
namespace fs = std::filesystem;

namespace {

void put(const Rulebook& rb, Record& r, const char* name, const std::string& raw, const std::string& file, int row) {
    const FieldDef* f = rb.fields.find(name);
    if (!f) return;
    r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{file, "Questionnaire!C" + std::to_string(row)}});
}

/// One contract, its bids and quarters, alive for the whole benchmark.
struct Inputs {
    Contract contract;
    std::vector<SupplierReturn> bids;
    std::vector<SupplierReturn> quarters;
};

void make(const Rulebook& rb, Inputs& in) {
    Contract& c = in.contract;
    c.id = "BX-2025-0142";
    c.tender_id = "BX-T-2025-017";
    c.title = "Adult day opportunities for people with learning disabilities";
    c.category = "Adult social care";
    c.supplier_id = "01234567";
    c.supplier_name = "Riverside Care and Support Ltd";
    c.start = Date::from_ymd(2025, 4, 1);
    c.end = Date::from_ymd(2028, 3, 31);
    c.source_name = "Contracts register 2026-10.csv";
    c.source_sha256 = std::string(64, 'c');
    int row = 2;
    for (const auto& [field, raw] : std::vector<std::pair<const char*, std::string>>{
             {"contract.value", "£6,250,000"}, {"contract.start", "01/04/2025"}, {"contract.end", "31/03/2028"},
             {"contract.service_to_residents", "Yes"}, {"contract.notice_period_days", "30"},
             {"contract.payment_terms_days", "30"}, {"contract.payment_in_advance", "No"},
             {"contract.full_cost_recovery", "No"}, {"contract.kpi_count", "2"}, {"tender.id", c.tender_id},
             {"tender.social_value_weighting", "10%"}, {"supplier.vcse", "No"}}) {
        put(rb, c.fields, field, raw, c.source_name, row++);
    }
    // One bid, the winner's: with four quarters that makes about 60 findings.
    for (int b = 0; b < 1; ++b) {
        SupplierReturn t;
        t.kind = ReturnKind::Tender;
        t.tender_id = c.tender_id;
        t.supplier_id = b == 0 ? c.supplier_id : "08765432";
        t.supplier_name = b == 0 ? c.supplier_name : "Thameside Community Interest Company";
        t.submitted = Date::from_ymd(2025, 2, 10);
        t.source_name = b == 0 ? "Riverside tender response.xlsx" : "Thameside tender response.xlsx";
        t.source_sha256 = std::string(64, b == 0 ? 'a' : 'b');
        row = 5;
        for (const char* f : {"eq.policy", "eq.staff_training", "eq.workforce_monitoring", "eq.service_user_monitoring",
                              "eq.subcontractor_flowdown", "eq.complaints_procedure", "eq.accessible_information",
                              "eq.hate_incident_reporting", "eq.eqia_contribution"}) {
            const bool gap = b == 1 && row == 7;  // the rival does not monitor its workforce
            put(rb, t.answers, f, gap ? "No" : "Yes", t.source_name, row++);
        }
        put(rb, t.answers, "eq.discrimination_findings", b == 1 ? "Yes" : "No", t.source_name, row++);
        put(rb, t.answers, "eq.ehrc_investigation", "No", t.source_name, row++);
        put(rb, t.answers, "supplier.employees", b == 0 ? "310" : "45", t.source_name, row++);
        put(rb, t.answers, "supplier.turnover", b == 0 ? "£40m" : "£2.1m", t.source_name, row++);
        put(rb, t.answers, "fw.modern_slavery_statement", b == 0 ? "Yes" : "N/A", t.source_name, row++);
        put(rb, t.answers, "fw.gender_pay_gap_published", b == 0 ? "No" : "N/A", t.source_name, row++);
        put(rb, t.answers, "fw.disability_confident_level", "2", t.source_name, row++);
        put(rb, t.answers, "fw.living_wage", "Committed", t.source_name, row++);
        put(rb, t.answers, "fw.subcontractor_payment_days", b == 0 ? "30" : "45", t.source_name, row++);
        for (const char* f : {"sv.local_jobs_fte", "sv.long_term_unemployed_fte", "sv.disabled_jobs_fte",
                              "sv.apprenticeship_weeks", "sv.training_weeks", "sv.volunteering_hours"}) {
            put(rb, t.answers, f, "6", t.source_name, row++);
        }
        put(rb, t.answers, "sv.vcse_spend", "£20,000", t.source_name, row++);
        put(rb, t.answers, "sv.local_sme_spend", "£50,000", t.source_name, row++);
        in.bids.push_back(std::move(t));
    }
    for (int q = 0; q < 4; ++q) {
        SupplierReturn r;
        r.kind = ReturnKind::Quarterly;
        r.contract_id = c.id;
        r.supplier_id = c.supplier_id;
        r.supplier_name = c.supplier_name;
        r.period = Quarter{2025, q + 1};
        r.submitted = Date::from_days(r.period->last_day(QuarterScheme::Financial).days() + (q == 2 ? 40 : 20));
        r.source_name = "Riverside Q" + std::to_string(q + 1) + " 2025 monitoring return.xlsx";
        r.source_sha256 = std::string(64, static_cast<char>('d' + q));
        row = 4;
        put(rb, r.answers, "return.submitted", r.submitted->iso(), r.source_name, row++);
        put(rb, r.answers, "q.service_users", "120", r.source_name, row++);
        for (const char* f : {"q.recorded.age", "q.recorded.disability", "q.recorded.gender_reassignment",
                              "q.recorded.marriage_civil_partnership", "q.recorded.pregnancy_maternity", "q.recorded.race",
                              "q.recorded.religion_belief", "q.recorded.sex", "q.recorded.sexual_orientation"}) {
            put(rb, r.answers, f, q == 1 ? "71%" : "92%", r.source_name, row++);
        }
        put(rb, r.answers, "q.discrimination_complaints", std::to_string(q % 3), r.source_name, row++);
        put(rb, r.answers, "q.discrimination_complaints_resolved_28d", q == 2 ? "1" : std::to_string(q % 3), r.source_name, row++);
        put(rb, r.answers, "q.hate_incidents_reported", "0", r.source_name, row++);
        put(rb, r.answers, "q.staff_training_pct", q == 3 ? "84%" : "91%", r.source_name, row++);
        put(rb, r.answers, "q.easy_read_available", q == 0 ? "No" : "Yes", r.source_name, row++);
        put(rb, r.answers, "q.feedback_sessions", "3", r.source_name, row++);
        put(rb, r.answers, "q.accessibility_review_date", "01/02/2025", r.source_name, row++);
        put(rb, r.answers, "q.living_wage_paid", "Yes", r.source_name, row++);
        put(rb, r.answers, "q.subcontractor_payment_days_avg", "28", r.source_name, row++);
        put(rb, r.answers, "q.sv.local_jobs_fte", std::to_string(1 + q % 3), r.source_name, row++);
        in.quarters.push_back(std::move(r));
    }
}

/// The cells of one sheet as fairgate wrote them, to be written again by the baseline.
struct BaselineSheet {
    std::string name;
    struct Cell {
        lxw_row_t row;
        lxw_col_t col;
        bool number;
        double value;
        std::string text;
    };
    std::vector<Cell> cells;
    std::vector<std::string> headers;  ///< List sheets: row-0 headers of the table.
    lxw_row_t rows = 0;
};

std::vector<BaselineSheet> read_back(const std::string& path) {
    const test::XlsxFile x(path);
    std::vector<BaselineSheet> sheets;
    for (const std::string& name : x.sheet_names()) {
        const test::XlsxSheet& s = x.sheet(name);
        BaselineSheet b;
        b.name = name;
        b.rows = s.rows;
        for (const auto& [pos, cell] : s.cells) {
            const bool number = (cell.type.empty() || cell.type == "n") && !cell.text.empty();
            b.cells.push_back({pos.first, static_cast<lxw_col_t>(pos.second), number,
                               number ? std::stod(cell.text) : 0.0, cell.text});
        }
        if (name != "Summary" && name != "Audit") {
            for (unsigned c = 0; !s.at(0, c).empty(); ++c) b.headers.push_back(s.at(0, c));
        }
        sheets.push_back(std::move(b));
    }
    return sheets;
}

/// The same cells with plain libxlsxwriter: a few formats, tables on list sheets, two charts.
void write_baseline(const std::vector<BaselineSheet>& sheets, const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_doc_properties props{};
    props.title = const_cast<char*>("Equality and social value compliance");
    props.author = const_cast<char*>("fairgate");
    props.created = 1793404800;
    workbook_set_properties(wb, &props);
    int table = 0;
    for (const BaselineSheet& s : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        worksheet_set_header(ws, "&LContract BX-2025-0142&C&A&R2025-Q4");
        worksheet_set_footer(ws, "&RPage &P of &N");
        for (lxw_col_t c = 0; c < 13; ++c) worksheet_set_column(ws, c, c, 20, wrap);
        for (const auto& c : s.cells) {
            if (c.number) worksheet_write_number(ws, c.row, c.col, c.value, nullptr);
            else worksheet_write_string(ws, c.row, c.col, c.text.c_str(), c.row == 0 ? bold : wrap);
        }
        if (!s.headers.empty()) {
            std::vector<lxw_table_column> columns(s.headers.size());
            std::vector<lxw_table_column*> pointers;
            for (std::size_t i = 0; i < s.headers.size(); ++i) {
                columns[i] = lxw_table_column{};
                columns[i].header = const_cast<char*>(s.headers[i].c_str());
                pointers.push_back(&columns[i]);
            }
            pointers.push_back(nullptr);
            const std::string name = "Table" + std::to_string(++table);
            lxw_table_options options{};
            options.name = const_cast<char*>(name.c_str());
            options.columns = pointers.data();
            worksheet_add_table(ws, 0, 0, std::max<lxw_row_t>(s.rows - 1, 1),
                                static_cast<lxw_col_t>(s.headers.size() - 1), &options);
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_repeat_rows(ws, 0, 0);
        }
        if (s.name == "History" && s.rows > 1) {
            const std::string last = std::to_string(s.rows);
            for (const auto& cols : std::vector<std::vector<char>>{{'C'}, {'G', 'H'}}) {
                lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
                for (char col : cols) {
                    const std::string values = std::string("=History!$") + col + "$2:$" + col + "$" + last;
                    chart_add_series(chart, ("=History!$A$2:$A$" + last).c_str(), values.c_str());
                }
                worksheet_insert_chart(ws, cols.size() == 1 ? 1 : 17, 10, chart);
            }
        }
    }
    workbook_close(wb);
}

/// Seconds of CPU this thread has used, user and system: on a shared machine the wall clock
/// also counts time spent waiting for a core.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Workbooks per second of one batch of `batch` calls of `write`: by CPU time and by wall time.
template <typename F>
std::pair<double, double> batch_rate(int batch, F write) {
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < batch; ++i) write();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return {batch / (cpu_seconds() - c0), batch / wall};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    // As the fairgate CLI does: keep freed memory instead of trimming the heap after every
    // workbook (see the note at the top).
    pipeline::keep_freed_memory();

    const std::string rules = argc > 1 ? argv[1] : "rules/bexley.xml";
    const int batch = argc > 2 ? std::stoi(argv[2]) : 200;
    const int batches = argc > 3 ? std::stoi(argv[3]) : 5;
    const fs::path dir = fs::path(argc > 4 ? argv[4] : fs::temp_directory_path().string()) / "fairgate-bench-workbooks";
    const int only = argc > 5 ? std::stoi(argv[5]) : 0;
    fs::create_directories(dir);

    const Rulebook rb = load_rulebook(rules);
    Inputs in;
    make(rb, in);
    ContractPortfolio portfolio;
    portfolio.contract = &in.contract;
    for (const auto& b : in.bids) portfolio.tender_returns.push_back(&b);
    for (const auto& q : in.quarters) portfolio.quarterly_returns.push_back(&q);

    reports::ContractReport report;
    report.contract = &in.contract;
    for (const auto& b : in.bids) report.returns.push_back(&b);
    for (const auto& q : in.quarters) report.returns.push_back(&q);
    report.findings = judge_contract(rb, portfolio);
    report.rulebook = &rb;
    report.data_date = "2026-10-31";
    report.fairgate_version = "bench";

    const std::string ours = (dir / "fairgate.xlsx").string();
    const std::string plain = (dir / "plain.xlsx").string();
    reports::write_contract_workbook(report, ours);
    const std::vector<BaselineSheet> cells = read_back(ours);
    std::size_t cell_count = 0;
    for (const auto& s : cells) cell_count += s.cells.size();

    // Four ways, alternating batches so that none gets a quieter machine: fairgate and plain
    // libxlsxwriter, each packed as fairgate packs (parts in memory, fast deflate) and as
    // libxlsxwriter ships (a temporary file per part, zlib's default level).
    using reports::detail::XlsxPackaging;
    const XlsxPackaging ours_packing{}, shipped = XlsxPackaging::as_shipped();
    XlsxPackaging zlib_packing;  // as fairgate packed before libdeflate: minizip's zlib at level 1
    zlib_packing.libdeflate = false;
    XlsxPackaging libc_formatting;  // every fprintf and snprintf formatted by the C library
    libc_formatting.plain_formatting = false;
    auto fairgate = [&](const XlsxPackaging& p) {
        return [&, p] {
            reports::detail::set_default_packaging(p);
            reports::write_contract_workbook(report, ours);
        };
    };
    auto baseline = [&](const XlsxPackaging& p) {
        return [&, p] {
            const reports::detail::PackagingScope scope(p);
            write_baseline(cells, plain);
        };
    };
    struct Series {
        const char* name;
        std::function<void()> write;
        std::vector<double> cpu, wall;
    };
    std::vector<Series> series;
    series.push_back({"fairgate write_contract_workbook", fairgate(ours_packing), {}, {}});
    series.push_back({"plain libxlsxwriter, same cells", baseline(ours_packing), {}, {}});
    series.push_back({"fairgate, packed as shipped", fairgate(shipped), {}, {}});
    series.push_back({"plain libxlsxwriter as shipped", baseline(shipped), {}, {}});
    series.push_back({"fairgate, zlib level 1 (no libdeflate)", fairgate(zlib_packing), {}, {}});
    series.push_back({"fairgate, C library's printf", fairgate(libc_formatting), {}, {}});
    if (only >= 1 && only <= static_cast<int>(series.size())) {
        Series one = std::move(series[static_cast<size_t>(only - 1)]);
        series = {};
        series.push_back(std::move(one));
    }
    for (Series& s : series) s.write();  // warm up
    for (int b = 0; b < batches; ++b) {
        for (Series& s : series) {
            const auto r = batch_rate(batch, s.write);
            s.cpu.push_back(r.first);
            s.wall.push_back(r.second);
        }
    }
    reports::detail::set_default_packaging(ours_packing);
    reports::write_contract_workbook(report, ours);
    const auto ours_size = fs::file_size(ours);
    reports::detail::set_default_packaging(shipped);
    reports::write_contract_workbook(report, ours);
    const auto shipped_size = fs::file_size(ours);
    reports::detail::set_default_packaging(zlib_packing);
    reports::write_contract_workbook(report, ours);
    const auto zlib_size = fs::file_size(ours);
    reports::detail::set_default_packaging(ours_packing);

    std::printf("contract workbook: %zu findings, %zu returns, %zu sheets, %zu cells, %s bytes (%s with zlib level 1, %s packed as shipped)\n",
                report.findings.size(), report.returns.size(), cells.size(), cell_count,
                std::to_string(ours_size).c_str(), std::to_string(zlib_size).c_str(),
                std::to_string(shipped_size).c_str());
    for (const auto& s : cells) std::printf("  %-12s %5zu cells\n", s.name.c_str(), s.cells.size());
    std::printf("malloc: M_MMAP_THRESHOLD 4 MiB, M_TRIM_THRESHOLD 32 MiB (as the fairgate CLI)\n");
    std::printf("packed as fairgate packs: parts in memory, deflate level %d by %s; as shipped: a temporary file per part, zlib's default level\n",
                ours_packing.deflate_level, XlsxPackaging::libdeflate_built_in() ? "libdeflate" : "zlib (built without libdeflate)");
    std::printf("medians of %d batches of %d, one thread   by CPU time          by wall time\n", batches, batch);
    std::vector<double> cpu, wall;
    if (series.size() == 1) {
        std::printf("%s: %.1f/s by CPU time\n", series[0].name, median(series[0].cpu));
        fs::remove_all(dir);
        return 0;
    }
    for (const Series& s : series) {
        cpu.push_back(median(s.cpu));
        wall.push_back(median(s.wall));
        std::printf("%-34s %7.1f/s (%5.2f ms)   %7.1f/s (%5.2f ms)\n", (s.name + std::string(":")).c_str(), cpu.back(),
                    1000 / cpu.back(), wall.back(), 1000 / wall.back());
    }
    std::printf("ratio fairgate / plain, same packing:  %5.2fx              %5.2fx\n", cpu[1] / cpu[0], wall[1] / wall[0]);
    std::printf("ratio fairgate / plain as shipped:     %5.2fx              %5.2fx\n", cpu[3] / cpu[0], wall[3] / wall[0]);
    std::printf("ratio fairgate / fairgate with zlib 1: %5.2fx              %5.2fx\n", cpu[4] / cpu[0], wall[4] / wall[0]);
    std::printf("ratio fairgate / with C library printf: %5.2fx             %5.2fx\n", cpu[5] / cpu[0], wall[5] / wall[0]);
    fs::remove_all(dir);
    return 0;
}
