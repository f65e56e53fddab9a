package io.gpuagent.events;

import java.util.Map;

/**
 * What the common XIDs mean and what an operator should do about them, for the Events the agent posts. Written
 * from NVIDIA's published XID descriptions; an XID not listed still gets an Event, pointing to that catalog.
 */
public final class XidCatalog {

    /** One XID's meaning and the recommended action. */
    public record Entry(String meaning, String action) {
    }

    private static final Map<Long, Entry> ENTRIES = Map.ofEntries(
            Map.entry(13L, new Entry("graphics engine exception (often an application fault such as an out-of-range"
                    + " access)", "check the application's logs; if it recurs across applications, run GPU diagnostics")),
            Map.entry(31L, new Entry("GPU memory page fault (usually an illegal address in the application)",
                    "debug the application (compute-sanitizer); if it recurs across applications, run GPU diagnostics")),
            Map.entry(43L, new Entry("GPU stopped processing the faulting application's work; the GPU itself is healthy",
                    "fix or restart the application; no GPU action needed")),
            Map.entry(45L, new Entry("preemptive cleanup after an earlier error or a killed process",
                    "look at the XIDs just before it; usually nothing to do")),
            Map.entry(48L, new Entry("double-bit (uncorrectable) ECC memory error",
                    "restart the affected workloads and reset the GPU; replace it if this repeats")),
            Map.entry(61L, new Entry("internal micro-controller breakpoint or warning",
                    "reset the GPU when possible; report to NVIDIA if it repeats")),
            Map.entry(62L, new Entry("internal micro-controller halted", "drain the GPU and reset it (or reboot the node)")),
            Map.entry(63L, new Entry("ECC page retirement or row remapping recorded",
                    "reset the GPU at a convenient time to apply it; watch the retired-page and remapped-row counts")),
            Map.entry(64L, new Entry("ECC page retirement or row remapping failed to record",
                    "drain and reset the GPU; replace it if this repeats")),
            Map.entry(68L, new Entry("video decoder (NVDEC) exception",
                    "restart the application; reset the GPU if it repeats")),
            Map.entry(69L, new Entry("graphics engine class error", "restart the application; reset the GPU if it repeats")),
            Map.entry(74L, new Entry("NVLink error", "reset the GPUs on the link; check NVLink/NVSwitch health and"
                    + " request hardware service if it repeats")),
            Map.entry(79L, new Entry("GPU has fallen off the bus", "drain the node and reset or reboot it; check power,"
                    + " cooling and PCIe seating; replace the GPU if it repeats")),
            Map.entry(92L, new Entry("high single-bit ECC error rate", "schedule GPU diagnostics; plan a replacement if"
                    + " the rate stays high")),
            Map.entry(94L, new Entry("contained uncorrectable ECC error: only the affected workloads were hit",
                    "restart the affected workloads; reset the GPU at a convenient time to remap the memory")),
            Map.entry(95L, new Entry("uncontained uncorrectable ECC error: every workload on the GPU may be affected",
                    "drain the GPU and reset it now")),
            Map.entry(109L, new Entry("context switch timeout", "restart the application; reset the GPU if it repeats")),
            Map.entry(119L, new Entry("GSP firmware RPC timeout", "drain and reset the GPU or reboot the node; keep the"
                    + " driver up to date")),
            Map.entry(120L, new Entry("GSP firmware error", "drain and reset the GPU or reboot the node; keep the driver"
                    + " up to date")));

    private XidCatalog() {
    }

    public static Entry lookup(long xid) {
        Entry e = ENTRIES.get(xid);
        return e != null ? e : new Entry("XID " + xid + " (not in the agent's table)",
                "look it up in NVIDIA's XID catalog; run GPU diagnostics if it repeats");
    }

    static boolean known(long xid) {
        return ENTRIES.containsKey(xid);
    }
}
