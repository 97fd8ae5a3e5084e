#pragma once
// Store connections for the HTTP threads. A Store belongs to one thread at a time; a pool
// lends one per request instead of opening (and checking the schema of) the database each
// time.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace fairgate::service {

class StorePool {
public:
    explicit StorePool(std::string connection) : connection_(std::move(connection)) {}

    /// A lent connection, returned to the pool when destroyed.
    class Lease {
    public:
        Lease(StorePool& pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
        Lease(Lease&&) = default;
        ~Lease() {
            if (store_) pool_.give_back(std::move(store_));
        }
        Store& operator*() { return *store_; }
        Store* operator->() { return store_.get(); }
        /// Drops a connection that failed, so a broken one is not lent again.
        void discard() { store_.reset(); }

    private:
        StorePool& pool_;
        std::unique_ptr<Store> store_;
    };

    /// An idle connection that still answers, else a new one. A connection that broke while
    /// idle (the database restarted) is dropped, never lent again. Throws StoreError if a
    /// new connection cannot be opened.
    Lease lease() {
        for (;;) {
            std::unique_ptr<Store> s;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                if (idle_.empty()) break;
                s = std::move(idle_.back());
                idle_.pop_back();
            }
            try {
                s->ping();
                return Lease(*this, std::move(s));
            } catch (const std::exception&) {
                // Broken: destroyed here; the next idle one, or a new one, is tried.
            }
        }
        return Lease(*this, Store::open(connection_));
    }

private:
    void give_back(std::unique_ptr<Store> store) {
        std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(std::move(store));
    }
    const std::string connection_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace fairgate::service
