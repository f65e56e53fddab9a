/**
 * How the agent tells about problems: one line each ({@link io.gpuagent.problem.OneLine}), logged once when
 * they start and once when they end ({@link io.gpuagent.problem.ProblemLog}). Imports nothing of the agent.
 */
package io.gpuagent.problem;
