#include "service/pages/outcome_chart.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

struct Series {
    const char* label;
    const char* fill;  // a colour, or a pattern defined in the chart
};
// Fills at 3:1 or more against white (WCAG 1.4.11), and a pattern each besides.
constexpr Series kSeries[] = {
    {"Failed", "#d4351c"}, {"Missing", "url(#fg-hatch)"}, {"Warnings and referrals", "url(#fg-dots)"}};

uint64_t count(const OutcomeCounts& c, size_t series) {
    auto of = [&](Outcome o) { return c[static_cast<size_t>(o)]; };
    switch (series) {
        case 0: return of(Outcome::Fail);
        case 1: return of(Outcome::Missing);
        default: return of(Outcome::Warn) + of(Outcome::Refer);
    }
}

// The step between the y axis's ticks: 1, 2, 5, 10, 20, 50... so that there are at most five.
uint64_t tick_step(uint64_t top) {
    uint64_t step = 1;
    for (uint64_t scale = 1;; scale *= 10) {
        for (uint64_t m : {1, 2, 5}) {
            step = m * scale;
            if (top <= step * 5) return step;
        }
    }
}

}  // namespace

std::vector<QuarterOutcomes> outcomes_by_quarter(const std::vector<StoredFinding>& findings) {
    std::map<std::string, OutcomeCounts> by;
    for (const StoredFinding& f : findings) {
        if (f.finding.period.empty()) continue;
        ++by[f.finding.period][static_cast<size_t>(f.finding.outcome)];
    }
    std::vector<QuarterOutcomes> out;
    for (const auto& [quarter, counts] : by) out.push_back({quarter, counts});
    return out;
}

std::string outcome_chart(const std::vector<QuarterOutcomes>& quarters, const std::string& contract_id) {
    constexpr int kWidth = 720, kHeight = 320, kLeft = 60, kRight = 16, kTop = 24, kBottom = 84;
    constexpr int kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
    uint64_t most = 0;
    for (const auto& q : quarters)
        for (size_t s = 0; s < 3; ++s) most = std::max(most, count(q.counts, s));
    const uint64_t step = tick_step(std::max<uint64_t>(most, 1));
    const uint64_t top = ((std::max<uint64_t>(most, 1) + step - 1) / step) * step;
    const auto y = [&](uint64_t v) { return kTop + kPlotH - static_cast<double>(v) * kPlotH / static_cast<double>(top); };
    const double group = static_cast<double>(kPlotW) / static_cast<double>(quarters.size());
    const double bar = std::min(group * 0.8 / 3, 48.0);

    std::ostringstream svg;
    svg.setf(std::ios::fixed);
    svg.precision(1);
    const std::string id = html_escape(contract_id);
    svg << "<figure>\n<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 " << kWidth << ' '
        << kHeight << "\" width=\"100%\" style=\"max-width:" << kWidth << "px\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        << "<title id=\"chart-title\">Findings to act on by quarter, " << id << "</title>\n"
        << "<desc id=\"chart-desc\">A bar chart: for each of " << quarters.size()
        << (quarters.size() == 1 ? " quarter" : " quarters")
        << ", the findings of its return that failed, were missing, or warned or were referred. The table after "
           "the chart gives the same numbers.</desc>\n"
        << "<defs><pattern id=\"fg-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" "
           "height=\"6\" fill=\"#1d70b8\"/></pattern><pattern id=\"fg-dots\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#4c2c92\"/><circle cx=\"3\" "
           "cy=\"3\" r=\"1.5\" fill=\"#fff\"/></pattern></defs>\n";
    // The y axis from zero, its ticks and gridlines, and its title.
    for (uint64_t v = 0; v <= top; v += step) {
        svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + kPlotW << "\" y1=\"" << y(v) << "\" y2=\"" << y(v)
            << "\" stroke=\"#b1b4b6\"/><text x=\"" << kLeft - 6 << "\" y=\"" << y(v) + 4 << "\" text-anchor=\"end\">"
            << v << "</text>\n";
    }
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft << "\" y1=\"" << kTop << "\" y2=\"" << kTop + kPlotH
        << "\" stroke=\"#0b0c0c\"/><line x1=\"" << kLeft << "\" x2=\"" << kLeft + kPlotW << "\" y1=\"" << kTop + kPlotH
        << "\" y2=\"" << kTop + kPlotH << "\" stroke=\"#0b0c0c\"/>\n"
        << "<text transform=\"translate(16 " << kTop + kPlotH / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
           "Findings</text>\n";
    for (size_t i = 0; i < quarters.size(); ++i) {
        const double x0 = kLeft + group * static_cast<double>(i) + (group - 3 * bar) / 2;
        for (size_t s = 0; s < 3; ++s) {
            const uint64_t v = count(quarters[i].counts, s);
            const double x = x0 + bar * static_cast<double>(s);
            svg << "<rect x=\"" << x << "\" y=\"" << y(v) << "\" width=\"" << bar - 2 << "\" height=\""
                << kTop + kPlotH - y(v) << "\" fill=\"" << kSeries[s].fill << "\" stroke=\"#0b0c0c\"/><text x=\""
                << x + (bar - 2) / 2 << "\" y=\"" << y(v) - 4 << "\" text-anchor=\"middle\">" << v << "</text>\n";
        }
        svg << "<text x=\"" << kLeft + group * (static_cast<double>(i) + 0.5) << "\" y=\"" << kTop + kPlotH + 18
            << "\" text-anchor=\"middle\">" << html_escape(quarters[i].quarter) << "</text>\n";
    }
    svg << "<text x=\"" << kLeft + kPlotW / 2 << "\" y=\"" << kTop + kPlotH + 38 << "\" text-anchor=\"middle\">"
           "Quarter</text>\n";
    // The legend, below the axis title.
    double lx = kLeft;
    for (const Series& s : kSeries) {
        svg << "<rect x=\"" << lx << "\" y=\"" << kHeight - 26 << "\" width=\"16\" height=\"16\" fill=\"" << s.fill
            << "\" stroke=\"#0b0c0c\"/><text x=\"" << lx + 22 << "\" y=\"" << kHeight - 13 << "\">" << s.label
            << "</text>\n";
        lx += 40 + 7.5 * static_cast<double>(std::char_traits<char>::length(s.label));
    }
    svg << "</svg>\n</figure>\n";

    svg << "<table>\n<caption>Findings by quarter (the numbers of the chart)</caption>\n<thead><tr>"
           "<th scope=\"col\">Quarter</th>";
    for (const Series& s : kSeries) svg << "<th scope=\"col\">" << s.label << "</th>";
    svg << "<th scope=\"col\">Passed</th></tr></thead>\n<tbody>\n";
    for (const auto& q : quarters) {
        svg << "<tr><th scope=\"row\">" << html_escape(q.quarter) << "</th>";
        for (size_t s = 0; s < 3; ++s) svg << "<td>" << count(q.counts, s) << "</td>";
        svg << "<td>" << q.counts[static_cast<size_t>(Outcome::Pass)] << "</td></tr>\n";
    }
    svg << "</tbody>\n</table>\n";
    return svg.str();
}

}  // namespace fairgate::service::pages
