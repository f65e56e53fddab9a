/** The agent's care of its own JVM: what keeps its footprint where it was measured. Imports nothing of the agent. */
package io.gpuagent.jvm;
