package io.gpuagent.gpu;

import io.gpuagent.nvml.Nvml;
import io.gpuagent.nvml.NvmlException;
import io.gpuagent.nvml.NvmlReturn;
import io.gpuagent.nvml.sim.SimulatedNvml;
import java.nio.file.Path;

/** How the agent gets an initialised NVML: the driver's library, or the bundled simulator. */
@FunctionalInterface
public interface NvmlOpener {

    /**
     * @throws NvmlException when NVML cannot be loaded or initialised (the reason for /readyz)
     */
    Nvml open();

    /** What {@code /readyz} and the logs call this NVML. */
    default String describe() {
        return "NVML";
    }

    /** The library named by {@code --nvml-library}: a path, or a name for the system loader. */
    static NvmlOpener library(String nameOrPath) {
        return new NvmlOpener() {
            @Override
            public Nvml open() {
                return Nvml.open(nameOrPath);
            }

            @Override
            public String describe() {
                return "NVML (" + nameOrPath + ")";
            }
        };
    }

    /**
     * The bundled simulator with {@code scenario} (a file, or a bundled name). Resolving happens now,
     * so a missing scenario is a start-up error.
     *
     * @throws IllegalArgumentException if the scenario does not exist
     */
    static NvmlOpener simulator(String scenario) {
        Path scenarioFile = SimulatedNvml.resolveScenario(scenario);
        Path library = SimulatedNvml.extractLibrary(SimulatedNvml.LIBRARY);
        return new NvmlOpener() {
            private boolean scenarioSet;

            @Override
            public Nvml open() {
                Nvml.bind(library.toString());
                if (!scenarioSet) {
                    // once: setting it again would restart the scenario's init_failures count
                    SimulatedNvml.setScenario(scenarioFile);
                    scenarioSet = true;
                }
                try {
                    return Nvml.open(library.toString());
                } catch (NvmlException e) {
                    String why = SimulatedNvml.lastError();
                    if (e.status() == NvmlReturn.UNKNOWN && !why.isEmpty()) {
                        throw new NvmlException(e.function(), e.code(), e.nvmlMessage() + ": " + why);
                    }
                    throw e;
                }
            }

            @Override
            public String describe() {
                return "simulated NVML (scenario " + scenario + ")";
            }
        };
    }
}
