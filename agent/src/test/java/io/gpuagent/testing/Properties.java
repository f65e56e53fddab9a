package io.gpuagent.testing;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A small property-test runner on plain JUnit: a property is checked against {@code tries} inputs drawn
 * from a seeded generator; a failure names the property, the seed, the try and the input, so it can be
 * replayed exactly ({@code -Dproperties.seed=S}) and turned into an example test.
 *
 * <p>{@code -Dproperties.tries=N} runs every property N times instead of its CI count (the long campaign
 * recorded in docs/robustness.md); {@code -Dproperties.seed=S} fixes the seed. Without it each run draws a
 * new seed, so CI keeps exploring; the seed is printed with any failure.
 *
 * <p>There is no shrinking: a failing input is printed as drawn. Turn it into an example test by hand.
 */
public final class Properties {

    /** Tries per property in the normal build (about 15 s for all the parser properties on 2 cores). */
    public static final int TRIES = 1_000;

    private Properties() {
    }

    /** A property of one input: returns normally when it holds, throws (e.g. an AssertJ error) when not. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    /** Checks {@code property} (which throws on failure, e.g. with AssertJ) for {@code tries} inputs. */
    public static <T> int forAll(String name, int tries, Function<SplittableRandom, T> generator, Check<T> property) {
        int n = Integer.getInteger("properties.tries", tries);
        long seed = Long.getLong("properties.seed", new SplittableRandom().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (AssertionError | Exception | StackOverflowError e) {
                AssertionError failure = new AssertionError("property '" + name + "' failed at try " + (i + 1) + " of "
                        + n + " (seed " + seed + ", replay with -Dproperties.seed=" + seed + ") for input: "
                        + Gen.show(input) + "\n" + e, e);
                throw failure;
            }
        }
        return n;
    }
}
