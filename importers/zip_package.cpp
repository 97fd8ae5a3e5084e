#include "importers/zip_package.hpp"

#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <map>

#include "importers/big_buffer.hpp"

namespace fairgate::importers {
namespace {

// The end-of-central-directory record sits in the last 22 bytes plus up to 64 KiB of comment.
// A file cut off part way has none: the usual sign of a truncated download or copy.
bool has_end_of_directory(const std::string& bytes) {
    if (bytes.size() < 22) return false;
    const size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (size_t i = bytes.size() - 22 + 1; i-- > lowest;) {
        if (bytes.compare(i, 4, "PK\x05\x06", 4) == 0) return true;
    }
    return false;
}

}  // namespace

struct ZipPackage::State {
    std::string bytes;  ///< The zip as read; the stream reads it in place.
    std::unique_ptr<Poco::MemoryInputStream> stream;
    std::unique_ptr<Poco::Zip::ZipArchive> archive;
    /// Per entry: bytes counted towards the limits, in all and held.
    std::map<std::string, std::pair<uint64_t, uint64_t>> counted;
};

ZipPackage::ZipPackage(std::string bytes, uint64_t max_held_bytes, uint64_t max_total_bytes, uint32_t max_compression_ratio)
    : state_(std::make_unique<State>()), max_held_(max_held_bytes), max_total_(max_total_bytes), max_ratio_(max_compression_ratio) {
    if (!has_end_of_directory(bytes)) {
        throw ZipProblem{"the zip directory at the end of the file is missing", false};
    }
    state_->bytes = std::move(bytes);
    state_->stream = std::make_unique<Poco::MemoryInputStream>(state_->bytes.data(), state_->bytes.size());
    try {
        state_->archive = std::make_unique<Poco::Zip::ZipArchive>(*state_->stream);
    } catch (const Poco::Exception& e) {
        throw ZipProblem{e.displayText(), false};
    } catch (const std::exception& e) {
        throw ZipProblem{e.what(), false};
    }
    if (state_->archive->fileInfoBegin() == state_->archive->fileInfoEnd()) {
        throw ZipProblem{"the zip directory lists no parts", false};
    }
}

ZipPackage::~ZipPackage() = default;

bool ZipPackage::has(const std::string& entry) const {
    return state_->archive->findHeader(entry) != state_->archive->headerEnd();
}

uint64_t ZipPackage::declared_size(const std::string& entry) const {
    auto it = state_->archive->findHeader(entry);
    return it == state_->archive->headerEnd() ? 0 : static_cast<uint64_t>(it->second.getUncompressedSize());
}

std::string ZipPackage::read(const std::string& entry) {
    std::string out;
    bool reserved = false;
    read_pieces(entry, [&](std::string_view piece) {
        if (!reserved) {
            // Room for what the header declares, within the limits (a lie costs address
            // space, not memory: pages are only taken as they are written).
            reserve_big(out, static_cast<size_t>(std::min<uint64_t>(declared_size(entry), max_held_)));
            reserved = true;
        }
        out.append(piece);
    }, true);
    return out;
}

void ZipPackage::read_pieces(const std::string& entry, const std::function<void(std::string_view piece)>& take, bool held) {
    auto it = state_->archive->findHeader(entry);
    if (it == state_->archive->headerEnd()) throw ZipProblem{"the part " + entry + " is missing", false};
    const auto& header = it->second;
    const uint64_t compressed = std::max<uint64_t>(header.getCompressedSize(), 1);
    // Plain references, not a structured binding: the lambdas below capture them, which clang
    // (the fuzz build) accepts only from C++20.
    auto& counts = state_->counted[entry];
    uint64_t& counted = counts.first;
    uint64_t& counted_held = counts.second;
    // Refuse on the declared sizes first, then hold the inflater to the same limits, since
    // headers can lie.
    const uint64_t ratio_cap = compressed * max_ratio_;
    auto beyond = [](uint64_t size, uint64_t before) { return size > before ? size - before : 0; };
    auto over = [&](uint64_t size) -> const char* {
        if (inflated_total_ + beyond(size, counted) > max_total_) return "it would inflate to more than the size limit";
        if (held && held_total_ + beyond(size, counted_held) > max_held_) return "it would inflate to more than the size limit";
        // Tiny parts compress absurdly well (a sheet of blank rows) and cannot hurt; the ratio
        // only matters once a part is big enough to be a threat.
        if (size > ratio_cap && size > 65536) return "a part is compressed more than any real workbook is (a zip bomb)";
        return nullptr;
    };
    if (const char* why = over(header.getUncompressedSize())) throw ZipProblem{std::string(why) + " (" + entry + ")", true};

    uint64_t inflated = 0;
    auto count = [&] {
        inflated_total_ += beyond(inflated, counted);
        counted = std::max(counted, inflated);
        if (held) {
            held_total_ += beyond(inflated, counted_held);
            counted_held = std::max(counted_held, inflated);
        }
    };
    try {
        state_->stream->clear();
        Poco::Zip::ZipInputStream in(*state_->stream, header, true);
        std::string buffer(256 << 10, '\0');
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto got = static_cast<size_t>(in.gcount());
            if (got == 0) break;
            inflated += got;
            if (const char* why = over(inflated)) throw ZipProblem{std::string(why) + " (" + entry + ")", true};
            take(std::string_view(buffer.data(), got));
        }
        // The stream swallows the inflater's and checksum's exceptions into badbit.
        if (in.bad()) throw ZipProblem{"the part " + entry + " is corrupt (it does not inflate or fails its checksum)", false};
        if (!in.crcValid()) throw ZipProblem{"the part " + entry + " fails its checksum", false};
    } catch (const Poco::Exception& e) {
        count();
        throw ZipProblem{"the part " + entry + " cannot be inflated: " + e.displayText(), false};
    } catch (...) {
        count();
        throw;
    }
    count();
}

}  // namespace fairgate::importers
