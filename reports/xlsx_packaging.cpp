// Fortified builds turn snprintf into an inline wrapper, which this file must not meet: it
// defines snprintf itself.
#undef _FORTIFY_SOURCE
#include "reports/xlsx_packaging.hpp"

#include <dlfcn.h>
#include <xlsxwriter.h>
extern "C" {
#include <xlsxwriter/third_party/tmpfileplus.h>  // declared without C linkage
}
#include <xlsxwriter/third_party/zip.h>

#include <algorithm>
#include <cstdarg>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#ifdef FAIRGATE_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "reports/part_formatting.hpp"
#include "reports/scratch_file.hpp"

namespace fairgate::reports::detail {

namespace {

thread_local const XlsxPackaging* current = nullptr;

std::mutex default_mutex;
XlsxPackaging default_value;

}  // namespace

PackagingScope::PackagingScope(const XlsxPackaging& packaging) : packaging_(packaging), previous_(current) {
    current = &packaging_;
}

PackagingScope::~PackagingScope() { current = previous_; }

const XlsxPackaging* packaging_in_scope() { return current; }

XlsxPackaging default_packaging() {
    std::lock_guard<std::mutex> lock(default_mutex);
    return default_value;
}

void set_default_packaging(const XlsxPackaging& packaging) {
    std::lock_guard<std::mutex> lock(default_mutex);
    default_value = packaging;
}

bool XlsxPackaging::libdeflate_built_in() {
#ifdef FAIRGATE_HAVE_LIBDEFLATE
    return true;
#else
    return false;
#endif
}

}  // namespace fairgate::reports::detail

// The overrides. libxlsxwriter calls both through its PLT, so a definition in the executable
// takes precedence over the library's own (ELF symbol interposition); outside a
// PackagingScope each does exactly what the library would.

using fairgate::reports::detail::current;

/// libxlsxwriter's scratch file for one part (utility.c: tmpfileplus(tmpdir, NULL, NULL, 0)).
extern "C" FILE* lxw_tmpfile(char* tmpdir) {
    const fairgate::reports::detail::XlsxPackaging* p = current;
    if (p && p->scratch_in_memory) return fairgate::reports::detail::open_scratch_file(tmpdir, p->spill_bytes);
    return tmpfileplus(tmpdir, nullptr, nullptr, 0);
}

namespace {

/// minizip's own definition of `name`, the next one after this executable's in lookup order.
template <typename F>
F next_definition(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

using OpenFn = int (*)(zipFile, const char*, const zip_fileinfo*, const void*, uInt, const void*, uInt, const char*,
                       int, int, int, int, int, int, const char*, uLong, uLong, uLong, int);
using WriteFn = int (*)(zipFile, const void*, unsigned);
using CloseFn = int (*)(zipFile);
using CloseRawFn = int (*)(zipFile, ZPOS64_T, uLong);
using ZipCloseFn = int (*)(zipFile, const char*);

OpenFn real_open() {
    static const OpenFn f = next_definition<OpenFn>("zipOpenNewFileInZip4_64");
    return f;
}
WriteFn real_write() {
    static const WriteFn f = next_definition<WriteFn>("zipWriteInFileInZip");
    return f;
}
CloseFn real_close() {
    static const CloseFn f = next_definition<CloseFn>("zipCloseFileInZip");
    return f;
}

#ifdef FAIRGATE_HAVE_LIBDEFLATE

CloseRawFn real_close_raw() {
    static const CloseRawFn f = next_definition<CloseRawFn>("zipCloseFileInZipRaw64");
    return f;
}

/// libdeflate's compressors, one per level, kept for the thread's life: allocating one costs
/// more than deflating a small part.
libdeflate_compressor* compressor(int level) {
    struct Cache {
        libdeflate_compressor* by_level[13] = {};
        ~Cache() {
            for (libdeflate_compressor* c : by_level) {
                if (c) libdeflate_free_compressor(c);
            }
        }
    };
    thread_local Cache cache;
    level = std::clamp(level, 0, 12);
    libdeflate_compressor*& c = cache.by_level[level];
    if (!c) c = libdeflate_alloc_compressor(level);
    return c;
}

/// The zip member being gathered on this thread (libxlsxwriter writes one member at a time):
/// opened raw in minizip, its bytes kept here until it closes, then deflated whole. A member
/// that outgrows `limit` is deflated by zlib as a stream from then on.
struct Part {
    zipFile file = nullptr;  ///< nullptr: no member is being gathered
    int zlib_level = 1;
    std::size_t limit = 0;
    std::vector<unsigned char> bytes;
    std::uint32_t crc = 0;
    ZPOS64_T size = 0;
    bool streaming = false;
    z_stream stream{};
};

thread_local Part part;

/// Writes what libdeflate or zlib produced as the member's stored bytes.
int write_out(zipFile file, const unsigned char* data, std::size_t n) {
    while (n > 0) {
        const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30));
        const int err = real_write()(file, data, chunk);
        if (err != ZIP_OK) return err;
        data += chunk;
        n -= chunk;
    }
    return ZIP_OK;
}

/// Feeds zlib's stream and writes out what it gives back.
int deflate_some(zipFile file, const unsigned char* data, std::size_t n, int flush) {
    unsigned char out[64 * 1024];
    z_stream& z = part.stream;
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(n);
    for (;;) {
        z.next_out = out;
        z.avail_out = sizeof out;
        const int rc = deflate(&z, flush);
        if (rc == Z_STREAM_ERROR) return ZIP_INTERNALERROR;
        const int err = write_out(file, out, sizeof out - z.avail_out);
        if (err != ZIP_OK) return err;
        if (flush == Z_FINISH ? rc == Z_STREAM_END : z.avail_in == 0 && z.avail_out != 0) return ZIP_OK;
    }
}

/// A member too big to be kept whole: zlib from here on, starting with what was kept.
int start_streaming(zipFile file) {
    part.stream = z_stream{};
    if (deflateInit2(&part.stream, part.zlib_level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return ZIP_INTERNALERROR;
    }
    part.streaming = true;
    const int err = deflate_some(file, part.bytes.data(), part.bytes.size(), Z_NO_FLUSH);
    std::vector<unsigned char>().swap(part.bytes);
    return err;
}

/// Deflates the gathered member, stores it and closes it with its real size and CRC-32.
int finish_part(zipFile file) {
    int err = ZIP_OK;
    if (part.streaming) {
        err = deflate_some(file, nullptr, 0, Z_FINISH);
        deflateEnd(&part.stream);
    } else {
        libdeflate_compressor* c = compressor(part.zlib_level < 0 ? 6 : part.zlib_level);
        thread_local std::unique_ptr<unsigned char[]> out;
        thread_local std::size_t out_capacity = 0;
        const std::size_t bound = c ? libdeflate_deflate_compress_bound(c, part.bytes.size()) : 0;
        if (!c) {
            err = ZIP_INTERNALERROR;
        } else {
            if (out_capacity < bound) {
                out.reset(new unsigned char[bound]);
                out_capacity = bound;
            }
            const std::size_t n =
                libdeflate_deflate_compress(c, part.bytes.data(), part.bytes.size(), out.get(), out_capacity);
            err = n == 0 ? ZIP_INTERNALERROR : write_out(file, out.get(), n);
            // Keep the buffers for the next member unless this one was unusually big.
            if (out_capacity > (std::size_t{4} << 20)) {
                out.reset();
                out_capacity = 0;
            }
        }
    }
    const ZPOS64_T size = part.size;
    const uLong crc = part.crc;
    part.file = nullptr;
    part.streaming = false;
    part.bytes.clear();
    if (part.bytes.capacity() > (std::size_t{4} << 20)) std::vector<unsigned char>().swap(part.bytes);
    const int closed = real_close_raw()(file, size, crc);
    return err != ZIP_OK ? err : closed;
}

#endif  // FAIRGATE_HAVE_LIBDEFLATE

}  // namespace

/// Starts a zip member (minizip): libxlsxwriter asks for Z_DEFAULT_COMPRESSION every time.
extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename, const zip_fileinfo* zipfi,
                                       const void* extrafield_local, uInt size_extrafield_local,
                                       const void* extrafield_global, uInt size_extrafield_global,
                                       const char* comment, int method, int level, int raw, int windowBits,
                                       int memLevel, int strategy, const char* password, uLong crcForCrypting,
                                       uLong versionMadeBy, uLong flagBase, int zip64) {
    const OpenFn real = real_open();
    if (!real) return ZIP_INTERNALERROR;
    const fairgate::reports::detail::XlsxPackaging* p = current;
    if (p && method == Z_DEFLATED) level = p->deflate_level;
#ifdef FAIRGATE_HAVE_LIBDEFLATE
    // minizip closes a member still open when the next one starts; so do we, ours first.
    if (part.file == file) zipCloseFileInZip(file);
    // Gathered here and stored raw: the level still goes to minizip, which records it in the
    // member's flags as it would have. Only one member at a time per thread: should a second
    // zip start a member while one is being gathered, it is deflated by minizip as shipped.
    if (p && p->libdeflate && method == Z_DEFLATED && raw == 0 && password == nullptr && part.file == nullptr) {
        const int err = real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                             size_extrafield_global, comment, method, level, 1, windowBits, memLevel, strategy,
                             password, crcForCrypting, versionMadeBy, flagBase, zip64);
        if (err == ZIP_OK) {
            part.file = file;
            part.zlib_level = level;
            part.limit = p->whole_part_bytes;
            part.crc = 0;
            part.size = 0;
            part.streaming = false;
            part.bytes.clear();
        }
        return err;
    }
#endif
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
}

/// Adds bytes to the open member: kept whole for libdeflate when this thread is gathering it.
extern "C" int zipWriteInFileInZip(zipFile file, const void* buf, unsigned len) {
#ifdef FAIRGATE_HAVE_LIBDEFLATE
    if (file && part.file == file) {
        const auto* data = static_cast<const unsigned char*>(buf);
        part.crc = libdeflate_crc32(part.crc, data, len);
        part.size += len;
        if (!part.streaming) {
            if (part.bytes.size() + len <= part.limit) {
                part.bytes.insert(part.bytes.end(), data, data + len);
                return ZIP_OK;
            }
            const int err = start_streaming(file);
            if (err != ZIP_OK) return err;
        }
        return deflate_some(file, data, len, Z_NO_FLUSH);
    }
#endif
    const WriteFn real = real_write();
    return real ? real(file, buf, len) : ZIP_INTERNALERROR;
}

/// Ends the open member: a gathered one is deflated now and closed raw with its CRC-32.
extern "C" int zipCloseFileInZip(zipFile file) {
#ifdef FAIRGATE_HAVE_LIBDEFLATE
    if (file && part.file == file) return finish_part(file);
#endif
    const CloseFn real = real_close();
    return real ? real(file) : ZIP_INTERNALERROR;
}

/// Ends the zip: a member still being gathered (after an error) is finished first, so no
/// state outlives its zip.
extern "C" int zipClose(zipFile file, const char* global_comment) {
    static const ZipCloseFn real = next_definition<ZipCloseFn>("zipClose");
#ifdef FAIRGATE_HAVE_LIBDEFLATE
    if (file && part.file == file) finish_part(file);
#endif
    return real ? real(file, global_comment) : ZIP_INTERNALERROR;
}

// libxlsxwriter 1.1.4 stamps each workbook's creation date with gmtime(), whose result lives
// in one static buffer shared by all threads; two workbooks closed at once could swap dates
// and break byte-for-byte reproducibility. This definition takes precedence over the C
// library's for every caller in the process, giving each thread its own buffer.
extern "C" struct tm* gmtime(const time_t* timer) {
    thread_local struct tm result;
    return gmtime_r(timer, &result);
}

// fprintf and snprintf with plain formats (part_formatting.hpp). Outside a PackagingScope that
// asks for plain formatting, or for any other format, each does exactly what the C library does.

extern "C" int __vfprintf_chk(FILE* stream, int flag, const char* format, va_list args);

namespace {

/// This thread's formatting buffer, kept between calls so that its capacity is reused.
std::string& formatting_buffer() {
    thread_local std::string buffer;
    buffer.clear();
    return buffer;
}

/// Formats the call into this thread's buffer when the scope asks for it and the format is
/// plain; nullptr (nothing consumed) when the C library is to format it.
const std::string* formatted_plainly(const char* format, va_list args) {
    const fairgate::reports::detail::XlsxPackaging* p = fairgate::reports::detail::packaging_in_scope();
    if (!p || !p->plain_formatting || !format) return nullptr;
    std::string& out = formatting_buffer();
    return fairgate::reports::detail::format_plain(out, format, args) ? &out : nullptr;
}

}  // namespace

/// glibc's fortified fprintf, which libxlsxwriter (built with _FORTIFY_SOURCE) calls.
extern "C" int __fprintf_chk(FILE* stream, int flag, const char* format, ...) {
    va_list args;
    va_start(args, format);
    int n;
    if (const std::string* out = formatted_plainly(format, args)) {
        // The stream belongs to the one thread writing this workbook: no lock to take.
        n = fwrite_unlocked(out->data(), 1, out->size(), stream) == out->size() && out->size() <= INT_MAX
                ? static_cast<int>(out->size())
                : -1;
    } else {
        n = __vfprintf_chk(stream, flag, format, args);
    }
    va_end(args);
    return n;
}

extern "C" int snprintf(char* __restrict buffer, std::size_t size, const char* __restrict format, ...) noexcept {
    va_list args;
    va_start(args, format);
    int n;
    if (const std::string* out = formatted_plainly(format, args)) {
        if (size > 0) {
            const std::size_t kept = out->size() < size ? out->size() : size - 1;
            std::memcpy(buffer, out->data(), kept);
            buffer[kept] = '\0';
        }
        n = out->size() <= INT_MAX ? static_cast<int>(out->size()) : -1;
    } else {
        n = std::vsnprintf(buffer, size, format, args);
    }
    va_end(args);
    return n;
}
