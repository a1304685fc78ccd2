#include "other_program_run.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Lines are looked at within a window of this many bytes: two bit masks of it (newlines; places
// where `kernel:` may begin) fit in 512 bytes of stack.
enum { window_bytes = 2048, window_words = window_bytes / 64 };
static const size_t none = (size_t)-1;

struct masks {
    uint64_t newline[window_words];
    uint64_t kernel_tag[window_words];
};

typedef void (*fill_word)(const uint8_t *p, uint64_t *newline, uint64_t *kernel_tag);

/// The masks of the 64 bytes at `p`, looking at each byte (`p[64 ..< 70]` may be read).
static void fill_word_bytewise(const uint8_t *p, uint64_t *newline, uint64_t *kernel_tag) {
    uint64_t nl = 0, tag = 0;
    for (unsigned i = 0; i < 64; i++) {
        nl |= (uint64_t)(p[i] == '\n') << i;
        tag |= (uint64_t)(p[i] == 'k' && p[i + 6] == ':') << i;
    }
    *newline = nl;
    *kernel_tag = tag;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SOS_HAVE_AVX2 1
__attribute__((target("avx2")))
static void fill_word_avx2(const uint8_t *p, uint64_t *newline, uint64_t *kernel_tag) {
    const __m256i nl = _mm256_set1_epi8('\n'), k = _mm256_set1_epi8('k'), colon = _mm256_set1_epi8(':');
    const __m256i low = _mm256_loadu_si256((const __m256i *)p), high = _mm256_loadu_si256((const __m256i *)(p + 32));
    const __m256i low_ahead = _mm256_loadu_si256((const __m256i *)(p + 6)), high_ahead = _mm256_loadu_si256((const __m256i *)(p + 38));
    *newline = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, nl))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, nl)) << 32;
    *kernel_tag = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(low, k), _mm256_cmpeq_epi8(low_ahead, colon)))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(high, k), _mm256_cmpeq_epi8(high_ahead, colon))) << 32;
}
#endif

#if defined(__SSE2__)
static void fill_word_sse2(const uint8_t *p, uint64_t *newline, uint64_t *kernel_tag) {
    const __m128i nl = _mm_set1_epi8('\n'), k = _mm_set1_epi8('k'), colon = _mm_set1_epi8(':');
    uint64_t lines = 0, tags = 0;
    for (unsigned block = 0; block < 4; block++) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * block));
        const __m128i ahead = _mm_loadu_si128((const __m128i *)(p + 16 * block + 6));
        lines |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) << (16 * block);
        tags |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, k), _mm_cmpeq_epi8(ahead, colon))) << (16 * block);
    }
    *newline = lines;
    *kernel_tag = tags;
}
#endif

/// The widest compare this processor has, chosen once.
static fill_word vector_fill(void) {
#if SOS_HAVE_AVX2
    if (__builtin_cpu_supports("avx2")) return fill_word_avx2;
#endif
#if defined(__SSE2__)
    return fill_word_sse2;
#else
    return fill_word_bytewise;
#endif
}

/// Masks of `p[0 ..< length]`; `available` bytes from `p` may be read (the `:` of a tag lies 6
/// bytes past its `k`). Words that would read past `available` are done byte by byte.
static void fill_masks(struct masks *m, const uint8_t *p, size_t length, size_t available, fill_word fill) {
    const size_t words = (length + 63) / 64;
    for (size_t word = 0; word < words; word++) {
        const size_t first = word * 64;
        if (first + 64 <= length && first + 70 <= available) {
            fill(p + first, &m->newline[word], &m->kernel_tag[word]);
            continue;
        }
        uint64_t nl = 0, tag = 0;
        const size_t last = first + 64 < length ? first + 64 : length;
        for (size_t i = first; i < last; i++) {
            nl |= (uint64_t)(p[i] == '\n') << (i & 63);
            tag |= (uint64_t)(p[i] == 'k' && i + 6 < available && p[i + 6] == ':') << (i & 63);
        }
        m->newline[word] = nl;
        m->kernel_tag[word] = tag;
    }
}

/// First set bit at or after `from` and before `limit` (at most `words * 64`), or `none`.
static inline size_t next_bit(const uint64_t *mask, size_t from, size_t limit) {
    if (from >= limit) return none;
    size_t word = from >> 6;
    const size_t last = (limit - 1) >> 6;
    uint64_t bits = mask[word] & (~(uint64_t)0 << (from & 63));
    while (bits == 0) {
        if (++word > last) return none;
        bits = mask[word];
    }
    size_t found = (word << 6) + (size_t)__builtin_ctzll(bits);
    return found < limit ? found : none;
}

static inline unsigned is_digit(uint8_t byte) { return (unsigned)(byte - '0') <= 9; }

/// `Nov 14 22:13:20 ` or `Nov  5 17:23:40 `: the layout the Swift prefilter reads at fixed offsets.
static inline int fixed_syslog_date(const uint8_t *p) {
    unsigned layout = (p[3] == ' ') & ((p[4] == ' ') | is_digit(p[4])) & is_digit(p[5]) & (p[6] == ' ')
        & is_digit(p[7]) & is_digit(p[8]) & (p[9] == ':') & is_digit(p[10]) & is_digit(p[11])
        & (p[12] == ':') & is_digit(p[13]) & is_digit(p[14]) & (p[15] == ' ');
    if (!layout) return 0;
    switch ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) {
    case 0x4A616E: case 0x466562: case 0x4D6172: case 0x417072: case 0x4D6179: case 0x4A756E:
    case 0x4A756C: case 0x417567: case 0x536570: case 0x4F6374: case 0x4E6F76: case 0x446563:
        return 1;
    default:
        return 0;
    }
}

/// Where the host name that starts at `from` stops: its first blank or non-ASCII byte, or `end`
/// (the line's newline) when neither comes first; `available` bytes from `p` may be read.
static inline size_t host_stop(const uint8_t *p, size_t from, size_t end, size_t available, int vector) {
#if defined(__SSE2__)
    if (vector) {
        for (; from < end && from + 16 <= available; from += 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(p + from));
            // a blank, or a byte whose high bit is set
            const unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), v));
            if (stops) {
                const size_t found = from + (size_t)__builtin_ctz(stops);
                return found < end ? found : end;
            }
        }
        if (from >= end) return end;
    }
#else
    (void)available;
    (void)vector;
#endif
    while (from < end && p[from] != ' ' && p[from] < 0x80) from++;
    return from;
}

static size_t other_program_run(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines, fill_word fill) {
    struct masks m;
    // `at`: where the next line to look at begins
    size_t at = 0, passed = 0;
    while (at < count) {
        const size_t window_at = at;
        const uint8_t *window = bytes + window_at;
        const size_t length = count - window_at < window_bytes ? count - window_at : window_bytes;
        const size_t words = (length + 63) / 64;
        fill_masks(&m, window, length, count - window_at, fill);
        for (;;) {
            const size_t start = at - window_at;
            const size_t end = next_bit(m.newline, start, words * 64);
            if (end == none) {
                // The line goes on past the window: look again from its start, unless it began the
                // window (longer than a window) or the buffer ends in it.
                if (start == 0 || window_at + length == count) goto done;
                break;
            }
            const uint8_t *line = window + start;
            const size_t line_length = end - start;
            // The Swift test wants a byte after the date, and the caller cuts lines over max_line.
            if (line_length <= 16 || line_length > max_line || !fixed_syslog_date(line)) goto done;
            // the first blank after the host name (the line's end when there is none), which no
            // byte of 0x80 or more may come before
            // (the bytewise build keeps to single bytes here too: it is what tests hold the rest to)
            const size_t host_end = host_stop(window, start + 16, end, count - window_at, fill != fill_word_bytewise);
            if (host_end < end && window[host_end] >= 0x80) goto done;
            size_t tag = host_end;
            while (tag < end && window[tag] == ' ') tag++;
            if (tag < end && window[tag] >= 0x80) goto done;
            for (size_t k = next_bit(m.kernel_tag, start, end); k != none; k = next_bit(m.kernel_tag, k + 1, end)) {
                if (memcmp(window + k, "kernel:", 7) == 0) goto done;
            }
            passed += 1;
            at = window_at + end + 1;
            if (end + 1 >= length) break;
        }
    }
done:
    *lines = passed;
    return at;
}

size_t sos_other_program_run(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines) {
    return other_program_run(bytes, count, max_line, lines, vector_fill());
}

size_t sos_other_program_run_bytewise(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines) {
    return other_program_run(bytes, count, max_line, lines, fill_word_bytewise);
}
