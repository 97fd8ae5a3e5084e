#include "service/http_api.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "service/api_json.hpp"
#include "service/routes/answers.hpp"
#include "service/routes/route_table.hpp"

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace fairgate::service {

namespace {

/// The connections open now: how many each client address holds (for the per-client cap)
/// and, for each waiting for a request's head, by when the whole head must have arrived.
/// Poco's socket timeout bounds each read of a head, not the head: a client sending a byte
/// every few seconds would keep its thread for ever.
class OpenConnections {
public:
    OpenConnections(unsigned cap, std::chrono::seconds head_timeout) : cap_(cap), head_timeout_(head_timeout) {}

    /// Counts a new connection; false (and not counted) when its address has `cap` open.
    bool admit(const Poco::Net::StreamSocket& socket) {
        std::string host;
        try {
            host = socket.peerAddress().host().toString();
        } catch (const Poco::Exception&) {
            return false;  // already gone
        }
        std::lock_guard<std::mutex> lock(mutex_);
        unsigned& open = per_host_[host];
        if (open >= cap_) return false;
        ++open;
        connections_[socket.impl()].host = host;
        return true;
    }
    /// The connection now waits for a request's head: at first, and after each answer.
    void awaiting_head(Poco::Net::SocketImpl* socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket);
        if (at != connections_.end()) at->second.head_due = std::chrono::steady_clock::now() + head_timeout_;
    }
    /// The head has arrived: the body has its own deadline (RequestBody), the answer none.
    void head_arrived(Poco::Net::SocketImpl* socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket);
        if (at != connections_.end()) at->second.head_due.reset();
    }
    void release(const Poco::Net::StreamSocket& socket) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto at = connections_.find(socket.impl());
        if (at == connections_.end()) return;
        if (--per_host_[at->second.host] == 0) per_host_.erase(at->second.host);
        connections_.erase(at);
    }
    /// Shuts down the connections whose head is late (their threads then end them).
    void close_late() {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& [socket, c] : connections_) {
            if (!c.head_due || *c.head_due > now) continue;
            c.head_due.reset();
            try {
                socket->shutdown();
            } catch (const Poco::Exception&) {
            }
        }
    }
    unsigned cap() const { return cap_; }

private:
    struct Connection {
        std::string host;
        std::optional<std::chrono::steady_clock::time_point> head_due;
    };
    const unsigned cap_;
    const std::chrono::seconds head_timeout_;
    std::mutex mutex_;
    std::map<std::string, unsigned> per_host_;
    std::map<Poco::Net::SocketImpl*, Connection> connections_;  ///< By the socket each holds.
};

// The socket a request came on: the key of its connection in OpenConnections.
Poco::Net::SocketImpl* socket_of(const HTTPServerRequest& request) {
    return const_cast<Poco::Net::HTTPServerRequestImpl&>(dynamic_cast<const Poco::Net::HTTPServerRequestImpl&>(request))
        .socket()
        .impl();
}

// The route table's handler for a request, which tells OpenConnections when its connection
// waits for a head again (once the answer is sent and the handler is done with).
class WatchedHandler : public Poco::Net::HTTPRequestHandler {
public:
    WatchedHandler(std::unique_ptr<Poco::Net::HTTPRequestHandler> handler, OpenConnections& open,
                   Poco::Net::SocketImpl* socket)
        : handler_(std::move(handler)), open_(open), socket_(socket) {}
    ~WatchedHandler() override { open_.awaiting_head(socket_); }
    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        handler_->handleRequest(request, response);
    }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler_;
    OpenConnections& open_;
    Poco::Net::SocketImpl* socket_;
};

// The transport's side of choosing a handler: the head has arrived; the route table chooses.
class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(const routes::Service& service, std::shared_ptr<OpenConnections> open)
        : routes_(service), open_(std::move(open)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
        Poco::Net::SocketImpl* socket = socket_of(request);
        open_->head_arrived(socket);
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(routes_.createRequestHandler(request));
        return new WatchedHandler(std::move(handler), *open_, socket);
    }
    /// Tells every open connection the server stops: with `abort`, at once; else each after
    /// the request it is answering (this waits for them).
    void stop_connections(bool abort) { serverStopped(this, abort); }

private:
    routes::RouteTable routes_;
    std::shared_ptr<OpenConnections> open_;
};

// An answer written straight to a connection that no handler will serve: refused, or whose
// request Poco could not even parse. Best effort: the client may be gone.
void answer_and_close(Poco::Net::StreamSocket socket, HTTPResponse::HTTPStatus status, const std::string& message) {
    try {
        HTTPResponse response(HTTPResponse::HTTP_1_1, status);
        response.setContentType("application/json; charset=utf-8");
        response.setKeepAlive(false);
        const std::string body = routes::json_safe(error_json(status, message));
        response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        std::ostringstream text;
        response.write(text);
        text << body;
        const std::string bytes = text.str();
        socket.setBlocking(false);
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
        // Read what the client already sent, so closing does not reset the connection (and
        // with it the answer) for that.
        char drop[8192];
        socket.receiveBytes(drop, sizeof drop);
    } catch (const Poco::Exception&) {
    }
}

// Refuses, in the accepting thread and without taking a worker, a connection from an address
// that already has its share open, or one that would find the waiting queue full.
class ClientCap : public Poco::Net::TCPServerConnectionFilter {
public:
    ClientCap(std::shared_ptr<OpenConnections> open, const Poco::Net::TCPServer& server, int max_queued)
        : open_(std::move(open)), server_(server), max_queued_(max_queued) {}
    bool accept(const Poco::Net::StreamSocket& socket) override {
        if (server_.queuedConnections() >= max_queued_) {
            answer_and_close(socket, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                             "the service is busy: every connection is taken; try again shortly");
            return false;
        }
        if (open_->admit(socket)) return true;
        answer_and_close(socket, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                         "this address already has " + std::to_string(open_->cap()) +
                             " connections open (fairgate.http.connections_per_client); close one and try again");
        return false;
    }

private:
    std::shared_ptr<OpenConnections> open_;
    const Poco::Net::TCPServer& server_;
    const int max_queued_;
};

// Poco's HTTP connection, known to OpenConnections from its first wait for a head until it
// is destroyed. A request whose Content-Length Poco cannot parse throws out of Poco's request
// parsing, past every handler; it gets its 400 here rather than a silent close.
class WatchedConnection : public Poco::Net::HTTPServerConnection {
public:
    WatchedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr factory, std::shared_ptr<OpenConnections> open)
        : HTTPServerConnection(socket, std::move(params), std::move(factory)), open_(std::move(open)) {}
    ~WatchedConnection() override { open_->release(socket()); }
    void run() override {
        open_->awaiting_head(socket().impl());
        // Poco closes the connection as its request parsing throws; a second descriptor of
        // it keeps it open long enough to say why.
        Poco::Net::StreamSocket spare(new Poco::Net::StreamSocketImpl(::dup(socket().impl()->sockfd())));
        try {
            HTTPServerConnection::run();
        } catch (const Poco::SyntaxException&) {
            answer_and_close(spare, HTTPResponse::HTTP_BAD_REQUEST,
                             "the Content-Length header must be a whole number of bytes");
        } catch (const Poco::Exception& e) {
            spdlog::debug("a connection ended: {}", e.displayText());
        }
    }

private:
    std::shared_ptr<OpenConnections> open_;
};

class WatchedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    WatchedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                             std::shared_ptr<OpenConnections> open)
        : params_(std::move(params)), factory_(std::move(factory)), open_(std::move(open)) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new WatchedConnection(socket, params_, factory_, open_);
    }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    std::shared_ptr<OpenConnections> open_;
};

}  // namespace

struct ApiServer::Transport {
    std::shared_ptr<OpenConnections> open;
    Poco::SharedPtr<HandlerFactory> handlers;
    std::unique_ptr<Poco::ThreadPool> threads;
    // Closes connections whose request head is late, a few times a second.
    std::thread watchdog;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
};

ApiServer::ApiServer(ServiceParts& parts)
    : parts_(parts),
      sessions_(SessionLimits{std::chrono::seconds(parts.config.session_lifetime_s),
                              std::chrono::seconds(parts.config.session_idle_s), parts.config.max_sessions}) {}
ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
    const auto& c = parts_.config;
    constexpr int kMaxQueued = 256;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(c.http_host, static_cast<Poco::UInt16>(c.http_port)));
    port_ = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(static_cast<int>(c.http_threads));
    params->setMaxQueued(kMaxQueued);
    params->setKeepAlive(true);
    // Each read of a request's head, and the wait between kept-alive requests; the head as a
    // whole has OpenConnections' deadline, a body its own (RequestBody).
    params->setTimeout(Poco::Timespan(static_cast<long>(c.http_header_timeout_s), 0));
    params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(c.http_header_timeout_s), 0));
    transport_ = std::make_unique<Transport>();
    transport_->open =
        std::make_shared<OpenConnections>(c.connections_per_client(), std::chrono::seconds(c.http_header_timeout_s));
    transport_->handlers = new HandlerFactory(routes::Service{parts_, sessions_}, transport_->open);
    // A pool of the server's own: Poco's default one stops at 16 threads, whatever maxThreads says.
    transport_->threads = std::make_unique<Poco::ThreadPool>(2, static_cast<int>(c.http_threads));
    server_ = std::make_unique<Poco::Net::TCPServer>(
        new WatchedConnectionFactory(params, transport_->handlers, transport_->open), *transport_->threads, socket,
        params);
    server_->setConnectionFilter(new ClientCap(transport_->open, *server_, kMaxQueued));
    transport_->watchdog = std::thread([t = transport_.get()] {
        std::unique_lock<std::mutex> lock(t->mutex);
        while (!t->wake.wait_for(lock, std::chrono::milliseconds(250), [t] { return t->stopping; }))
            t->open->close_late();
    });
    server_->start();
    spdlog::info("listening on http://{}:{}/", c.http_host, port_);
}

void ApiServer::stop() {
    if (!server_) return;
    // Refuses new connections, then answers what is in progress (uploads wait for their run).
    server_->stop();
    transport_->handlers->stop_connections(false);
    server_.reset();
    transport_->threads->joinAll();
    {
        std::lock_guard<std::mutex> lock(transport_->mutex);
        transport_->stopping = true;
    }
    transport_->wake.notify_all();
    transport_->watchdog.join();
    transport_.reset();
}

}  // namespace fairgate::service
