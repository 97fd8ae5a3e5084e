#pragma once
// A small seeded random number generator with its own range mapping. The standard
// distributions are implementation-defined, so using them would make "the same seed gives the
// same bytes" depend on the standard library; splitmix64 plus our own mapping does not.

#include <cstdint>

namespace fairgate::gen {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    /// A generator for item `index` of a stream, independent of how items are split between
    /// threads: the synthetic portfolio seeds each contract this way.
    static Rng for_item(uint64_t seed, uint64_t index) {
        Rng r(seed ^ (0x9E3779B97F4A7C15ull * (index + 1)));
        r.next();
        return r;
    }

    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [lo, hi].
    int64_t between(int64_t lo, int64_t hi) {
        const auto span = static_cast<uint64_t>(hi - lo) + 1;
        return lo + static_cast<int64_t>(next() % span);
    }
    bool chance(double p) { return uniform() < p; }

private:
    uint64_t state_;
};

}  // namespace fairgate::gen
