// fairgate-gen: writes the bundled sample portfolio, or a synthetic one of any size for
// benchmarks, as the files suppliers and the council send (docs/input-formats.md).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "curated_sample.hpp"
#include "portfolio_writer.hpp"
#include "synthetic.hpp"

namespace fs = std::filesystem;
using namespace fairgate::gen;

namespace {

constexpr const char* kUsage =
    "usage: fairgate-gen --out DIR [--replace] --sample [--readme FILE]\n"
    "       fairgate-gen --out DIR [--replace] [--contracts N] [--quarters Q] [--seed S]\n"
    "                    [--xlsx-share F] [--jobs J]\n"
    "\n"
    "  --out DIR        inbox to write: DIR/register, DIR/tenders, DIR/quarterly\n"
    "  --replace        remove DIR/register, DIR/tenders and DIR/quarterly first\n"
    "                   (otherwise DIR must be empty or absent)\n"
    "  --sample         the curated sample portfolio (samples/inbox)\n"
    "  --readme FILE    with --sample: rewrite the contract and scenario tables in\n"
    "                   FILE between <!-- contracts:begin/end --> and\n"
    "                   <!-- scenarios:begin/end --> markers\n"
    "  --contracts N    synthetic portfolio of N contracts (default 10000)\n"
    "  --quarters Q     quarterly returns per contract, ending 2026-Q2 (default 4)\n"
    "  --seed S         random seed (default 1); same arguments, same bytes\n"
    "  --xlsx-share F   share of returns written as XLSX forms, 0..1 (default 0.5)\n"
    "  --jobs J         writer processes (default: hardware threads)\n";

struct Args {
    fs::path out;
    bool replace = false;
    bool sample = false;
    std::optional<fs::path> readme;
    SyntheticOptions synthetic;
};

[[noreturn]] void usage_error(const std::string& message) {
    std::fprintf(stderr, "fairgate-gen: %s\n\n%s", message.c_str(), kUsage);
    std::exit(2);
}

uint64_t parse_unsigned(std::string_view name, const std::string& text) {
    try {
        size_t used = 0;
        const unsigned long long v = std::stoull(text, &used);
        if (used == text.size() && text[0] != '-') return v;
    } catch (const std::exception&) {
    }
    usage_error(std::string(name) + " needs a whole number, not '" + text + "'");
}

Args parse(int argc, char** argv) {
    Args a;
    bool synthetic_option = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (arg == "--out") {
            a.out = value();
        } else if (arg == "--replace") {
            a.replace = true;
        } else if (arg == "--sample") {
            a.sample = true;
        } else if (arg == "--readme") {
            a.readme = fs::path(value());
        } else if (arg == "--contracts") {
            a.synthetic.contracts = parse_unsigned(arg, value());
            synthetic_option = true;
        } else if (arg == "--quarters") {
            const uint64_t q = parse_unsigned(arg, value());
            if (q < 1 || q > 40) usage_error("--quarters must be 1 to 40");
            a.synthetic.quarters = static_cast<int>(q);
            synthetic_option = true;
        } else if (arg == "--seed") {
            a.synthetic.seed = parse_unsigned(arg, value());
            synthetic_option = true;
        } else if (arg == "--xlsx-share") {
            const std::string text = value();
            char* end = nullptr;
            const double f = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !(f >= 0.0 && f <= 1.0)) usage_error("--xlsx-share must be between 0 and 1");
            a.synthetic.xlsx_share = f;
            synthetic_option = true;
        } else if (arg == "--jobs") {
            a.synthetic.jobs = static_cast<unsigned>(parse_unsigned(arg, value()));
        } else {
            usage_error("unknown argument '" + std::string(arg) + "'");
        }
    }
    if (a.out.empty()) usage_error("--out DIR is required");
    if (a.sample && synthetic_option) usage_error("--sample takes no synthetic options");
    if (a.readme && !a.sample) usage_error("--readme goes with --sample");
    return a;
}

/// Refuses to mix a new portfolio into an old one, and removes only folders it writes.
void prepare_out(const fs::path& out, bool replace) {
    if (replace) {
        for (const char* sub : {"register", "tenders", "quarterly"}) fs::remove_all(out / sub);
    }
    if (fs::exists(out) && !fs::is_empty(out))
        usage_error(out.string() + " is not empty; use --replace to rewrite its register, tenders and quarterly folders");
    fs::create_directories(out);
}

}  // namespace

/// libxlsxwriter allocates and frees a few hundred kilobytes (zlib and zip buffers) for every
/// workbook. With glibc's default thresholds each free hands the memory back to the kernel and
/// the next workbook faults it in again, which made the kernel time four times the useful work.
/// Keeping freed memory in the process makes writing XLSX forms about four times faster.
void keep_freed_memory() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    keep_freed_memory();
    try {
        prepare_out(args.out, args.replace);
        const auto t0 = std::chrono::steady_clock::now();
        WriteCounts counts;
        if (args.sample) {
            const Portfolio p = curated_sample();
            counts = write_portfolio(args.out, p);
            if (args.readme) update_readme(*args.readme, p);
            std::printf("sample: %zu contracts, %zu scenarios\n", p.contracts.size(), p.scenarios.size());
        } else {
            counts = write_synthetic(args.out, args.synthetic);
            std::printf("synthetic: %zu contracts x (1 tender + %d quarterly returns), seed %llu, xlsx share %.2f\n",
                        args.synthetic.contracts, args.synthetic.quarters,
                        static_cast<unsigned long long>(args.synthetic.seed), args.synthetic.xlsx_share);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("wrote %zu files (%zu xlsx, %zu csv) holding %zu returns to %s in %.2f s\n", counts.files, counts.xlsx,
                    counts.csv, counts.returns, args.out.string().c_str(), seconds);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fairgate-gen: %s\n", e.what());
        return 1;
    }
}
