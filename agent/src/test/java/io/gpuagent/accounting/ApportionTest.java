package io.gpuagent.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuagent.testing.Gen;
import io.gpuagent.testing.Properties;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApportionTest {

    @Test
    void partsFollowTheWeightsAndLeftoversGoToTheLargestFractions() {
        assertThat(Apportion.split(50_000, new double[] {3, 2, 2})).containsExactly(21_428, 14_286, 14_286);
        assertThat(Apportion.split(10, new double[] {1, 1, 1})).containsExactly(4, 3, 3); // a tie: the earlier part
        assertThat(Apportion.split(7, new double[] {0, 1, 0})).containsExactly(0, 7, 0);
        assertThat(Apportion.split(0, new double[] {1, 2})).containsExactly(0, 0);
    }

    @Test
    void noWeightAtAllGivesEverythingToTheLastPart() {
        assertThat(Apportion.split(99, new double[] {0, 0, 0})).containsExactly(0, 0, 99);
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> Apportion.split(-1, new double[] {1})).hasMessageContaining("-1");
        assertThatThrownBy(() -> Apportion.split(1, new double[] {1, Double.NaN})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Apportion.split(1, new double[] {-0.5})).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> Apportion.split(1, new double[] {})).hasMessageContaining("nothing to split");
    }

    @Test
    void partsAlwaysAddUpExactlyAndStayWithinOneOfTheirExactShare() {
        Properties.forAll("apportion", Properties.TRIES, r -> {
            double[] w = new double[Gen.between(r, 1, 12)];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * Math.pow(10, r.nextInt(-6, 7));
            }
            return new Object[] {Gen.magnitude(r, 0, 1L << 45), w};
        }, in -> {
            long amount = (Long) in[0];
            double[] w = (double[]) in[1];
            long[] parts = Apportion.split(amount, w);
            assertThat(Arrays.stream(parts).sum()).isEqualTo(amount);
            double total = Arrays.stream(w).sum();
            for (int i = 0; i < w.length; i++) {
                assertThat(parts[i]).isNotNegative();
                if (total > 0) {
                    assertThat(Math.abs(parts[i] - amount * w[i] / total)).isLessThan(1.0 + amount * 1e-12);
                }
            }
        });
    }
}
