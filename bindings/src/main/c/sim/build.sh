#!/usr/bin/env bash
# Builds the simulated NVML (see docs/simulated-nvml.md) into OUT_DIR:
#   libnvidia-ml-sim.so      every simulated NVML function
#   libnvidia-ml-sim-old.so  the same compiled with -DSIMNVML_OLD_DRIVER: an "older driver"
#                            without nvmlDeviceGetMemoryInfo_v2, nvmlSystemGetCudaDriverVersion_v2,
#                            nvmlDeviceGetTotalEnergyConsumption, nvmlDeviceGetMPSComputeRunningProcesses_v3,
#                            nvmlDeviceGetRemappedRows, nvmlDeviceGetNumFans, nvmlDeviceGetFanSpeed_v2
#                            and the GPM functions (nvmlGpm*)
# Maven runs it in process-resources; any compiler warning fails the build (-Werror).
# Needs gcc and NVIDIA's nvml.h (Debian package libnvidia-ml-dev), so that every exported
# function is checked against the real declarations.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
out=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cc=${CC:-gcc}

if ! echo '#include <nvml.h>' | "$cc" -E -x c - >/dev/null 2>&1; then
    echo "simulated NVML: nvml.h not found (install the Debian package libnvidia-ml-dev)" >&2
    exit 1
fi

mkdir -p "$out"
# Sorted so that the link order (and so the output) does not depend on the file system.
mapfile -t sources < <(LC_ALL=C ls "$src"/*.c | LC_ALL=C sort)

# -I: nvml_newer.h, declarations the installed nvml.h is too old to have (kept beside the jextract args).
flags=(-std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden -pthread -I"$src/../../jextract"
       -Wl,--no-undefined -Wl,--build-id=none -ffile-prefix-map="$src"=sim)

build() { # OUTPUT EXTRA_FLAGS...
    local target=$1
    shift
    # Build next to the target and rename, so a failed build never leaves a half-written library.
    "$cc" "${flags[@]}" "$@" -o "$out/$target.tmp" "${sources[@]}" -lm
    mv -f "$out/$target.tmp" "$out/$target"
}

build libnvidia-ml-sim.so
build libnvidia-ml-sim-old.so -DSIMNVML_OLD_DRIVER
