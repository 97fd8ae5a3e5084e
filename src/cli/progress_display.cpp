#include "cli/progress_display.hpp"

#include "cli/progress_text.hpp"

namespace fairgate::cli {

ProgressDisplay::ProgressDisplay(ProgressStyle style, std::chrono::duration<double> interval, std::FILE* out)
    : style_(style), interval_(interval), out_(out) {}

void ProgressDisplay::progress(const BatchProgress& now) {
    if (style_ == ProgressStyle::None) return;
    const auto t = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    if (t - last_ < interval_) return;
    last_ = t;
    if (style_ == ProgressStyle::Lines) {
        std::fprintf(out_, "fairgate: %s\n", progress_line(now).c_str());
    } else {
        drawn_ = progress_bar(now);
        std::fprintf(out_, "\r%s\x1b[K", drawn_.c_str());  // ESC[K: erase what a longer bar left
    }
    std::fflush(out_);
}

void ProgressDisplay::clear_locked() {
    if (drawn_.empty()) return;
    std::fputs("\r\x1b[K", out_);
    std::fflush(out_);
}

void ProgressDisplay::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    clear_locked();
    drawn_.clear();
}

class BarAwareSink : public spdlog::sinks::sink {
public:
    BarAwareSink(ProgressDisplay& display, std::shared_ptr<spdlog::sinks::sink> inner)
        : display_(display), inner_(std::move(inner)) {}
    void log(const spdlog::details::log_msg& msg) override {
        std::lock_guard<std::mutex> lock(display_.mutex_);
        display_.clear_locked();
        inner_->log(msg);
        inner_->flush();
        if (!display_.drawn_.empty()) {
            std::fprintf(display_.out_, "%s", display_.drawn_.c_str());
            std::fflush(display_.out_);
        }
    }
    void flush() override { inner_->flush(); }
    void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override { inner_->set_formatter(std::move(formatter)); }

private:
    ProgressDisplay& display_;
    std::shared_ptr<spdlog::sinks::sink> inner_;
};

std::shared_ptr<spdlog::sinks::sink> ProgressDisplay::log_sink(std::shared_ptr<spdlog::sinks::sink> inner) {
    if (style_ != ProgressStyle::Bar) return inner;
    return std::make_shared<BarAwareSink>(*this, std::move(inner));
}

}  // namespace fairgate::cli
