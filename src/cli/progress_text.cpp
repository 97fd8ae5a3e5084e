#include "cli/progress_text.hpp"

#include <algorithm>
#include <cmath>

namespace fairgate::cli {
namespace {

struct StageCount {
    size_t done = 0, total = 0;
};

StageCount stage_count(const BatchProgress& p) {
    if (p.stage == BatchProgress::Stage::Reading) return {p.files_read, p.files_total};
    return {p.contracts_judged + p.tenders_screened, p.contracts_total + p.tenders_total};
}

std::string percent(size_t done, size_t total) {
    const size_t pc = total ? done * 100 / total : 100;  // rounded down: 100% only when done
    return std::to_string(pc) + "%";
}

std::string time_left_part(const BatchProgress& p) {
    const StageCount c = stage_count(p);
    const auto left = seconds_left(c.done, c.total, p.stage_seconds);
    return left && c.done < c.total ? ", " + format_time_left(*left) : std::string();
}

}  // namespace

std::string format_count(size_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::optional<double> seconds_left(size_t done, size_t total, double elapsed_seconds) {
    if (done == 0 || elapsed_seconds < 1.0 || done > total) return std::nullopt;
    return elapsed_seconds * static_cast<double>(total - done) / static_cast<double>(done);
}

std::string format_time_left(double seconds) {
    if (seconds < 10) return "a few seconds left";
    if (seconds < 57.5) return "about " + std::to_string(static_cast<long>(std::lround(seconds / 5) * 5)) + " s left";
    const long minutes = std::max(1L, std::lround(seconds / 60));
    if (minutes < 60) return "about " + std::to_string(minutes) + " min left";
    const long h = minutes / 60, m = minutes % 60;
    return "about " + std::to_string(h) + " h" + (m ? " " + std::to_string(m) + " min" : std::string()) + " left";
}

std::string progress_line(const BatchProgress& p) {
    const StageCount c = stage_count(p);
    std::string line;
    if (p.stage == BatchProgress::Stage::Reading) {
        line = "read " + format_count(p.files_read) + " of " + format_count(p.files_total) + " files";
    } else {
        line = "judged " + format_count(p.contracts_judged) + " of " + format_count(p.contracts_total) + " contracts";
        if (p.tenders_total)
            line += " and " + format_count(p.tenders_screened) + " of " + format_count(p.tenders_total) + " tenders";
    }
    return line + " (" + percent(c.done, c.total) + ")" + time_left_part(p);
}

std::string progress_bar(const BatchProgress& p, size_t width) {
    const StageCount c = stage_count(p);
    const size_t filled = c.total ? std::min(width, c.done * width / c.total) : width;
    std::string out = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] files " +
                      format_count(p.files_read) + "/" + format_count(p.files_total);
    if (p.stage == BatchProgress::Stage::Judging) {
        out += " | contracts " + format_count(p.contracts_judged) + "/" + format_count(p.contracts_total);
        if (p.tenders_total) out += " | tenders " + format_count(p.tenders_screened) + "/" + format_count(p.tenders_total);
    }
    const std::string left = time_left_part(p);
    return left.empty() ? out : out + " |" + left.substr(1);
}

}  // namespace fairgate::cli
