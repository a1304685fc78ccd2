#ifndef SOSANALYZER_CLZMA_SHIM_H
#define SOSANALYZER_CLZMA_SHIM_H

#include <stdlib.h>
#include <lzma.h>

/* Starts a decoder on one .xz Block, given its header bytes (`header[0]` encodes the header's
   size) and the sizes the Stream's Index records for it. `block` must outlive the decoder:
   liblzma keeps a pointer to it and checks the sizes against it at the end of the Block.
   The filter chain is needed only to start the decoder, so it lives on this stack frame (as in
   liblzma's own stream decoder). A system-library target holds no .c files, hence inline. */
static inline lzma_ret sos_xz_block_decoder(lzma_stream *strm, lzma_block *block, const uint8_t *header,
                                            lzma_check check, lzma_vli unpadded_size,
                                            lzma_vli uncompressed_size) {
    lzma_filter filters[LZMA_FILTERS_MAX + 1];
    size_t i;
    lzma_ret ret;

    block->version = 1;
    block->check = check;
    block->filters = filters;
    block->header_size = lzma_block_header_size_decode(header[0]);
    ret = lzma_block_header_decode(block, NULL, header);
    if (ret != LZMA_OK) {
        block->filters = NULL;
        return ret;
    }
    ret = lzma_block_compressed_size(block, unpadded_size);
    if (ret == LZMA_OK) {
        if (block->uncompressed_size == LZMA_VLI_UNKNOWN)
            block->uncompressed_size = uncompressed_size;
        else if (block->uncompressed_size != uncompressed_size)
            ret = LZMA_DATA_ERROR;
    }
    if (ret == LZMA_OK)
        ret = lzma_block_decoder(strm, block);
    for (i = 0; i < LZMA_FILTERS_MAX && filters[i].id != LZMA_VLI_UNKNOWN; ++i)
        free(filters[i].options);
    block->filters = NULL;
    return ret;
}

/* One Block of a decoded Index, read through lzma_index_iter (whose nested unions Swift
   imports awkwardly). Offsets are from the start of the file for a single-Stream file. */
typedef struct {
    uint64_t compressed_offset;
    uint64_t total_size;
    uint64_t unpadded_size;
    uint64_t uncompressed_offset;
    uint64_t uncompressed_size;
} sos_xz_block_info;

/* Fills `out` with up to `capacity` Blocks of `index`; returns how many the Index holds. */
static inline uint64_t sos_xz_index_blocks(const lzma_index *index, sos_xz_block_info *out, uint64_t capacity) {
    lzma_index_iter iter;
    uint64_t n = 0;
    lzma_index_iter_init(&iter, index);
    while (!lzma_index_iter_next(&iter, LZMA_INDEX_ITER_BLOCK)) {
        if (n < capacity) {
            out[n].compressed_offset = iter.block.compressed_file_offset;
            out[n].total_size = iter.block.total_size;
            out[n].unpadded_size = iter.block.unpadded_size;
            out[n].uncompressed_offset = iter.block.uncompressed_file_offset;
            out[n].uncompressed_size = iter.block.uncompressed_size;
        }
        ++n;
    }
    return n;
}

#endif
