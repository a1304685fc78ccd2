#ifndef SOS_LITERAL_SET_SCAN_H
#define SOS_LITERAL_SET_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// One literal of a set, anchored on one of its bytes (its rarest): where it is in the set's
/// storage, how long it is, how far its anchor is from its start, and its bit in the answer.
typedef struct {
    uint32_t storage_start;
    uint32_t length;
    uint32_t anchor_offset;
    uint32_t bit;
} sos_literal_entry;

/// Which literals of a set occur in `line[0 ..< length]`: bit `entry.bit` of the answer for each.
///
/// `slots[b]` is the range of `entries` anchored on byte value `b`, as `start | end << 16` (0:
/// none). Each byte of the line is looked up once; only the literals anchored on it are compared
/// where they would lie. The scan stops once every bit of `all` is found.
uint64_t sos_literal_set_scan(const uint8_t *line, size_t length, const uint32_t slots[256],
                              const sos_literal_entry *entries, const uint8_t *storage, uint64_t all);

#endif
