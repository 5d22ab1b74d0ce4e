package org.ward.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ward.hl7.ErrorLocation;

class DeviceClaimsTest {

    @Test
    void readsMsh3AndEveryObx18FormOfEui64() {
        String message = "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01|M1|P|2.6\r"
                + "PID|||1\r"
                + "OBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R|||||||0123456789ABCDEF^EUI-64\r"
                + "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120\r"
                + "OBX|3||69986^MDC_DEV_PUMP_INFUS_VMD^MDC|1.1.0.0|||||||R|||||||A0001^^1122334455667788^EUI-64~X^LOCAL\r";
        assertThat(DeviceClaims.in(message)).containsExactly(
                new ClaimedDevice("acde48234567abcd", new ErrorLocation("MSH", 1, 3, 1, 2)),
                new ClaimedDevice("0123456789abcdef", new ErrorLocation("OBX", 1, 18, 1, 1)),
                new ClaimedDevice("1122334455667788", new ErrorLocation("OBX", 3, 18, 1, 3)));
    }

    @Test
    void identifiersOfOtherTypesAreNotDeviceClaims() {
        String message = "MSH|^~\\&|APP^1.2.3^ISO||||20090713090030+0500||ORU^R01^ORU_R01|M1|P|2.6\r"
                + "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120||||||R|||||||SERIAL-9^VENDOR\r";
        assertThat(DeviceClaims.in(message)).isEmpty();
    }

    @Test
    void malformedIdentifiersAreStillClaimsSoThatTheBindingRefusesThem() {
        String message = "MSH|^~\\&|DEV||||20090713090030+0500||ORU^R01^ORU_R01|M1|P|2.6\r"
                + "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120||||||R|||||||0123^EUI-64\r";
        assertThat(DeviceClaims.in(message)).extracting(ClaimedDevice::eui64).containsExactly("0123");
    }
}
