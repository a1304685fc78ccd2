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

/// The masks of `p[0 ..< length]` (at most 64 bytes), looking at each byte; `available` bytes
/// from `p` may be read (the `:` of a tag lies 6 bytes past its `k`).
static void masks_of_bytes(const uint8_t *p, size_t length, size_t available, uint64_t *newline, uint64_t *kernel_tag) {
    uint64_t nl = 0, tag = 0;
    for (size_t i = 0; i < length; i++) {
        nl |= (uint64_t)(p[i] == '\n') << i;
        tag |= (uint64_t)(p[i] == 'k' && i + 6 < available && p[i + 6] == ':') << i;
    }
    *newline = nl;
    *kernel_tag = tag;
}

/// The masks of the 64 bytes at `p`, looking at each byte (`p[64 ..< 70]` may be read).
static void fill_word_bytewise(const uint8_t *p, uint64_t *newline, uint64_t *kernel_tag) {
    masks_of_bytes(p, 64, 70, newline, kernel_tag);
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

/// The widest compare this processor has, asked at each call (`__builtin_cpu_supports` reads what
/// libgcc found at start-up).
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

/// A window of the buffer whose masks are filled a word (64 bytes) at a time, as far as the walk
/// over its lines has come: where the first line already stops the run (a kernel line, another
/// date layout) only the words of that line are looked at.
struct window {
    const uint8_t *p;
    size_t length;     // bytes of the window
    size_t available;  // bytes that may be read from `p`
    size_t words;      // (length + 63) / 64
    size_t filled;     // words whose masks are set
    fill_word fill;
    struct masks m;
};

/// Fills the masks of every word up to `word` (below `words`).
static inline void fill_through(struct window *w, size_t word) {
    for (; w->filled <= word && w->filled < w->words; w->filled++) {
        const size_t first = w->filled * 64;
        if (first + 64 <= w->length && first + 70 <= w->available) {
            w->fill(w->p + first, &w->m.newline[w->filled], &w->m.kernel_tag[w->filled]);
        } else {
            const size_t last = first + 64 < w->length ? first + 64 : w->length;
            masks_of_bytes(w->p + first, last - first, w->available - first, &w->m.newline[w->filled], &w->m.kernel_tag[w->filled]);
        }
    }
}

/// The first newline at or after `from` in the window, or `none`; fills the words it passes.
static inline size_t next_newline(struct window *w, size_t from) {
    for (size_t word = from >> 6; word < w->words; word++) {
        fill_through(w, word);
        uint64_t bits = w->m.newline[word];
        if (word == from >> 6) bits &= ~(uint64_t)0 << (from & 63);
        if (bits) return (word << 6) + (size_t)__builtin_ctzll(bits);
    }
    return none;
}

/// First set bit of a filled mask at or after `from` and before `limit`, or `none`.
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

/// `vector`: 16- and 32-byte compares where the processor has them; 0, every byte one by one.
static size_t other_program_run(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines, int vector) {
    struct window w;
    w.fill = vector ? vector_fill() : fill_word_bytewise;
    // `at`: where the next line to look at begins
    size_t at = 0, passed = 0;
    while (at < count) {
        const size_t window_at = at;
        w.p = bytes + window_at;
        w.available = count - window_at;
        w.length = w.available < window_bytes ? w.available : window_bytes;
        w.words = (w.length + 63) / 64;
        w.filled = 0;
        for (;;) {
            const size_t start = at - window_at;
            const size_t end = next_newline(&w, start);
            if (end == none) {
                // The line goes on past the window: look again from its start, unless it began the
                // window (longer than a window) or the buffer ends in it.
                if (start == 0 || window_at + w.length == count) goto done;
                break;
            }
            const uint8_t *line = w.p + start;
            const size_t line_length = end - start;
            // The Swift test wants a byte after the date, and the caller cuts lines over max_line.
            if (line_length <= 16 || line_length > max_line || !fixed_syslog_date(line)) goto done;
            // the first blank after the host name (the line's end when there is none), which no
            // byte of 0x80 or more may come before
            const size_t host_end = host_stop(w.p, start + 16, end, w.available, vector);
            if (host_end < end && w.p[host_end] >= 0x80) goto done;
            size_t tag = host_end;
            while (tag < end && w.p[tag] == ' ') tag++;
            if (tag < end && w.p[tag] >= 0x80) goto done;
            // (the words up to the newline's are filled)
            for (size_t k = next_bit(w.m.kernel_tag, start, end); k != none; k = next_bit(w.m.kernel_tag, k + 1, end)) {
                if (memcmp(w.p + k, "kernel:", 7) == 0) goto done;
            }
            passed += 1;
            at = window_at + end + 1;
            if (end + 1 >= w.length) break;
        }
    }
done:
    *lines = passed;
    return at;
}

size_t sos_other_program_run(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines) {
    return other_program_run(bytes, count, max_line, lines, 1);
}

size_t sos_other_program_run_bytewise(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines) {
    return other_program_run(bytes, count, max_line, lines, 0);
}
