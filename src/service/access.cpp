#include "service/access.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "model/content_hash.hpp"

namespace fairgate::service {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Auditor: return "auditor";
        case Role::Officer: return "officer";
        case Role::Admin: return "admin";
    }
    return "auditor";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : {Role::Auditor, Role::Officer, Role::Admin})
        if (to_string(r) == text) return r;
    return std::nullopt;
}

bool permits(Role role, Permission needed) {
    switch (needed) {
        case Permission::Read: return true;
        case Permission::Upload: return role == Role::Officer || role == Role::Admin;
        case Permission::Administer: return role == Role::Admin;
    }
    return false;
}

std::string token_hash(std::string_view salt, std::string_view token) {
    std::string data(salt);
    data += token;
    return sha256_hex(data);
}

std::string random_secret_hex(size_t bytes) {
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    std::string raw(bytes, '\0');
    if (!urandom.read(raw.data(), static_cast<std::streamsize>(bytes)))
        throw std::runtime_error("cannot read /dev/urandom to make a secret");
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : raw) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

NewToken make_token(const std::string& name, Role role) {
    NewToken t;
    t.token = random_secret_hex(32);
    t.entry.name = name;
    t.entry.role = role;
    t.entry.salt = random_secret_hex(16);
    t.entry.sha256 = token_hash(t.entry.salt, t.token);
    return t;
}

std::optional<Principal> AccessList::find(std::string_view token) const {
    if (token.empty()) return std::nullopt;
    std::optional<Principal> found;
    for (const TokenEntry& e : entries_) {
        // Every entry is checked, so the time taken does not say which one matched.
        if (same_secret(token_hash(e.salt, token), e.sha256) && !found) found = Principal{e.name, e.role};
    }
    return found;
}

std::string_view AccessList::bearer(std::string_view authorization) {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.size() <= scheme.size()) return {};
    for (size_t i = 0; i < scheme.size(); ++i) {
        // The scheme is case-insensitive (RFC 7235).
        if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
            std::tolower(static_cast<unsigned char>(scheme[i])))
            return {};
    }
    std::string_view token = authorization.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\r')) token.remove_suffix(1);
    return token;
}

}  // namespace fairgate::service
