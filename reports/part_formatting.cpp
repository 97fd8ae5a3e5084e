#include "reports/part_formatting.hpp"

#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>


namespace fairgate::reports::detail {

namespace {

enum class Conversion : unsigned char { None, Percent, Text, Signed, Unsigned, Double };

/// The conversion starting after the '%' at `p`, and how many characters it takes.
Conversion conversion_at(const char* p, std::size_t& length) {
    length = 1;
    switch (*p) {
        case '%': return Conversion::Percent;
        case 's': return Conversion::Text;
        case 'd':
        case 'i': return Conversion::Signed;
        case 'u': return Conversion::Unsigned;
        case '.':
            // libxlsxwriter's numbers: %.16G (cells) and %.16g (attributes).
            if (p[1] == '1' && p[2] == '6' && (p[3] == 'G' || p[3] == 'g')) {
                length = 4;
                return Conversion::Double;
            }
            return Conversion::None;
        default: return Conversion::None;
    }
}

void append_unsigned(std::string& out, unsigned long long v) {
    char digits[24];
    char* end = digits + sizeof digits;
    char* p = end;
    do {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    out.append(p, static_cast<std::size_t>(end - p));
}

// The C library's own formatting of one double (vsnprintf is not overridden, so this never
// comes back here): the locale and rounding stay exactly the C library's.
int print_double(char* buffer, std::size_t size, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(buffer, size, format, args);
    va_end(args);
    return n;
}

// Appends what vsnprintf would write; false at the first conversion it does not handle
// (having consumed some of `args` and appended part of the output: the caller starts again
// with its own copy of them).
bool format_into(std::string& out, const char* format, va_list args) {
    const char* p = format;
    for (;;) {
        const char* run = p;
        while (*p && *p != '%') ++p;
        if (p != run) out.append(run, static_cast<std::size_t>(p - run));
        if (!*p) return true;
        std::size_t length = 0;
        const char* spec = p + 1;
        switch (conversion_at(spec, length)) {
            case Conversion::Percent: out.push_back('%'); break;
            case Conversion::Text: {
                const char* s = va_arg(args, const char*);
                out.append(s ? s : "(null)");
                break;
            }
            case Conversion::Signed: {
                const int v = va_arg(args, int);
                if (v < 0) out.push_back('-');
                // The magnitude as unsigned, so that INT_MIN does not overflow.
                append_unsigned(out, v < 0 ? 0ULL - static_cast<unsigned long long>(static_cast<long long>(v))
                                           : static_cast<unsigned long long>(v));
                break;
            }
            case Conversion::Unsigned: append_unsigned(out, va_arg(args, unsigned)); break;
            case Conversion::Double: {
                const double v = va_arg(args, double);
                char buffer[64];
                const char number_format[] = {'%', '.', '1', '6', spec[3], '\0'};
                const int n = print_double(buffer, sizeof buffer, number_format, v);
                if (n > 0) out.append(buffer, static_cast<std::size_t>(n) < sizeof buffer ? static_cast<std::size_t>(n)
                                                                                          : sizeof buffer - 1);
                break;
            }
            case Conversion::None: return false;
        }
        p = spec + length;
    }
}

}  // namespace

bool format_plain(std::string& out, const char* format, va_list args) {
    const std::size_t size = out.size();
    va_list copy;
    va_copy(copy, args);
    const bool plain = format_into(out, format, copy);
    va_end(copy);
    if (!plain) out.resize(size);
    return plain;
}

}  // namespace fairgate::reports::detail
