package io.gpuagent.gpu;

import java.util.OptionalInt;

/**
 * One XID as the driver delivered it.
 *
 * @param gpuInstanceId the MIG GPU instance it concerns, when the driver says (MIG mode)
 */
public record XidReport(int gpu, String gpuUuid, long xid, OptionalInt gpuInstanceId) {
}
