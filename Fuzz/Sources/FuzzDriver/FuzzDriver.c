// SwiftPM links an executable target with `--defsym main=<module>_main`, which hides libFuzzer's
// own `main`. This is that symbol: it hands control to libFuzzer's driver, which then calls
// LLVMFuzzerInitialize and LLVMFuzzerTestOneInput (both defined in Swift with @_cdecl).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int sos_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
