package io.gpuagent.accounting;

import io.gpuagent.gpu.GpuIdentity;
import io.gpuagent.gpu.MigIdentity;
import io.gpuagent.join.ProcessOwner;
import java.util.Optional;

/** A GPU, or a MIG instance of one: what an account is held on and labelled with. */
record Device(GpuIdentity gpu, Optional<MigIdentity> mig) {

    /** The MIG UUID of an instance, else the GPU's UUID. */
    String key() {
        return mig.map(MigIdentity::migUuid).orElse(gpu.uuid());
    }

    /** The account of {@code owner} on this device. */
    AccountKey account(ProcessOwner owner) {
        return new AccountKey(key(), owner);
    }

    /** One container's account on one device: a device's UUID (or MIG UUID) and the container. */
    record AccountKey(String device, ProcessOwner owner) {
    }
}
