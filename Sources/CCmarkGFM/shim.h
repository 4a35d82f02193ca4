#ifndef CCMARKGFM_SHIM_H
#define CCMARKGFM_SHIM_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/*
 * A per-thread arena for one parse: cmark-gfm allocates every node, buffer and list cell of a
 * document through the parser's cmark_mem, which takes no context pointer, hence a thread-local
 * arena. Allocations are bumped from 64 KiB blocks, free is a no-op, realloc grows the last
 * allocation in place; ccmarkgfm_arena_reset() drops everything but one block, kept for the
 * thread's next parse (so the HTML cmark_render_html returns for an arena's document is the
 * arena's too: copied, never freed). A parse, the walk of its tree and the frees of its parser and document
 * run between two resets on one thread, with no suspension point in between.
 * Like cmark-gfm's own allocator, it aborts when the system has no memory left.
 */
typedef struct ccmarkgfm_arena_block {
    struct ccmarkgfm_arena_block *next;
    size_t size;  /* bytes of data after this header */
    size_t used;
    size_t last;  /* offset of the newest allocation's size word, or SIZE_MAX */
} ccmarkgfm_arena_block;

enum { CCMARKGFM_ARENA_BLOCK = 64 * 1024, CCMARKGFM_ARENA_WORD = 16 };

static _Thread_local ccmarkgfm_arena_block *ccmarkgfm_arena_head = NULL;

static inline void ccmarkgfm_arena_abort(size_t size) {
    fprintf(stderr, "[chronicle] cannot allocate %zu bytes for cmark-gfm, aborting\n", size);
    abort();
}

static inline uint8_t *ccmarkgfm_arena_data(ccmarkgfm_arena_block *block) {
    return (uint8_t *)block + sizeof(ccmarkgfm_arena_block);
}

static inline void *ccmarkgfm_arena_alloc(size_t size) {
    if (size > SIZE_MAX / 2) ccmarkgfm_arena_abort(size);
    size_t need = ((size + CCMARKGFM_ARENA_WORD - 1) & ~(size_t)(CCMARKGFM_ARENA_WORD - 1)) + CCMARKGFM_ARENA_WORD;
    ccmarkgfm_arena_block *block = ccmarkgfm_arena_head;
    if (block == NULL || block->size - block->used < need) {
        size_t capacity = need > CCMARKGFM_ARENA_BLOCK ? need : CCMARKGFM_ARENA_BLOCK;
        ccmarkgfm_arena_block *fresh = (ccmarkgfm_arena_block *)malloc(sizeof(ccmarkgfm_arena_block) + capacity);
        if (fresh == NULL) ccmarkgfm_arena_abort(size);
        fresh->next = block;
        fresh->size = capacity;
        fresh->used = 0;
        fresh->last = SIZE_MAX;
        ccmarkgfm_arena_head = block = fresh;
    }
    uint8_t *word = ccmarkgfm_arena_data(block) + block->used;
    *(size_t *)word = size;
    block->last = block->used;
    block->used += need;
    return word + CCMARKGFM_ARENA_WORD;
}

static inline void *ccmarkgfm_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) ccmarkgfm_arena_abort(SIZE_MAX);
    void *ptr = ccmarkgfm_arena_alloc(count * size);
    memset(ptr, 0, count * size);
    return ptr;
}

static inline void *ccmarkgfm_arena_realloc(void *ptr, size_t size) {
    if (ptr == NULL) return ccmarkgfm_arena_alloc(size);
    uint8_t *word = (uint8_t *)ptr - CCMARKGFM_ARENA_WORD;
    size_t old = *(size_t *)word;
    if (size <= old) return ptr;
    ccmarkgfm_arena_block *block = ccmarkgfm_arena_head;
    if (size <= SIZE_MAX / 2 && block != NULL && block->last != SIZE_MAX && ccmarkgfm_arena_data(block) + block->last == word) {
        size_t need = ((size + CCMARKGFM_ARENA_WORD - 1) & ~(size_t)(CCMARKGFM_ARENA_WORD - 1)) + CCMARKGFM_ARENA_WORD;
        if (block->size - block->last >= need) {
            *(size_t *)word = size;
            block->used = block->last + need;
            return ptr;
        }
    }
    void *moved = ccmarkgfm_arena_alloc(size);
    memcpy(moved, ptr, old);
    return moved;
}

static inline void ccmarkgfm_arena_free(void *ptr) { (void)ptr; }

/* Releases every block but the oldest (the first one, of the standard size), emptied. */
static inline void ccmarkgfm_arena_reset(void) {
    ccmarkgfm_arena_block *block = ccmarkgfm_arena_head;
    while (block != NULL && block->next != NULL) {
        ccmarkgfm_arena_block *next = block->next;
        free(block);
        block = next;
    }
    if (block != NULL && block->size != CCMARKGFM_ARENA_BLOCK) {
        free(block);
        block = NULL;
    }
    if (block != NULL) {
        block->used = 0;
        block->last = SIZE_MAX;
    }
    ccmarkgfm_arena_head = block;
}

static _Thread_local int ccmarkgfm_arena_depth = 0;

/* Brackets a parse and everything done with its tree; nested brackets share the arena, which
   the outermost end resets. */
static inline void ccmarkgfm_arena_begin(void) { ccmarkgfm_arena_depth += 1; }
static inline void ccmarkgfm_arena_end(void) {
    ccmarkgfm_arena_depth -= 1;
    if (ccmarkgfm_arena_depth == 0) ccmarkgfm_arena_reset();
}

static cmark_mem ccmarkgfm_arena_mem_allocator = {ccmarkgfm_arena_calloc, ccmarkgfm_arena_realloc, ccmarkgfm_arena_free};

static inline cmark_mem *ccmarkgfm_arena_mem(void) { return &ccmarkgfm_arena_mem_allocator; }
#endif
