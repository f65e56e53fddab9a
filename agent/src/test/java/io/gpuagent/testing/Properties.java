package io.gpuagent.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-test runner on plain JUnit: a property is checked against {@code tries} inputs drawn
 * from a seeded generator; a failure names the property, the seed, the try and the input, so it can be
 * replayed exactly ({@code -Dproperties.seed=S}) and turned into an example test.
 *
 * <p>{@code -Dproperties.tries=N} runs every property N times instead of its CI count (the long campaign
 * recorded in docs/robustness.md); {@code -Dproperties.seed=S} fixes the seed. Without it each run draws a
 * new seed, so CI keeps exploring; the seed is printed with any failure.
 */
public final class Properties {

    private Properties() {
    }

    /** Checks {@code property} (which throws on failure, e.g. with AssertJ) for {@code tries} inputs. */
    public static <T> int forAll(String name, int tries, Function<SplittableRandom, T> generator, Consumer<T> property) {
        int n = Integer.getInteger("properties.tries", tries);
        long seed = Long.getLong("properties.seed", new SplittableRandom().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException | StackOverflowError e) {
                AssertionError failure = new AssertionError("property '" + name + "' failed at try " + (i + 1) + " of "
                        + n + " (seed " + seed + ", replay with -Dproperties.seed=" + seed + ") for input: "
                        + Gen.show(input) + "\n" + e, e);
                throw failure;
            }
        }
        return n;
    }
}
