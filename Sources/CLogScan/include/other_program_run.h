#ifndef SOS_OTHER_PROGRAM_RUN_H
#define SOS_OTHER_PROGRAM_RUN_H

#include <stddef.h>
#include <stdint.h>

/// How many leading bytes of `bytes[0 ..< count]`, which begins at a line start, are whole lines
/// that a kernel log scan passes over for certain: each ends with a newline inside the buffer, is
/// at most `max_line` bytes long without it, opens with a syslog date of the fixed layout
/// (`Nov 14 22:13:20 `) followed by an ASCII host name and the tag of a program other than the
/// kernel, and holds `kernel:` nowhere. `*lines` receives how many lines those bytes are.
///
/// It stops at the first line it cannot be sure of (other date layouts, non-ASCII bytes where a
/// character reader could read them otherwise, `kernel:` anywhere, a line not ended inside the
/// buffer, longer than 2 KiB or than `max_line`); the caller reads that line the slow way and
/// asks again after it.
///
/// The newlines and the places `kernel:` may begin are found 32 or 16 bytes at a time (AVX2 or
/// SSE2 on x86-64), the rest on bytes.
size_t sos_other_program_run(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines);

/// The same answer with every byte looked at one by one: what platforms without SSE2 run, and
/// what tests hold the vector path to.
size_t sos_other_program_run_bytewise(const uint8_t *bytes, size_t count, size_t max_line, size_t *lines);

#endif
