package io.gpuagent.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class TenuredTrimTest {

    static final long MIB = 1 << 20;

    /** An old generation whose use and post-collection use the test sets. */
    static final class Pool implements MemoryPoolMXBean {
        long used;
        long afterFull;

        @Override
        public MemoryUsage getUsage() {
            return new MemoryUsage(0, used, Math.max(used, 64 * MIB), 64 * MIB);
        }

        @Override
        public MemoryUsage getCollectionUsage() {
            return new MemoryUsage(0, afterFull, Math.max(afterFull, 64 * MIB), 64 * MIB);
        }

        @Override
        public String getName() {
            return "Tenured Gen";
        }

        @Override
        public MemoryType getType() {
            return MemoryType.HEAP;
        }

        @Override
        public MemoryUsage getPeakUsage() {
            return getUsage();
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public String[] getMemoryManagerNames() {
            return new String[] {"MarkSweepCompact"};
        }

        @Override
        public void resetPeakUsage() {
        }

        @Override
        public boolean isUsageThresholdSupported() {
            return false;
        }

        @Override
        public long getUsageThreshold() {
            return 0;
        }

        @Override
        public void setUsageThreshold(long threshold) {
        }

        @Override
        public boolean isUsageThresholdExceeded() {
            return false;
        }

        @Override
        public long getUsageThresholdCount() {
            return 0;
        }

        @Override
        public boolean isCollectionUsageThresholdSupported() {
            return false;
        }

        @Override
        public long getCollectionUsageThreshold() {
            return 0;
        }

        @Override
        public void setCollectionUsageThreshold(long threshold) {
        }

        @Override
        public boolean isCollectionUsageThresholdExceeded() {
            return false;
        }

        @Override
        public long getCollectionUsageThresholdCount() {
            return 0;
        }

        @Override
        public ObjectName getObjectName() {
            return null;
        }
    }

    @Test
    void collectsOnlyWhenTheOldGenerationHoldsMoreThanTheSlackAboveWhatTheLastFullCollectionLeft() {
        Pool pool = new Pool();
        AtomicInteger full = new AtomicInteger();
        TenuredTrim trim = new TenuredTrim(pool, 8 * MIB, () -> {
            full.incrementAndGet();
            pool.afterFull = 22 * MIB; // the live set
            pool.used = pool.afterFull;
        });
        pool.used = 20 * MIB; // before any full collection the baseline is 0
        trim.run();
        assertThat(full).hasValue(1);
        pool.used = 29 * MIB; // 7 MiB of promoted garbage: let be
        trim.run();
        assertThat(full).hasValue(1);
        pool.used = 31 * MIB; // 9 MiB: collected
        trim.run();
        assertThat(full).hasValue(2);
        assertThat(trim.collections()).isEqualTo(2);
        assertThat(pool.used).isEqualTo(22 * MIB);
    }

    @Test
    void onlyForTheSerialCollector() {
        boolean serial = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals("Tenured Gen"));
        assertThat(TenuredTrim.forThisJvm(MIB).isPresent()).isEqualTo(serial);
    }
}
