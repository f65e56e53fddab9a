# gpu-agent container image.
#
# Build stage: compiles the agent (and the simulated NVML it bundles) on a JDK 25 image, cuts a Java
# runtime holding only the modules the agent uses (jdeps + jlink), and records an AOT cache (JDK 25,
# JEP 483/514) from a short run on simulated GPUs, for a fast start.
# Runtime stage: that runtime and the jars on a distroless base: glibc and CA certificates, no shell,
# no package manager, no compiler; runs as the non-root user 65532.
#
#   docker build -t gpu-agent .
#   docker run --rm --network host gpu-agent --simulate --listen=127.0.0.1:9400
#
# The DaemonSet (daemonset/base) runs it as root with every capability dropped: the kubelet's
# pod-resources socket is root-only. On a GPU node, NVML (libnvidia-ml.so.1) comes from the NVIDIA
# container runtime (NVIDIA_VISIBLE_DEVICES=all), not from the image.
#
# Base images are build arguments so that a mirror or a local copy can stand in for them
# (dev/docker-base-images builds both from local parts for the test suite).
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_BASE=gcr.io/distroless/base-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# gcc and nvml.h build the simulated NVML; unzip lets the Maven wrapper unpack Maven.
RUN missing=(); \
    command -v gcc >/dev/null || missing+=(gcc libc6-dev); \
    command -v unzip >/dev/null || missing+=(unzip); \
    [ -f /usr/include/nvml.h ] || missing+=(libnvidia-ml-dev); \
    if [ ${#missing[@]} -gt 0 ]; then \
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl bindings,agent -am -DskipTests package \
    && mkdir -p /opt/gpu-agent \
    && cp agent/target/gpu-agent.jar /opt/gpu-agent/ \
    && cp -r agent/target/libs /opt/gpu-agent/libs \
    && rm -rf /root/.m2
# The runtime: the modules jdeps finds, plus java.logging (JUL is configured by name) and the
# DNS provider for the API server's name.
RUN modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 25 -q \
        --class-path '/opt/gpu-agent/libs/*' /opt/gpu-agent/gpu-agent.jar) \
    && echo "jlink modules: $modules" \
    && jlink --add-modules "$modules,java.logging,jdk.naming.dns" \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
        --output /opt/gpu-agent/jre
# AOT cache: a training run on simulated GPUs with the runtime's own flags, scraped once, stopped
# with SIGTERM (the cache is written at exit). The Kubernetes client is on, pointed at an address
# that refuses, so that its classes (a third of the agent's) are in the cache too.
ENV GPU_AGENT_JAVA_OPTS="-XX:+UseSerialGC -XX:MinRAMPercentage=25 -XX:MaxRAMPercentage=25 -Xmn16m -XX:SurvivorRatio=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -Xss512k -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError"
WORKDIR /opt/gpu-agent
RUN printf 'apiVersion: v1\nkind: Config\nclusters: [{name: t, cluster: {server: "http://127.0.0.1:9"}}]\nusers: [{name: t, user: {token: t}}]\ncontexts: [{name: t, context: {cluster: t, user: t}}]\ncurrent-context: t\n' >/tmp/kubeconfig; \
    KUBECONFIG=/tmp/kubeconfig jre/bin/java $GPU_AGENT_JAVA_OPTS -XX:AOTCacheOutput=/opt/gpu-agent/agent.aot \
        -jar /opt/gpu-agent/gpu-agent.jar --simulate --kubernetes=on --listen=127.0.0.1:0 >/tmp/train.log 2>&1 & pid=$!; \
    port=; for _ in $(seq 1 100); do \
      port=$(sed -n 's|.*serving http://[^:]*:\([0-9]*\)/metrics.*|\1|p' /tmp/train.log | head -1); \
      [ -n "$port" ] && break; sleep 0.1; \
    done; \
    [ -n "$port" ] || { cat /tmp/train.log; exit 1; }; \
    sleep 3; \
    exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /metrics HTTP/1.0\r\n\r\n' >&3; cat <&3 >/dev/null; exec 3<&-; \
    sleep 1; kill -TERM "$pid"; wait "$pid" || true; \
    grep -q "AOTCache creation is complete" /tmp/train.log || { cat /tmp/train.log; exit 1; }

FROM ${RUNTIME_BASE}
ARG VERSION=0.1.0-SNAPSHOT
ARG SOURCE=https://github.com/gpu-agent/gpu-agent
LABEL org.opencontainers.image.title="gpu-agent" \
      org.opencontainers.image.description="Node-level NVIDIA GPU metrics agent for Kubernetes" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /opt/gpu-agent /opt/gpu-agent
COPY LICENSE /opt/gpu-agent/LICENSE
USER 65532:65532
EXPOSE 9400
# Heap at most 25% of the container's memory limit (64 MiB of 256Mi; the live set is ~22-27 MiB on a
# large node, and SerialGC lets promoted garbage fill the old generation up to the maximum between
# full GCs, ~1.1 MiB a minute there; docs/performance.md). MinRAMPercentage as well: below ~250 MB of
# memory the JVM sizes the heap by it (default 50%), not by MaxRAMPercentage. A small young generation
# with survivors large enough for one collection's snapshot and for the connections open under a flood
# of clients (SurvivorRatio=1, 5.3 MiB each: a TLS connection holds 64 KiB of buffers; with 1.2 MiB
# survivors a TLS flood promoted them and forced a full GC a second; docs/robustness.md), and a
# heap that gives memory back (SerialGC: one core's worth of work, smallest
# footprint), C1 only (a node agent's loops gain nothing from C2, whose compiles cost ~25 millicores
# for minutes after start and tens of MiB: docs/performance.md), small thread stacks, glibc's freed
# native memory given back every 10 s (TrimNativeHeapInterval), and exit on
# OOM so the kubelet restarts a broken agent instead of it limping on. Keep in step with
# GPU_AGENT_JAVA_OPTS above (the AOT cache is made with them) and LargeNodeBench.
ENTRYPOINT ["/opt/gpu-agent/jre/bin/java", "-XX:+UseSerialGC", "-XX:MinRAMPercentage=25", "-XX:MaxRAMPercentage=25", \
    "-Xmn16m", "-XX:SurvivorRatio=1", \
    "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-Xss512k", \
    "-XX:TrimNativeHeapInterval=10000", \
    "-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=/opt/gpu-agent/agent.aot", "-jar", "/opt/gpu-agent/gpu-agent.jar"]
