package io.gpuagent.gpu;

import io.gpuagent.problem.ProblemLog;
import io.gpuagent.nvml.GpuDevice;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.nvml.ProcessInfo;
import io.gpuagent.nvml.ProcessKind;
import io.gpuagent.nvml.ProcessSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the processes of one GPU per collection: the three process lists (a process in several lists is
 * one process), placed in MIG instances by their GPU/compute instance ids, and the utilization samples
 * newer than the last one seen on that GPU. A GPU with no new sample reports its processes at 0, never
 * at a stale value.
 */
final class ProcessReader {

    /** NVML's 0xFFFFFFFF: no MIG instance. */
    private static final int NO_INSTANCE = -1;

    private final ProblemLog problems;
    private final InFlight inFlight;
    private final Map<Integer, Long> lastSeenMicros = new HashMap<>();
    private long errors;

    ProcessReader(ProblemLog problems, InFlight inFlight) {
        this.problems = problems;
        this.inFlight = inFlight;
    }

    long takeErrors() {
        long e = errors;
        errors = 0;
        return e;
    }

    List<ProcessReading> read(GpuDevice gpu) {
        Map<Long, ProcessInfo> byPid = new LinkedHashMap<>();
        for (ProcessKind kind : ProcessKind.values()) {
            for (ProcessInfo p : list(gpu, kind)) {
                byPid.merge(p.pid(), p, (a, b) -> memory(a) >= memory(b) ? a : b);
            }
        }
        Optional<Map<Long, Integer>> sm = smPercentByPid(gpu);
        List<ProcessReading> out = new ArrayList<>(byPid.size());
        for (ProcessInfo p : byPid.values()) {
            OptionalInt smPercent = sm.map(m -> OptionalInt.of(m.getOrDefault(p.pid(), 0))).orElse(OptionalInt.empty());
            out.add(new ProcessReading(gpu.index(), instance(p.gpuInstanceId()), instance(p.computeInstanceId()), p.pid(),
                    p.usedMemoryBytes(), smPercent));
        }
        return out;
    }

    private List<ProcessInfo> list(GpuDevice gpu, ProcessKind kind) {
        String key = gpu + "/processes/" + kind;
        inFlight.at(key);
        try {
            List<ProcessInfo> list = gpu.processes(kind);
            problems.clear(key);
            return list;
        } catch (NvmlException e) {
            if (e.status().isDeviceGone()) {
                throw e;
            }
            errors++;
            problems.report(key, gpu + ": listing " + kind + " processes failed: " + e.getMessage());
            return List.of();
        }
    }

    /** pid → SM percent of its newest sample since the last read; empty if the GPU cannot say. */
    private Optional<Map<Long, Integer>> smPercentByPid(GpuDevice gpu) {
        String key = gpu + "/process-utilization";
        long since = lastSeenMicros.getOrDefault(gpu.index(), 0L);
        Optional<List<ProcessSample>> samples;
        inFlight.at(key);
        try {
            samples = gpu.processUtilizationSamples(since);
            problems.clear(key);
        } catch (NvmlException e) {
            if (e.status().isDeviceGone()) {
                throw e;
            }
            errors++;
            problems.report(key, gpu + ": reading process utilization failed: " + e.getMessage());
            return Optional.empty();
        }
        return samples.map(list -> {
            Map<Long, ProcessSample> newest = new HashMap<>();
            long latest = since;
            for (ProcessSample s : list) {
                if (s.timestampMicros() > since) {
                    newest.merge(s.pid(), s, (a, b) -> a.timestampMicros() >= b.timestampMicros() ? a : b);
                    latest = Math.max(latest, s.timestampMicros());
                }
            }
            lastSeenMicros.put(gpu.index(), latest);
            Map<Long, Integer> sm = new HashMap<>();
            newest.forEach((pid, s) -> sm.put(pid, s.smPercent()));
            return sm;
        });
    }

    private static long memory(ProcessInfo p) {
        return p.usedMemoryBytes().orElse(-1);
    }

    private static OptionalInt instance(int id) {
        return id == NO_INSTANCE ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
