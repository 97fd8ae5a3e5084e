#include "pipeline/log_lines.hpp"

#include <spdlog/pattern_formatter.h>

#include "model/printable.hpp"

namespace fairgate {

namespace {

class PrintableMessage final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        const std::string text = printable(std::string_view(msg.payload.data(), msg.payload.size()));
        dest.append(text.data(), text.data() + text.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<PrintableMessage>(); }
};

// A command line's prefix, as Unix tools write one: "fairgate: " before an error,
// "fairgate: warning: " before a warning, nothing before what is only information.
class CommandPrefix final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        std::string_view prefix;
        if (msg.level >= spdlog::level::err) prefix = "fairgate: ";
        else if (msg.level == spdlog::level::warn) prefix = "fairgate: warning: ";
        dest.append(prefix.data(), prefix.data() + prefix.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<CommandPrefix>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> log_line_formatter(const std::string& pattern) {
    // '*' stands for the escaped message; %v in the caller's pattern becomes it.
    std::string p = pattern;
    for (size_t at = p.find("%v"); at != std::string::npos; at = p.find("%v", at + 2)) p.replace(at, 2, "%*");
    auto f = std::make_unique<spdlog::pattern_formatter>();
    f->add_flag<PrintableMessage>('*').add_flag<CommandPrefix>('@').set_pattern(p);
    return f;
}

}  // namespace fairgate
