#include "service/request_body.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace fairgate::service {

namespace {

constexpr size_t kRawBuffer = 64 * 1024;
constexpr size_t kTailKept = 512;
constexpr size_t kChunkLineMax = 1024;   // a size, maybe with extensions
constexpr size_t kTrailerMax = 8 * 1024;  // header fields after the last chunk, all together

// A line from the client, shown in a message: printable ASCII kept, the rest as '?'.
std::string shown(const std::string& line) {
    std::string out;
    for (unsigned char c : line.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    return out;
}

}  // namespace

RequestBody::RequestBody(Poco::Net::HTTPServerRequest& request, int64_t content_length, uint64_t limit,
                         std::chrono::steady_clock::time_point deadline)
    : deadline_(deadline),
      limit_(limit),
      chunked_(content_length < 0),
      length_(content_length < 0 ? 0 : static_cast<uint64_t>(content_length)),
      out_(kRawBuffer) {
    auto& impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request);
    socket_ = impl.socket();
    // What Poco read past the headers is the start of the body.
    Poco::Buffer<char> buffered(0);
    impl.session().drainBuffer(buffered);
    raw_.assign(buffered.begin(), buffered.begin() + buffered.size());
    raw_end_ = raw_.size();
    if (raw_.size() < kRawBuffer) raw_.resize(kRawBuffer);
    setg(out_.data(), out_.data(), out_.data());
    if (!chunked_ && length_ == 0) state_ = BodyState::Complete;
}

std::string RequestBody::tail() const {
    return tail_.size() > kTailKept ? tail_.substr(tail_.size() - kTailKept) : tail_;
}

void RequestBody::keep_tail(const char* data, size_t n) {
    if (n >= kTailKept) {
        tail_.assign(data + n - kTailKept, kTailKept);
        return;
    }
    tail_.append(data, n);
    if (tail_.size() > 2 * kTailKept) tail_.erase(0, tail_.size() - kTailKept);
}

void RequestBody::fail(BodyState state, std::string problem) {
    if (state_ != BodyState::Reading) return;
    state_ = state;
    problem_ = std::move(problem);
}

BodyState RequestBody::drain() {
    setg(out_.data(), out_.data(), out_.data());
    while (read_body(out_.data(), out_.size()) > 0) {
    }
    return state_;
}

RequestBody::int_type RequestBody::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const size_t n = read_body(out_.data(), out_.size());
    if (n == 0) return traits_type::eof();
    setg(out_.data(), out_.data(), out_.data() + n);
    return traits_type::to_int_type(*gptr());
}

// Waits (until the deadline) for more bytes from the connection, reading at most `want`:
// a sized body never reads past its end, so a request that follows stays unread.
bool RequestBody::fill(size_t want) {
    raw_pos_ = raw_end_ = 0;
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline_) {
            fail(BodyState::TooLate, "the request body did not arrive in time");
            return false;
        }
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline_ - now).count();
        try {
            if (!socket_.poll(Poco::Timespan(std::max<int64_t>(left, 1)), Poco::Net::Socket::SELECT_READ)) continue;
            const int n = socket_.receiveBytes(raw_.data(), static_cast<int>(std::min(raw_.size(), want)));
            if (n <= 0) break;
            raw_end_ = static_cast<size_t>(n);
            return true;
        } catch (const Poco::TimeoutException&) {
            continue;
        } catch (const Poco::Exception&) {
            break;  // reset by the client: cut short as well
        }
    }
    fail(BodyState::CutShort,
         chunked_ ? "the chunked request body stopped after " + std::to_string(received_) +
                        " bytes, before its last chunk: the client closed the connection"
                  : "the request body stopped after " + std::to_string(received_) + " of the " +
                        std::to_string(length_) +
                        " bytes its Content-Length announced: the client closed the connection");
    return false;
}

size_t RequestBody::read_raw(char* out, size_t n, size_t want) {
    if (raw_pos_ == raw_end_ && !fill(want)) return 0;
    const size_t k = std::min(n, raw_end_ - raw_pos_);
    std::memcpy(out, raw_.data() + raw_pos_, k);
    raw_pos_ += k;
    return k;
}

bool RequestBody::raw_line(std::string& line, size_t max) {
    line.clear();
    for (;;) {
        if (raw_pos_ == raw_end_ && !fill(raw_.size())) return false;
        const char c = raw_[raw_pos_++];
        if (c == '\n') break;
        if (line.size() >= max) {
            fail(BodyState::BadFraming, "a line of the chunked request body is too long ('" + shown(line) + "...')");
            return false;
        }
        line += c;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

size_t RequestBody::read_body(char* out, size_t n) {
    if (state_ != BodyState::Reading) return 0;
    if (!chunked_) {
        const uint64_t left = length_ - received_;
        const size_t got = read_raw(out, static_cast<size_t>(std::min<uint64_t>(n, left)), static_cast<size_t>(left));
        received_ += got;
        keep_tail(out, got);
        if (received_ == length_) state_ = BodyState::Complete;
        return got;
    }
    std::string line;
    for (;;) {
        if (in_chunk_ && chunk_left_ > 0) {
            const size_t got = read_raw(out, static_cast<size_t>(std::min<uint64_t>(n, chunk_left_)), raw_.size());
            chunk_left_ -= got;
            received_ += got;
            keep_tail(out, got);
            return got;
        }
        if (in_chunk_) {  // a chunk's data is followed by a line end
            if (!raw_line(line, 2)) return 0;
            if (!line.empty()) {
                fail(BodyState::BadFraming, "a chunk of the request body is longer than its size line says");
                return 0;
            }
            in_chunk_ = false;
        }
        if (!raw_line(line, kChunkLineMax)) return 0;
        std::string size = line.substr(0, line.find(';'));
        while (!size.empty() && (size.back() == ' ' || size.back() == '\t')) size.pop_back();
        const bool hex = !size.empty() && size.size() <= 15 &&
                         std::all_of(size.begin(), size.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
        if (!hex) {
            fail(BodyState::BadFraming,
                 "a chunk size of the request body is not a hexadecimal number ('" + shown(line) + "')");
            return 0;
        }
        chunk_left_ = std::stoull(size, nullptr, 16);
        if (chunk_left_ == 0) {  // the last chunk: trailer fields up to an empty line
            size_t trailer = 0;
            do {
                if (!raw_line(line, kTrailerMax)) return 0;
                trailer += line.size();
            } while (!line.empty() && trailer <= kTrailerMax);
            if (!line.empty()) {
                fail(BodyState::BadFraming, "the trailer after the last chunk of the request body is too long");
                return 0;
            }
            state_ = BodyState::Complete;
            return 0;
        }
        if (received_ + chunk_left_ > limit_) {
            fail(BodyState::TooLarge, "the request body is larger than the limit");
            return 0;
        }
        in_chunk_ = true;
    }
}

}  // namespace fairgate::service
