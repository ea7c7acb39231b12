package com.gpuledger.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceDetailParserTests {

    /** The seed page's example, verbatim. */
    private static final String SEED = """
            {"data": [{"id": 41, "region": "CANADA", "instance_type": "GPU", "host_name": "mike-1001",
              "cpu_cores": "28", "ram": "58", "gpu_type": "RTX-A6000", "gpu_count": 1, "disk_size": 100,
              "public_ipv4": "62.169.158.214", "login_method": "", "os": "Ubuntu Server 20.04 LTS (Focal Fossa)",
              "exposed_ports": "", "vm_name": "mike-1001", "vm_password": "qZ3!Xukz=I-Xv_ya", "status": "Running",
              "start_time": "EST 2024-11-04 10:11:50", "running_time": "0.0000 hours", "total_cost": "$0.0000"}],
             "message": "Get instance detail successfully", "status": "success"}""";

    @Test
    void parsesTheSeedExample() {
        InstanceDetail detail = parse("41", SEED);

        assertThat(detail.id()).isEqualTo("41");
        assertThat(detail.region()).isEqualTo("CANADA");
        assertThat(detail.gpuType()).isEqualTo("RTX-A6000");
        assertThat(detail.gpuCount()).isEqualTo(1);
        assertThat(detail.cpuCores()).isEqualTo(28);
        assertThat(detail.ramGb()).isEqualByComparingTo("58");
        assertThat(detail.startTime()).isEqualTo(Instant.parse("2024-11-04T15:11:50Z"));
        assertThat(detail.totalCost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(detail.status()).isEqualTo("Running");
        assertThat(detail.toString()).doesNotContain("qZ3!Xukz=I-Xv_ya");
    }

    @Test
    void acceptsTheNewerFieldNamesAndDataAsAnObject() {
        InstanceDetail detail = parse("abc-1", """
                {"status":"success","data":{"id":"abc-1","region":"US-EAST","product_type":"GPU","vm_name":"train-7",
                 "gpu":"H100-80G-SXM","gpu_count":"8","cpu_cores":112,"ram":1024,"status":"Hibernating",
                 "start_time":"2025-07-04 05:13:11 EST","running_time":"1,5 hours","total_cost":"$1,234.5678",
                 "price_per_hour":"18.40","password":"p","user_name":"root"}}""".replace("1,5 hours", "1.5 hours"));

        assertThat(detail.instanceType()).isEqualTo("GPU");
        assertThat(detail.hostName()).isEqualTo("train-7");
        assertThat(detail.gpuType()).isEqualTo("H100-80G-SXM");
        assertThat(detail.gpuCount()).isEqualTo(8);
        assertThat(detail.status()).as("unknown statuses are kept as they come").isEqualTo("Hibernating");
        assertThat(detail.totalCost()).isEqualByComparingTo("1234.5678");
        assertThat(detail.pricePerHour()).isEqualByComparingTo("18.40");
        assertThat(detail.startTime()).isEqualTo(Instant.parse("2025-07-04T09:13:11Z"));
    }

    @Test
    void cpuOnlyInstancesHaveGpuTypeCpuAndNoGpus() {
        InstanceDetail detail = parse("7", """
                {"status":"success","data":[{"id":7,"instance_type":"CPU","gpu_type":"","gpu_count":0,
                 "running_time":"2.0000 hours","total_cost":"$0.2000"}]}""");

        assertThat(detail.gpuType()).isEqualTo("CPU");
        assertThat(detail.gpuCount()).isZero();
    }

    @Test
    void findsTheAskedInstanceInALongerArray() {
        InstanceDetail detail = parse("2", """
                {"status":"success","data":[{"id":1,"running_time":"1 hours","total_cost":"$1"},
                                            {"id":2,"running_time":"2 hours","total_cost":"$2"}]}""");

        assertThat(detail.totalCost()).isEqualByComparingTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty body                 | ''                                                                     | empty response body",
            "an HTML page               | <html><body>Maintenance</body></html>                                  | not JSON",
            "status failed              | {\"status\":\"failed\",\"message\":\"Instance is locked\"}             | status 'failed': Instance is locked",
            "no data                    | {\"status\":\"success\"}                                               | field 'data' is missing",
            "empty data                 | {\"status\":\"success\",\"data\":[]}                                   | no instance",
            "letters in money           | {\"status\":\"success\",\"data\":[{\"id\":9,\"running_time\":\"1 hours\",\"total_cost\":\"$9x.00\"}]} | field 'total_cost' has value '$9x.00'",
            "negative counter           | {\"status\":\"success\",\"data\":[{\"id\":9,\"running_time\":-1,\"total_cost\":\"$9.00\"}]} | field 'running_time' has value '-1': negative",
            "too large for the column   | {\"status\":\"success\",\"data\":[{\"id\":9,\"running_time\":\"1 hours\",\"total_cost\":\"$123456789012345678.00\"}]} | too large",
            "another instance           | {\"status\":\"success\",\"data\":[{\"id\":8,\"running_time\":\"1 hours\",\"total_cost\":\"$1\"}]} | describes another instance",
            "missing total_cost         | {\"status\":\"success\",\"data\":[{\"id\":9,\"running_time\":\"1 hours\"}]} | field 'total_cost' is missing",
            "bad start time             | {\"status\":\"success\",\"data\":[{\"id\":9,\"running_time\":\"1 hours\",\"total_cost\":\"$1\",\"start_time\":\"soon\"}]} | field 'start_time' has value 'soon'",
    })
    void refusesWhatCannotBeTakenAsItIs(String description, String body, String problem) {
        assertThatThrownBy(() -> parse("9", body))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void errorsNeverQuoteAPassword() {
        String body = "{\"status\":\"success\",\"data\":[{\"id\":9,\"vm_password\":\"hunter2-planted\",\"running_time\":\"x\",\"total_cost\":\"$1\"}";
        assertThatThrownBy(() -> parse("9", body)).message().doesNotContain("hunter2-planted");
    }

    private static InstanceDetail parse(String id, String body) {
        return InstanceDetailParser.parse(id, ProviderJson.envelope(body, "application/json"));
    }
}
