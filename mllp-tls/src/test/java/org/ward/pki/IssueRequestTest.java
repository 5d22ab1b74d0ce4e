package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueRequestTest {

    private static final Eui64 EUI = Eui64.parse("001bc50fff00002a");

    @Test
    void validityOverTwoYearsIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> IssueRequest.client("ehr", 731))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("730")
                .hasMessageContaining("ITI-19")
                .hasMessageContaining("731");
    }

    @Test
    void validityOfTwoYearsIsAccepted() {
        assertThat(IssueRequest.client("ehr", 730).validityDays()).isEqualTo(730);
    }

    @Test
    void validityBelowOneDayIsRefused() {
        assertThatThrownBy(() -> IssueRequest.client("ehr", 0)).hasMessageContaining("1 to 730");
    }

    @Test
    void deviceWithoutEui64IsRefused() {
        assertThatThrownBy(() -> new IssueRequest(CertificateProfile.DEVICE, "monitor", Optional.empty(),
                List.of(), List.of(), 365))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DEVICE")
                .hasMessageContaining("EUI-64");
    }

    @Test
    void serverWithoutSubjectAltNameIsRefused() {
        assertThatThrownBy(() -> IssueRequest.server("ward", List.of(), List.of(), 365))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS name or IP address");
    }

    @Test
    void malformedNamesAndAddressesAreRefused() {
        assertThatThrownBy(() -> IssueRequest.server("ward", List.of("*.example.org"), List.of(), 365))
                .hasMessageContaining("*.example.org");
        assertThatThrownBy(() -> IssueRequest.server("ward", List.of("ward"), List.of("300.1.1.1"), 365))
                .hasMessageContaining("300.1.1.1");
        assertThatThrownBy(() -> IssueRequest.server("ward", List.of("ward"), List.of("10.0.0.0/8"), 365))
                .hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void commonNameLongerThanUpperBoundIsRefused() {
        assertThatThrownBy(() -> IssueRequest.client("x".repeat(65), 365)).hasMessageContaining("64");
        assertThatThrownBy(() -> IssueRequest.client(" ", 365)).hasMessageContaining("commonName");
    }

    @Test
    void listsAreCopiedSoTheRequestStaysImmutable() {
        List<String> names = new ArrayList<>(List.of("ward.example.org"));
        IssueRequest request = IssueRequest.server("ward", names, List.of(), 365);
        names.add("evil.example.org");
        assertThat(request.dnsNames()).containsExactly("ward.example.org");
        assertThatThrownBy(() -> request.dnsNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deviceFactoryCarriesTheEui64() {
        assertThat(IssueRequest.device("monitor", EUI, 365).eui64()).contains(EUI);
    }
}
