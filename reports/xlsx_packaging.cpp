#include "reports/xlsx_packaging.hpp"

#include <dlfcn.h>
#include <xlsxwriter.h>
extern "C" {
#include <xlsxwriter/third_party/tmpfileplus.h>  // declared without C linkage
}
#include <xlsxwriter/third_party/zip.h>

#include <cstdio>
#include <ctime>
#include <mutex>

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

XlsxPackaging default_packaging() {
    std::lock_guard<std::mutex> lock(default_mutex);
    return default_value;
}

void set_default_packaging(const XlsxPackaging& packaging) {
    std::lock_guard<std::mutex> lock(default_mutex);
    default_value = packaging;
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

/// Starts a zip member (minizip): libxlsxwriter asks for Z_DEFAULT_COMPRESSION every time.
extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename, const zip_fileinfo* zipfi,
                                       const void* extrafield_local, uInt size_extrafield_local,
                                       const void* extrafield_global, uInt size_extrafield_global,
                                       const char* comment, int method, int level, int raw, int windowBits,
                                       int memLevel, int strategy, const char* password, uLong crcForCrypting,
                                       uLong versionMadeBy, uLong flagBase, int zip64) {
    using Open = int (*)(zipFile, const char*, const zip_fileinfo*, const void*, uInt, const void*, uInt,
                         const char*, int, int, int, int, int, int, const char*, uLong, uLong, uLong, int);
    // minizip's own definition, the next one after this executable's in lookup order.
    static const Open real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
    if (!real) return ZIP_INTERNALERROR;
    const fairgate::reports::detail::XlsxPackaging* p = current;
    if (p && method == Z_DEFLATED) level = p->deflate_level;
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
}

// libxlsxwriter 1.1.4 stamps each workbook's creation date with gmtime(), whose result lives
// in one static buffer shared by all threads; two workbooks closed at once could swap dates
// and break byte-for-byte reproducibility. This definition takes precedence over the C
// library's for every caller in the process, giving each thread its own buffer.
extern "C" struct tm* gmtime(const time_t* timer) {
    thread_local struct tm result;
    return gmtime_r(timer, &result);
}
