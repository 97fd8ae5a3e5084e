#pragma once
// How libxlsxwriter packs the workbooks fairgate writes into their zip files.
//
// libxlsxwriter 1.1.4 (Debian 12's) assembles each XML part of a workbook in a temporary file
// of its own, then reads it back and deflates it at zlib's default level. For a contract
// workbook of about thirty small parts that is a thousand system calls and most of the CPU
// time: on a 2-vCPU VM, plain libxlsxwriter took 6.7 ms for our typical contract's cells, of
// which zlib was 38% and the kernel 18%. It has no option for either (later releases build
// with in-memory temporary files; none lets the caller pick the level), so fairgate overrides
// some of its calls for the workbooks it writes (see xlsx_packaging.cpp):
//
// - lxw_tmpfile: each part is assembled in memory, moving to a real temporary file only if it
//   grows past `spill_bytes`, so a huge sheet cannot exhaust memory;
// - zipOpenNewFileInZip4_64: parts are deflated at `deflate_level` (1, zlib's fastest, by
//   default: about 15% bigger files for roughly a third of the compression time);
// - with libdeflate (FAIRGATE_HAVE_LIBDEFLATE, Debian's libdeflate-dev), zipOpenNewFileInZip4_64,
//   zipWriteInFileInZip, zipCloseFileInZip and zipClose together: a part's bytes are gathered
//   as libxlsxwriter hands them over, deflated whole by libdeflate at the same level, and
//   stored raw through minizip (zipCloseFileInZipRaw64 with the part's size and CRC-32), which
//   takes about half of zlib's time and gives smaller parts. A part bigger than
//   `whole_part_bytes` is deflated by zlib as a stream instead, so memory stays bounded;
// - __fprintf_chk and snprintf: the plain formats libxlsxwriter writes its XML with are
//   formatted by fairgate (part_formatting.hpp), the same bytes for a few per cent less time.
//
// The output is an ordinary zip that every reader opens; the same inputs still give the same
// bytes. The overrides act only inside a PackagingScope on the calling thread (which
// write_workbook_file opens), so any other use of libxlsxwriter in the process packs as
// shipped.
//
// This header and the overrides are private to reports/ and bench/.

#include <cstddef>

namespace fairgate::reports::detail {

/// How the workbooks written inside a PackagingScope are packed.
struct XlsxPackaging {
    /// Parts assembled in memory (true) or each in its own temporary file, as shipped.
    bool scratch_in_memory = true;
    /// Past this many bytes a part in memory moves to a temporary file.
    std::size_t spill_bytes = std::size_t{64} << 20;
    /// zlib level for every part: 1 (fastest) to 9 (smallest); -1 is zlib's default (6), as
    /// libxlsxwriter ships.
    int deflate_level = 1;
    /// Parts deflated whole by libdeflate (true, when fairgate is built with it) or streamed
    /// through zlib by minizip, as shipped.
    bool libdeflate = true;
    /// With libdeflate: a part growing past this many bytes is deflated by zlib as a stream.
    std::size_t whole_part_bytes = std::size_t{16} << 20;
    /// libxlsxwriter's fprintf and snprintf calls with plain formats formatted by fairgate
    /// (part_formatting.hpp), or all by the C library, as shipped. The same bytes either way.
    bool plain_formatting = true;

    /// libxlsxwriter's own behaviour: temporary files, zlib's default level, the C library's
    /// formatting.
    static XlsxPackaging as_shipped() { return {false, 0, -1, false, 0, false}; }

    /// Whether this build can deflate with libdeflate at all.
    static bool libdeflate_built_in();
};

/// Packing for every workbook closed on this thread while the scope lives; scopes nest, the
/// innermost wins. Not copyable: it restores the previous packing when it ends.
class PackagingScope {
public:
    explicit PackagingScope(const XlsxPackaging& packaging);
    ~PackagingScope();
    PackagingScope(const PackagingScope&) = delete;
    PackagingScope& operator=(const PackagingScope&) = delete;

private:
    XlsxPackaging packaging_;
    const XlsxPackaging* previous_;
};

/// The packing of the innermost PackagingScope on this thread; nullptr outside every scope.
const XlsxPackaging* packaging_in_scope();

/// The packing write_workbook_file uses: XlsxPackaging{} unless the process changed it.
XlsxPackaging default_packaging();
/// Changes default_packaging() for workbooks started after the call (benchmarks compare
/// against the as-shipped packing with it). Thread-safe.
void set_default_packaging(const XlsxPackaging& packaging);

}  // namespace fairgate::reports::detail
