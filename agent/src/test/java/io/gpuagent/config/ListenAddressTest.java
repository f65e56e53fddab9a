package io.gpuagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "':9400',            '',           9400, ':9400'",
        "'0.0.0.0:9400',     '0.0.0.0',    9400, '0.0.0.0:9400'",
        "'127.0.0.1:9400',   '127.0.0.1',  9400, '127.0.0.1:9400'",
        "'[::1]:9400',       '::1',        9400, '[::1]:9400'",
        "'[::]:0',           '::',         0,    '[::]:0'",
        "'[fe80::1%eth0]:1', 'fe80::1%eth0', 1,  '[fe80::1%eth0]:1'",
        "'localhost:9400',   'localhost',  9400, 'localhost:9400'",
        "'gpu-node.example.com:65535', 'gpu-node.example.com', 65535, 'gpu-node.example.com:65535'",
    })
    void parsesHostAndPort(String text, String host, int port, String formatted) {
        ListenAddress address = ListenAddress.parse(text);
        assertThat(address).isEqualTo(new ListenAddress(host, port));
        assertThat(ListenAddress.format(address.host(), address.port())).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'9400',           missing the port",
        "'localhost',      missing the port",
        "':',              port must be a number",
        "':65536',         port must be a number",
        "':-1',            port must be a number",
        "':94OO',          port must be a number",
        "':123456',        port must be a number",
        "'::1:9400',       needs brackets",
        "'[nothost]:9400', not an IPv6 address",
        "'bad host:9400',  not a host name",
        "'-x:9400',        not a host name",
        "'http://x:9400',  not a host name",
    })
    void rejectsOtherForms(String text, String why) {
        assertThatThrownBy(() -> ListenAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining(why);
    }

    /**
     * Found by a long-input probe for ListenAddressPropertiesTest: the IPv6 pattern backtracked quadratically on a long
     * run of colons (40,000 of them: 15 s) before rejecting it.
     */
    @Test
    @Timeout(5)
    void longRunOfColonsIsRejectedInLinearTime() {
        String colons = ":".repeat(200_000);
        assertThatThrownBy(() -> ListenAddress.parse(colons + "x:9400")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> ListenAddress.parse("[" + colons + "x]:9400"))
                .hasMessageContaining("not an IPv6 address");
        assertThat(ListenAddress.parse("[fe80::1%eth0]:9400")).isEqualTo(new ListenAddress("fe80::1%eth0", 9400));
    }
}
