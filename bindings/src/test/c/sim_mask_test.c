/*
 * Unit test of the simulator's function sets (sim_fn_mask in bindings/src/main/c/sim/sim.h): a GPU's
 * `unsupported` and `hang` lists. The function table will outgrow 64 entries; this checks, with
 * positions past the first word, that each function has a bit of its own (a plain 1ULL << fn would
 * be undefined past 63 and, on x86, alias function 64 onto function 0).
 *
 * Build:  gcc -std=gnu11 -I bindings/src/main/c/sim -I bindings/src/main/jextract -o sim_mask_test sim_mask_test.c
 * Prints "sim mask: N checks passed" and exits 0, or the first failed check and exits 1.
 */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks;

#define CHECK(cond, ...)                                               \
    do {                                                               \
        checks++;                                                      \
        if (!(cond)) {                                                 \
            fprintf(stderr, "sim mask: FAILED (line %d): ", __LINE__); \
            fprintf(stderr, __VA_ARGS__);                              \
            fputc('\n', stderr);                                       \
            exit(1);                                                   \
        }                                                              \
    } while (0)

int main(void)
{
    const unsigned capacity = SIM_FN_WORDS * 64;
    CHECK(capacity >= 256, "capacity %u, want at least 256", capacity);
    CHECK(FN_COUNT <= capacity, "FN_COUNT %d past the capacity %u", (int)FN_COUNT, capacity);

    /* every position on its own: exactly that bit set, all others clear */
    for (unsigned fn = 0; fn < capacity; fn++) {
        sim_fn_mask m;
        memset(&m, 0, sizeof m);
        sim_fn_mask_set(&m, (sim_fn)fn);
        for (unsigned other = 0; other < capacity; other++)
            CHECK(sim_fn_mask_has(&m, (sim_fn)other) == (other == fn), "set %u, has(%u) = %d", fn, other,
                  sim_fn_mask_has(&m, (sim_fn)other));
    }

    /* several at once, across words */
    static const unsigned some[] = { 0, 1, 63, 64, 65, 127, 128, 200, 255 };
    sim_fn_mask m;
    memset(&m, 0, sizeof m);
    for (unsigned i = 0; i < sizeof some / sizeof some[0]; i++)
        sim_fn_mask_set(&m, (sim_fn)some[i]);
    unsigned set = 0;
    for (unsigned fn = 0; fn < capacity; fn++)
        set += (unsigned)sim_fn_mask_has(&m, (sim_fn)fn);
    CHECK(set == sizeof some / sizeof some[0], "%u bits set, want %zu", set, sizeof some / sizeof some[0]);
    for (unsigned i = 0; i < sizeof some / sizeof some[0]; i++)
        CHECK(sim_fn_mask_has(&m, (sim_fn)some[i]), "bit %u lost", some[i]);

    /* the real table's last entry, wherever it is */
    memset(&m, 0, sizeof m);
    sim_fn_mask_set(&m, (sim_fn)(FN_COUNT - 1));
    CHECK(sim_fn_mask_has(&m, (sim_fn)(FN_COUNT - 1)) && !sim_fn_mask_has(&m, (sim_fn)0), "last function's bit");

    printf("sim mask: %d checks passed\n", checks);
    return 0;
}
