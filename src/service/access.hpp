#pragma once
// Who may do what over HTTP: bearer tokens with roles, kept in the configuration only as
// salted SHA-256 hashes, so a leaked config file does not leak a token.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fairgate::service {

/// officer: upload returns and read; auditor: read only; admin: everything, including
/// asking for a full re-judgement.
enum class Role { Auditor, Officer, Admin };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

/// What a request needs.
enum class Permission { Read, Upload, Administer };
bool permits(Role role, Permission needed);

/// One configured token: `fairgate.token.<name>.role|salt|sha256`.
struct TokenEntry {
    std::string name;    ///< Who holds it ("procurement-team"), for logs; never the secret.
    Role role = Role::Auditor;
    std::string salt;    ///< Hex.
    std::string sha256;  ///< Hex SHA-256 of salt + token.
};

/// Hex SHA-256 of salt + token: what the configuration stores.
std::string token_hash(std::string_view salt, std::string_view token);

/// `bytes` bytes from /dev/urandom (the kernel's cryptographic source) as lower-case hex:
/// tokens, salts, session ids. Throws std::runtime_error if it cannot be read.
std::string random_secret_hex(size_t bytes);

/// Whether two secrets are equal, in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

/// A new random token and its entry, for `fairgate serve token NAME ROLE` (reads
/// /dev/urandom; throws std::runtime_error if it cannot).
struct NewToken {
    std::string token;
    TokenEntry entry;
};
NewToken make_token(const std::string& name, Role role);

/// The holder of a presented token.
struct Principal {
    std::string name;
    Role role = Role::Auditor;
};

class AccessList {
public:
    explicit AccessList(std::vector<TokenEntry> entries) : entries_(std::move(entries)) {}
    /// The holder of `token`, compared in constant time against every entry.
    std::optional<Principal> find(std::string_view token) const;
    /// The token of an `Authorization: Bearer <token>` header value; empty if it is not one.
    static std::string_view bearer(std::string_view authorization);
    bool empty() const { return entries_.empty(); }

private:
    std::vector<TokenEntry> entries_;
};

}  // namespace fairgate::service
