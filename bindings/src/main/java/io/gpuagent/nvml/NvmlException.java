package io.gpuagent.nvml;

/**
 * An NVML call answered other than success (or the library could not be loaded at all).
 * Carries the raw {@code nvmlReturn_t}, the function that answered it and NVML's own message
 * ({@code nvmlErrorString}), e.g. {@code nvmlInit_v2: Driver Not Loaded (9)}.
 */
public final class NvmlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final NvmlReturn status;
    private final int code;
    private final String function;
    private final String nvmlMessage;

    public NvmlException(String function, int code, String nvmlMessage) {
        super(function + ": " + nvmlMessage + " (" + code + ")");
        this.status = NvmlReturn.of(code);
        this.code = code;
        this.function = function;
        this.nvmlMessage = nvmlMessage;
    }

    /** The library itself could not be loaded: reported as NVML would, LIBRARY_NOT_FOUND. */
    static NvmlException libraryNotLoaded(String library, String reason) {
        return new NvmlException("dlopen(" + library + ")",
                NvmlReturn.LIBRARY_NOT_FOUND.code(), "NVML Shared Library Not Found (" + reason + ")");
    }

    public NvmlReturn status() {
        return status;
    }

    public int code() {
        return code;
    }

    public String function() {
        return function;
    }

    /** NVML's message for the code, e.g. {@code Driver Not Loaded}. */
    public String nvmlMessage() {
        return nvmlMessage;
    }
}
