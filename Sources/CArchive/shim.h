#ifndef SOSANALYZER_CARCHIVE_SHIM_H
#define SOSANALYZER_CARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

/* archive_set_error is variadic and cannot be called from Swift; a system-library
   target cannot hold .c files, so the fixed-format helper lives here. */
static inline void sos_archive_set_error(struct archive *a, int code, const char *message) {
    archive_set_error(a, code, "%s", message);
}

#endif
