#include "reports/scratch_file.hpp"

#include <xlsxwriter.h>
extern "C" {
#include <xlsxwriter/third_party/tmpfileplus.h>  // declared without C linkage
}

#include <cerrno>
#include <cstring>
#include <new>
#include <string>
#include <sys/types.h>

namespace fairgate::reports::detail {

namespace {

struct Scratch {
    std::string spill_dir;  ///< Empty: the system's temporary folder.
    std::size_t spill_bytes = 0;
    std::string data;       ///< The contents while in memory.
    std::size_t pos = 0;
    std::FILE* spilled = nullptr;  ///< The temporary file, once the contents moved there.
};

/// Moves the contents to a temporary file (tmpfileplus, as libxlsxwriter makes its own,
/// unlinked at once) positioned where the stream was.
bool spill(Scratch& s) {
    std::FILE* f = tmpfileplus(s.spill_dir.empty() ? nullptr : s.spill_dir.c_str(), nullptr, nullptr, 0);
    if (!f) return false;
    if (std::fwrite(s.data.data(), 1, s.data.size(), f) != s.data.size() ||
        fseeko(f, static_cast<off_t>(s.pos), SEEK_SET) != 0) {
        const int err = errno;
        std::fclose(f);
        errno = err;
        return false;
    }
    std::string().swap(s.data);
    s.spilled = f;
    return true;
}

ssize_t read_scratch(void* cookie, char* buf, std::size_t n) {
    auto& s = *static_cast<Scratch*>(cookie);
    if (s.spilled) {
        const std::size_t got = std::fread(buf, 1, n, s.spilled);
        return got == 0 && std::ferror(s.spilled) ? -1 : static_cast<ssize_t>(got);
    }
    if (s.pos >= s.data.size()) return 0;
    if (n > s.data.size() - s.pos) n = s.data.size() - s.pos;
    std::memcpy(buf, s.data.data() + s.pos, n);
    s.pos += n;
    return static_cast<ssize_t>(n);
}

ssize_t write_scratch(void* cookie, const char* buf, std::size_t n) {
    auto& s = *static_cast<Scratch*>(cookie);
    if (!s.spilled && s.pos + n > s.spill_bytes && !spill(s)) return 0;  // 0: an error to stdio
    if (s.spilled) return static_cast<ssize_t>(std::fwrite(buf, 1, n, s.spilled));
    try {
        if (s.pos == s.data.size()) {
            s.data.append(buf, n);  // the usual case: writing at the end
        } else {
            if (s.pos + n > s.data.size()) s.data.resize(s.pos + n);
            std::memcpy(&s.data[s.pos], buf, n);
        }
    } catch (const std::bad_alloc&) {
        errno = ENOMEM;
        return 0;
    }
    s.pos += n;
    return static_cast<ssize_t>(n);
}

int seek_scratch(void* cookie, off64_t* offset, int whence) {
    auto& s = *static_cast<Scratch*>(cookie);
    if (s.spilled) {
        if (fseeko(s.spilled, static_cast<off_t>(*offset), whence) != 0) return -1;
        *offset = ftello(s.spilled);
        return 0;
    }
    off64_t base = 0;
    switch (whence) {
        case SEEK_SET: base = 0; break;
        case SEEK_CUR: base = static_cast<off64_t>(s.pos); break;
        case SEEK_END: base = static_cast<off64_t>(s.data.size()); break;
        default: errno = EINVAL; return -1;
    }
    if (*offset < -base) {
        errno = EINVAL;
        return -1;
    }
    *offset += base;
    s.pos = static_cast<std::size_t>(*offset);
    return 0;
}

int close_scratch(void* cookie) {
    auto* s = static_cast<Scratch*>(cookie);
    const int rc = s->spilled ? std::fclose(s->spilled) : 0;
    delete s;
    return rc == 0 ? 0 : -1;
}

}  // namespace

std::FILE* open_scratch_file(const char* spill_dir, std::size_t spill_bytes) {
    auto* s = new (std::nothrow) Scratch;
    if (!s) {
        errno = ENOMEM;
        return nullptr;
    }
    try {
        if (spill_dir) s->spill_dir = spill_dir;
    } catch (const std::bad_alloc&) {
        delete s;
        errno = ENOMEM;
        return nullptr;
    }
    s->spill_bytes = spill_bytes;
    const cookie_io_functions_t io{read_scratch, write_scratch, seek_scratch, close_scratch};
    std::FILE* f = fopencookie(s, "w+", io);
    if (!f) {
        const int err = errno;
        delete s;
        errno = err;
    }
    return f;
}

}  // namespace fairgate::reports::detail
