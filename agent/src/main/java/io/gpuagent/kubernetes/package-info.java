/**
 * Wires the parts that use the Kubernetes API (the pod and ResourceSlice informers, the XID Event poster) around
 * one client. An assembly only: what each part does lives in {@code pods}, {@code dra} and {@code events}.
 */
package io.gpuagent.kubernetes;
