#ifndef SOS_FUZZ_DRIVER_H
#define SOS_FUZZ_DRIVER_H
/* Nothing to call from Swift: the module exists for the C entry point in FuzzDriver.c. */
#endif
