#include "synthetic.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv_writer.hpp"
#include "return_builder.hpp"

namespace fairgate::gen {

namespace {

constexpr Quarter kLastQuarter{2026, 2};
constexpr size_t kContractsPerFolder = 1000;  // keeps folders small enough to list comfortably
constexpr size_t kContractsPerTask = 50;

struct Area {
    const char* name;
    const char* title;
    const char* users_note;
    int64_t users;  ///< Typical residents served a quarter; 0 for back office.
};

const std::array<Area, 12> kAreas = {{
    {"Adult Social Care", "Home Care Services", "Residents receiving care in the quarter", 600},
    {"Children's Services", "Family Support Service", "Children and parents supported", 400},
    {"Libraries", "Community Library Service", "Members who borrowed or attended", 8000},
    {"Waste and Recycling", "Recycling and Bulky Waste Collection", "Households on assisted collection", 2500},
    {"Digital and IT", "Managed IT Service", "", 0},
    {"Communities and Voluntary Sector", "Advice and Advocacy Service", "Residents given advice", 1500},
    {"Housing", "Supported Housing Service", "Residents in supported accommodation", 60},
    {"Adult Social Care", "Day Opportunities Service", "Adults attending day opportunities", 120},
    {"Education", "School Travel Assistance", "Pupils with travel assistance", 500},
    {"Leisure and Culture", "Leisure Centre Management", "Members using the centres", 12000},
    {"Children's Services", "Youth Work Service", "Young people taking part", 900},
    {"Environment", "Grounds Maintenance", "", 0},
}};

const std::array<const char*, 12> kPlaces = {"Bexley", "Erith", "Sidcup", "Welling", "Crayford", "Thamesmead",
                                             "Belvedere", "Bexleyheath", "Thameside", "Riverside", "Kentish", "Cray Valley"};
const std::array<const char*, 10> kCores = {"Care", "Community", "Facilities", "Support", "Housing",
                                            "Youth", "Digital", "Environmental", "Leisure", "Family"};
const std::array<const char*, 5> kCompanySuffixes = {"Ltd", "Services Ltd", "Partnership Ltd", "Group plc", "Solutions Ltd"};
const std::array<const char*, 3> kVcseSuffixes = {"Trust", "CIC", "Network"};

template <typename A>
const auto& pick(Rng& rng, const A& items) { return items[static_cast<size_t>(rng.between(0, static_cast<int64_t>(items.size()) - 1))]; }

std::string numbered(const char* prefix, size_t n, int width) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%0*zu", prefix, width, n);
    return buf;
}

/// One synthetic contract and its supplier, with the defects the rulebook should catch
/// sprinkled at low rates so that a benchmark run exercises every outcome.
struct Generated {
    ContractRow row;
    SupplierProfile supplier;
    SocialValue offer{};
    ServiceProfile service;
    Date tender_submitted;
};

Generated make_contract(size_t i, int quarters, Rng& rng) {
    Generated g;
    const Area& area = pick(rng, kAreas);
    g.supplier.vcse = rng.chance(0.25);
    g.supplier.employees = static_cast<int>(std::lround(std::exp(rng.uniform(std::log(5.0), std::log(3000.0)))));
    g.supplier.turnover_pounds = static_cast<int64_t>(g.supplier.employees) * rng.between(35'000, 70'000);
    g.supplier.name = std::string(pick(rng, kPlaces)) + " " + pick(rng, kCores) + " " +
                      (g.supplier.vcse ? pick(rng, kVcseSuffixes) : pick(rng, kCompanySuffixes));
    g.supplier.id = numbered("", 20'000'000 + i, 8);

    ContractRow& c = g.row;
    c.id = numbered("BX-S-", i + 1, 6);
    c.tender_id = numbered("BX-TS-", i + 1, 6);
    c.title = std::string(area.title) + " (" + pick(rng, kPlaces) + ")";
    c.service_area = area.name;
    c.supplier_name = g.supplier.name;
    c.supplier_id = g.supplier.id;
    c.supplier_scale = scale_of(g.supplier.employees, g.supplier.turnover_pounds);
    c.vcse = g.supplier.vcse;
    const Quarter first = [&] { Quarter q = kLastQuarter; for (int k = 1; k < quarters; ++k) q = q.previous(); return q; }();
    c.start = first.first_day(kScheme);
    c.end = add_days(Date::from_ymd(c.start.year() + static_cast<int>(rng.between(3, 10)), c.start.month(), c.start.day()), -1);
    c.value_pounds = static_cast<int64_t>(std::exp(rng.uniform(std::log(60'000.0), std::log(40'000'000.0))) / 1000.0) * 1000;
    c.service_to_residents = area.users > 0;
    c.notice_days = c.vcse ? (rng.chance(0.05) ? 30 : 91) : 90;
    c.payment_days = rng.chance(0.03) ? 45 : 30;
    c.payment_in_advance = c.vcse && !rng.chance(0.1);
    c.full_cost_recovery = !(c.vcse && rng.chance(0.1));
    c.kpi_count = c.value_pounds > 5'000'000 && rng.chance(0.1) ? 2 : static_cast<int>(rng.between(3, 8));
    c.sv_weighting_pct = rng.chance(0.05) ? 5 : (rng.chance(0.5) ? 10 : 15);
    // Half the voluntary sector's are grants; not drawn, so that every other figure is as it was.
    c.funding_type = c.vcse && i % 2 == 0 ? "Grant" : "Contract";

    // Social value in proportion to the contract's size: roughly one local job per £1m.
    const double m = static_cast<double>(c.value_pounds) / 1'000'000.0;
    g.offer = {std::ceil(m * rng.uniform(0.8, 1.6)), std::ceil(m * 0.2), std::ceil(m * 0.1), std::ceil(m * 20), std::ceil(m * 35),
               std::round(static_cast<double>(c.value_pounds) * 0.005), std::round(static_cast<double>(c.value_pounds) * 0.02),
               std::ceil(m * 60 + 100)};

    g.service.service_users = area.users > 0 ? static_cast<int64_t>(static_cast<double>(area.users) * rng.uniform(0.3, 2.0)) : 0;
    g.service.users_note = area.users_note;
    g.service.max_complaints = 2;
    g.service.max_hate_incidents = 2;
    g.service.last_accessibility_review = add_days(c.start, -static_cast<int>(rng.between(30, 250)));
    g.tender_submitted = add_days(c.start, -static_cast<int>(rng.between(90, 200)));
    return g;
}

Return synthetic_tender(const Generated& g, Rng& rng) {
    Return r = compliant_tender_return(g.row.tender_id, g.supplier, g.tender_submitted, g.offer);
    if (rng.chance(0.5)) r.at("C4") = Cell::str("Accredited");
    if (rng.chance(0.03)) r.at("B1") = Cell::yes_no(false);
    if (rng.chance(0.03)) {
        r.at("B2") = Cell::yes_no(true);
        if (rng.chance(0.5)) r.at("B2a") = Cell::str("Managers retrained; grievance procedure rewritten");
    }
    if (g.supplier.turnover_pounds >= 36'000'000 && rng.chance(0.1)) r.at("C1") = Cell::str("N/A");
    if (g.supplier.employees >= 250 && rng.chance(0.1)) r.at("C2") = Cell::str("No");
    if (rng.chance(0.05)) r.at("C3") = Cell::str(rng.chance(0.5) ? "None" : "1");
    if (rng.chance(0.05)) r.at("C5") = Cell::integer(45);
    if (rng.chance(0.01)) r.at("C5") = Cell::str("tbc");
    if (rng.chance(0.01)) r.at("B6") = Cell::blank();
    if (rng.chance(0.03)) r.at("B12") = Cell::yes_no(false);
    if (rng.chance(0.05)) r.at("B11") = Cell::yes_no(false);
    return r;
}

/// Sets measure `m` (0 for Q12a .. 7 for Q12h) of a quarterly return to `v`.
void set_delivered(Return& r, size_t m, double v) {
    const size_t index = question_index(ReturnKind::Quarterly, "Q12a") + m;
    r.answers[index] = questions(ReturnKind::Quarterly)[index].type == AnswerType::Money ? Cell::money(v) : Cell::num(v);
}

void bend_quarterly(Return& r, Quarter q, double delivery, size_t short_measure, const Generated& g, Rng& rng) {
    if (rng.chance(0.08)) r.submitted = add_days(q.last_day(kScheme), static_cast<int>(rng.between(29, 60)));
    if (g.row.service_to_residents && rng.chance(0.07)) r.at("Q2i") = Cell::percent(rng.chance(0.3) ? 0.55 : 0.7);
    if (rng.chance(0.05)) r.at("Q6") = Cell::percent(0.85);
    if (rng.chance(0.03)) r.at("Q9") = Cell::day(add_days(q.last_day(kScheme), -400));
    if (rng.chance(0.03)) r.at("Q10") = Cell::yes_no(false);
    if (rng.chance(0.03)) r.at("Q11") = Cell::num(45);
    if (rng.chance(0.03)) { r.at("Q3") = Cell::integer(2); r.at("Q4") = Cell::integer(1); }
    if (rng.chance(0.01)) r.at("Q5") = Cell::blank();
    if (g.row.service_to_residents && rng.chance(0.03)) r.at("Q8") = Cell::integer(0);
    if (rng.chance(0.02)) { r.at("Q13") = Cell::yes_no(false); r.at("Q13a") = Cell::blank(); }
    if (delivery < 1.0) set_delivered(r, short_measure, delivered_in_quarter(g.row, q, g.offer, delivery)[short_measure]);
}

/// Builds the returns and files of contracts [begin, end) into `p` (no register).
void build_chunk(Portfolio& p, size_t begin, size_t end, const SyntheticOptions& o) {
    for (size_t i = begin; i < end; ++i) {
        Rng rng = Rng::for_item(o.seed, i);
        const Generated g = make_contract(i, o.quarters, rng);
        const std::string folder = numbered("batch-", i / kContractsPerFolder, 3);

        p.returns.push_back(synthetic_tender(g, rng));
        OutputFile tf;
        tf.returns = {p.returns.size() - 1};
        if (rng.uniform() < o.xlsx_share) {
            tf.format = FileFormat::XlsxForm;
            tf.path = "tenders/" + folder + "/" + g.row.tender_id + "_" + g.supplier.id + ".xlsx";
        } else {
            tf.format = FileFormat::CsvTable;
            tf.path = "tenders/" + folder + "/" + g.row.tender_id + "_" + g.supplier.id + ".csv";
        }
        p.files.push_back(std::move(tf));

        // One contract in twenty delivers one social value measure short of the commitment.
        const double delivery = rng.chance(0.05) ? (rng.chance(0.5) ? 0.6 : 0.8) : 1.0;
        const size_t short_measure = static_cast<size_t>(rng.between(0, static_cast<int64_t>(kSocialValueMeasures) - 1));
        // One in thirty starts well ahead on one measure and then delivers less of it each quarter.
        const bool falling = rng.chance(1.0 / 30);
        const size_t falling_measure = static_cast<size_t>(rng.between(0, static_cast<int64_t>(kSocialValueMeasures) - 1));
        Quarter q = kLastQuarter;
        for (int k = 1; k < o.quarters; ++k) q = q.previous();
        OutputFile batch;
        batch.format = FileFormat::CsvTable;
        batch.csv.canonical_headings = true;
        batch.csv.iso_dates = true;
        batch.csv.percent_as_fraction = true;
        batch.csv.money_symbol = false;
        batch.path = "quarterly/" + folder + "/" + g.row.id + "_export.csv";
        for (int k = 0; k < o.quarters; ++k, q = q.next()) {
            const Date submitted = add_days(q.last_day(kScheme), static_cast<int>(rng.between(5, 27)));
            Return r = compliant_quarterly_return(g.row, q, k, submitted, g.offer, g.service, rng);
            bend_quarterly(r, q, delivery, short_measure, g, rng);
            if (falling)
                set_delivered(r, falling_measure, delivered_in_quarter(g.row, q, g.offer, std::max(0.5, 1.6 - 0.2 * k))[falling_measure]);
            p.returns.push_back(std::move(r));
            if (rng.uniform() < o.xlsx_share) {
                OutputFile f;
                f.format = FileFormat::XlsxForm;
                f.path = "quarterly/" + folder + "/" + g.row.id + "_" + q.label() + ".xlsx";
                f.returns = {p.returns.size() - 1};
                p.files.push_back(std::move(f));
            } else {
                batch.returns.push_back(p.returns.size() - 1);
            }
        }
        if (!batch.returns.empty()) p.files.push_back(std::move(batch));
    }
}

/// Runs work(0) .. work(jobs - 1), each in a child process when jobs > 1, and adds up what
/// they wrote. A child that fails reports on stderr; the parent then throws.
template <typename Work>
WriteCounts run_in_processes(unsigned jobs, Work work) {
    if (jobs <= 1) return work(0);
    std::fflush(nullptr);  // or the children would print the parent's buffered output again
    struct Child { pid_t pid; int fd; };
    std::vector<Child> children;
    std::string start_error;  // children already started are still waited for
    for (unsigned k = 0; k < jobs; ++k) {
        int fds[2];
        if (pipe(fds) != 0) {
            start_error = std::string("pipe: ") + std::strerror(errno);
            break;
        }
        const pid_t pid = fork();
        if (pid < 0) {
            start_error = std::string("fork: ") + std::strerror(errno);
            close(fds[0]);
            close(fds[1]);
            break;
        }
        if (pid == 0) {
            close(fds[0]);
            int status = 0;
            try {
                const WriteCounts counts = work(k);
                if (write(fds[1], &counts, sizeof counts) != static_cast<ssize_t>(sizeof counts)) status = 1;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "fairgate-gen: worker %u: %s\n", k, e.what());
                status = 1;
            }
            std::fflush(nullptr);
            _exit(status);
        }
        close(fds[1]);
        children.push_back({pid, fds[0]});
    }
    WriteCounts total;
    bool failed = false;
    for (const Child& c : children) {
        WriteCounts counts;
        const ssize_t got = read(c.fd, &counts, sizeof counts);
        close(c.fd);
        int status = 0;
        waitpid(c.pid, &status, 0);
        if (got != static_cast<ssize_t>(sizeof counts) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = true;
        else total += counts;
    }
    if (!start_error.empty()) throw std::runtime_error(start_error);
    if (failed) throw std::runtime_error("a writer process failed");
    return total;
}

}  // namespace

WriteCounts write_synthetic(const std::filesystem::path& inbox, const SyntheticOptions& o) {
    const size_t tasks = (o.contracts + kContractsPerTask - 1) / kContractsPerTask;
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const unsigned jobs = static_cast<unsigned>(std::min<size_t>(o.jobs ? o.jobs : hardware, std::max<size_t>(tasks, 1)));

    // Worker k writes every jobs-th task of kContractsPerTask contracts.
    auto work = [&](unsigned k) {
        WriteCounts counts;
        for (size_t t = k; t < tasks; t += jobs) {
            Portfolio chunk;
            const size_t begin = t * kContractsPerTask;
            build_chunk(chunk, begin, std::min(begin + kContractsPerTask, o.contracts), o);
            counts += write_portfolio(inbox, chunk);
        }
        return counts;
    };
    // Processes, not threads: libxlsxwriter formats the workbook's dates with gmtime(), whose
    // shared buffer let one thread's date into another thread's docProps/core.xml.
    WriteCounts total = run_in_processes(jobs, work);

    // The register, from the contracts alone (each is the first thing drawn from its stream).
    std::vector<ContractRow> rows;
    rows.reserve(o.contracts);
    for (size_t i = 0; i < o.contracts; ++i) {
        Rng rng = Rng::for_item(o.seed, i);
        rows.push_back(make_contract(i, o.quarters, rng).row);
    }
    std::filesystem::create_directories(inbox / "register");
    write_register_csv(inbox / "register" / "contract-register.csv", rows);
    total.files += 1;
    total.csv += 1;
    return total;
}

}  // namespace fairgate::gen
