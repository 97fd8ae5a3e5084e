#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "model/content_hash.hpp"

using namespace fairgate;
namespace fs = std::filesystem;

namespace {

fs::path tmp_file(const std::string& name, const std::string& content) {
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "content_hash";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(content_hash)

// FIPS 180-2 test vectors.
BOOST_AUTO_TEST_CASE(known_digests) {
    BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BOOST_TEST(sha256_hex(std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(digest_is_lower_case_hex) {
    for (const std::string& s : {std::string("x"), std::string("\0\xff", 2), std::string(100, '\n')}) {
        const std::string h = sha256_hex(s);
        BOOST_TEST(h.size() == 64u);
        for (char c : h) BOOST_TEST(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
    }
    BOOST_TEST(sha256_hex("abc") != sha256_hex("abd"));
    BOOST_TEST(sha256_hex(std::string("a\0b", 3)) != sha256_hex("a"));  // embedded NULs count
}

BOOST_AUTO_TEST_CASE(file_digest_matches_content_digest) {
    // Sizes around the 64 KiB read block.
    for (size_t size : {size_t{0}, size_t{3}, size_t{65535}, size_t{65536}, size_t{65537}, size_t{200000}}) {
        BOOST_TEST_CONTEXT("size " << size) {
            std::string content(size, '\0');
            for (size_t i = 0; i < size; ++i) content[i] = static_cast<char>((i * 131 + 7) % 256);
            const fs::path p = tmp_file("blob" + std::to_string(size) + ".bin", content);
            BOOST_TEST(sha256_of_file(p.string()) == sha256_hex(content));
        }
    }
    const fs::path abc = tmp_file("abc.txt", "abc");
    BOOST_TEST(sha256_of_file(abc.string()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(missing_file_throws_naming_it) {
    const std::string path = (fs::path(FAIRGATE_TEST_TMP) / "content_hash" / "no-such-file.xlsx").string();
    BOOST_CHECK_THROW(sha256_of_file(path), std::runtime_error);
    try {
        sha256_of_file(path);
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("no-such-file.xlsx") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
