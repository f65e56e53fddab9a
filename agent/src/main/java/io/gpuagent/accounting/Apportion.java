package io.gpuagent.accounting;

/**
 * Splits a whole amount (millijoules) by weights so that the parts add up to it exactly: each part gets the whole
 * number below its exact share, and the units left over go to the parts with the largest fractions (Hamilton's
 * largest-remainder method; ties to the earlier part). Exact integer parts are what lets the containers' energy and
 * the unattributed remainder add up to the GPU's to the millijoule, interval after interval.
 */
final class Apportion {

    private Apportion() {
    }

    /**
     * @param weights non-negative and finite; when they add up to 0 the whole amount goes to the last part (the
     *     caller's unattributed remainder)
     */
    static long[] split(long amount, double[] weights) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount " + amount + " is negative");
        }
        long[] parts = new long[weights.length];
        if (weights.length == 0) {
            if (amount != 0) {
                throw new IllegalArgumentException("nothing to split " + amount + " into");
            }
            return parts;
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + w + " is not a finite non-negative number");
            }
            total += w;
        }
        if (total == 0) {
            parts[parts.length - 1] = amount;
            return parts;
        }
        double[] fraction = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = amount * (weights[i] / total);
            parts[i] = Math.min(amount - given, (long) Math.floor(exact));
            fraction[i] = exact - parts[i];
            given += parts[i];
        }
        for (long left = amount - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0 && (best < 0 || fraction[i] > fraction[best])) {
                    best = i;
                }
            }
            parts[best]++;
            fraction[best] = -1; // one extra unit each, at most
            if (allTaken(fraction, weights)) {
                resetFractions(fraction, weights);
            }
        }
        return parts;
    }

    /** Floating error can leave more units over than parts with weight: then a second round starts. */
    private static boolean allTaken(double[] fraction, double[] weights) {
        for (int i = 0; i < fraction.length; i++) {
            if (weights[i] > 0 && fraction[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void resetFractions(double[] fraction, double[] weights) {
        for (int i = 0; i < fraction.length; i++) {
            fraction[i] = weights[i];
        }
    }
}
