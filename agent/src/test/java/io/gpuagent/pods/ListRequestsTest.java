package io.gpuagent.pods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListRequestsTest {

    @Test
    void aListIsNeitherAWatchNorAFurtherPageNorAProbe() {
        assertThat(ListRequests.isList(null)).isTrue();
        assertThat(ListRequests.isList("fieldSelector=spec.nodeName%3Dn&resourceVersion=0")).isTrue();
        assertThat(ListRequests.isList("fieldSelector=spec.nodeName%3Dn&limit=500")).isTrue();
        assertThat(ListRequests.isList("fieldSelector=spec.nodeName%3Dn&watch=true&resourceVersion=7")).isFalse();
        assertThat(ListRequests.isList("limit=500&continue=abc")).isFalse();
        assertThat(ListRequests.isList("fieldSelector=spec.nodeName%3Dn&limit=1")).isFalse();
    }
}
