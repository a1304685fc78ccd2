#include "literal_set_scan.h"

uint64_t sos_literal_set_scan(const uint8_t *line, size_t length, const uint32_t slots[256],
                              const sos_literal_entry *entries, const uint8_t *storage, uint64_t all) {
    uint64_t found = 0;
    for (size_t position = 0; position < length; position++) {
        const uint32_t slot = slots[line[position]];
        // Anchors are the literals' rarest bytes: most bytes of a line have no slot.
        if (__builtin_expect(slot == 0, 1)) continue;
        for (uint32_t index = slot & 0xFFFF; index < slot >> 16; index++) {
            const sos_literal_entry *entry = &entries[index];
            const uint64_t bit = (uint64_t)1 << entry->bit;
            if (found & bit) continue;
            if (position < entry->anchor_offset) continue;
            const size_t start = position - entry->anchor_offset;
            if (entry->length > length - start) continue;
            // Most compares fail on their first byte: a loop here costs less than calling memcmp
            // (about one in six bytes of a kernel line lands on an anchor).
            const uint8_t *text = line + start, *literal = storage + entry->storage_start;
            uint32_t matched = 0;
            while (matched < entry->length && text[matched] == literal[matched]) matched++;
            if (matched == entry->length) {
                found |= bit;
                if (found == all) return found;
            }
        }
    }
    return found;
}
