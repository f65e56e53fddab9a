package io.gpuagent.config;

import java.util.regex.Pattern;

/**
 * A {@code --listen} value, in the {@code [host]:port} form Go exporters use: {@code :9400}
 * (all interfaces), {@code 0.0.0.0:9400}, {@code 127.0.0.1:9400}, {@code [::1]:9400},
 * {@code localhost:9400}. Host names are not resolved here: that is the server's job at bind
 * time, and a DNS hiccup must not read as a configuration error.
 *
 * @param host empty for all interfaces; an IPv6 address without its brackets
 * @param port 0 to 65535; 0 asks the system for a free port (tests)
 */
record ListenAddress(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    // Hex groups, colons, an embedded IPv4 tail, and an optional zone such as %eth0; at least one
    // colon, checked apart (isIpv6) since "[...]*:[...]*" backtracks quadratically on long input.
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]++(%[A-Za-z0-9_.-]++)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    static ListenAddress parse(String text) {
        String s = text.strip();
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(text, "missing the port");
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!isIpv6(host)) {
                throw invalid(text, "\"" + host + "\" in brackets is not an IPv6 address");
            }
        } else if (isIpv6(host)) {
            throw invalid(text, "an IPv6 address needs brackets, e.g. [::1]:9400");
        } else if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
            throw invalid(text, "\"" + host + "\" is not a host name or address");
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw invalid(text, "the port must be a number from 0 to 65535");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /** The zone cannot hold a colon, so one anywhere is one in the address part. */
    private static boolean isIpv6(String host) {
        return host.indexOf(':') >= 0 && IPV6.matcher(host).matches();
    }

    /** Back to the {@code [host]:port} form, brackets restored for IPv6. */
    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("cannot use \"" + text + "\" as a listen address: " + why
                + " (use [host]:port, e.g. :9400 or 127.0.0.1:9400)");
    }
}
