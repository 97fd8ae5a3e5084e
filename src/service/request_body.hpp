#pragma once
// A request body read straight from its connection, so that a whole body can be told from a
// cut-off one. Poco's body streams end the same way whether the client sent everything or
// hung up half-way (and a stalled chunked body ends as an error only after the socket
// timeout); an upload must only ever be taken whole.

#include <Poco/Buffer.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <streambuf>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace fairgate::service {

/// How far a request body has got.
enum class BodyState {
    Reading,     ///< more may come
    Complete,    ///< exactly Content-Length bytes, or a chunked body up to its last chunk
    CutShort,    ///< the client closed the connection (or it broke) before the end
    TooLate,     ///< the deadline passed before the end
    TooLarge,    ///< more than the limit
    BadFraming,  ///< a chunked body whose chunk sizes or line ends are not HTTP's
};

/// The body of one request as a stream buffer (wrap it in a std::istream). It ends (EOF) when
/// the body is complete or has failed; state() says which, problem() why. Reading is bounded
/// by `limit` bytes of body and by `deadline`, however slowly the client sends.
///
/// It reads the connection itself (after what Poco has buffered), so a request whose body it
/// has read must not be read through request.stream(); after a chunked body, or any failure,
/// the connection cannot be reused (what follows on it is unknown): see reusable().
class RequestBody : public std::streambuf {
public:
    /// `request` must be Poco's server request (HTTPServerRequestImpl) with a Content-Length or
    /// chunked body; `content_length` the checked length, or -1 for a chunked body.
    RequestBody(Poco::Net::HTTPServerRequest& request, int64_t content_length, uint64_t limit,
                std::chrono::steady_clock::time_point deadline);

    BodyState state() const { return state_; }
    /// What went wrong, for the client: empty while Reading or once Complete.
    const std::string& problem() const { return problem_; }
    /// Body bytes received so far.
    uint64_t received() const { return received_; }
    /// The last bytes of the body read so far (at most 512): how a multipart body ends.
    std::string tail() const;
    /// Reads and drops the rest of the body (within the limit and deadline); returns state().
    BodyState drain();
    /// Whether another request may follow on the same connection: after a whole sized body
    /// that left nothing of the next request in this reader's hands.
    bool reusable() const { return state_ == BodyState::Complete && !chunked_ && raw_pos_ == raw_end_; }

protected:
    int_type underflow() override;

private:
    size_t read_body(char* out, size_t n);
    size_t read_raw(char* out, size_t n, size_t want);
    bool fill(size_t want);
    bool raw_line(std::string& line, size_t max);
    void fail(BodyState state, std::string problem);
    void keep_tail(const char* data, size_t n);

    Poco::Net::StreamSocket socket_;
    std::chrono::steady_clock::time_point deadline_;
    uint64_t limit_;
    bool chunked_;
    uint64_t length_;          ///< Content-Length, when not chunked.
    uint64_t chunk_left_ = 0;  ///< Bytes left in the current chunk.
    bool in_chunk_ = false;
    BodyState state_ = BodyState::Reading;
    std::string problem_;
    uint64_t received_ = 0;
    std::string tail_;  ///< A ring of the last bytes; tail() puts it in order.
    size_t tail_at_ = 0;

    std::vector<char> raw_;  ///< Bytes from the connection not yet used.
    size_t raw_pos_ = 0, raw_end_ = 0;
    std::vector<char> out_;  ///< The get area.
};

}  // namespace fairgate::service
