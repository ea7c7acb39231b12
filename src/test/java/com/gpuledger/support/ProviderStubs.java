package com.gpuledger.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** The provider API as WireMock serves it to a test: capped list pages, details, and faults by scenario. */
public final class ProviderStubs implements AutoCloseable {

    public static final String TOKEN = "tok-PLANTED-4d1f9e";
    public static final String PASSWORD = "pw-PLANTED-qZ3!Xukz";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    public ProviderStubs() {
        server.start();
        emptyCreditHistory();
    }

    /**
     * Unless a test serves its own, an account whose charge history is readable and empty: an unreadable one is an
     * ERROR finding (exit 3), which tests of other things should not meet by accident.
     */
    private void emptyCreditHistory() {
        server.stubFor(get(urlPathEqualTo("/api/v1/users/credits/history")).atPriority(10).willReturn(okJson(
                "{\"data\":{\"credit_history\":[],\"total_credit_histories\":0},\"message\":\"ok\",\"status\":\"success\"}")));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v1";
    }

    public WireMockServer server() {
        return server;
    }

    public void reset() {
        server.resetAll();
        emptyCreditHistory();
    }

    /** A list served in pages of at most {@code cap} items whatever limit is asked for, as some servers do. */
    public void list(String path, int cap, String... itemsJson) {
        for (int offset = 0; offset <= itemsJson.length; offset += cap) {
            List<String> page = new ArrayList<>();
            for (int i = offset; i < Math.min(itemsJson.length, offset + cap); i++) {
                page.add(itemsJson[i]);
            }
            server.stubFor(get(urlPathEqualTo("/api/v1" + path)).withQueryParam("offset", WireMock.equalTo(Integer.toString(offset)))
                    .willReturn(okJson("{\"data\":[" + String.join(",", page) + "],\"total_instance\":" + itemsJson.length
                            + ",\"message\":\"ok\",\"status\":\"success\"}")));
        }
    }

    public static String listItem(String idJson, String price, String status) {
        return "{\"id\":" + idJson + ",\"region\":\"CANADA\",\"product_type\":\"GPU\",\"host_name\":\"h\",\"gpu_type\":\"RTX-A6000\","
                + "\"gpu_count\":1,\"price_per_hour\":" + price + ",\"status\":\"" + status + "\"}";
    }

    /** A detail body in the seed's shape: one-element array, numbers as strings, "$" cost, "hours", planted password. */
    public static String detail(String idJson, String region, String gpuType, int gpuCount, String status,
                                String startTime, String runningTime, String totalCost) {
        return """
                {"data":[{"id":%s,"region":"%s","instance_type":"GPU","host_name":"host-%s","cpu_cores":"28","ram":"58",
                "gpu_type":"%s","gpu_count":%d,"disk_size":100,"ephemeral":1500,"public_ipv4":"62.169.158.214",
                "login_method":"","os":"Ubuntu Server 22.04 LTS","exposed_ports":"","vm_name":"host-%s","user_name":"ubuntu",
                "vm_password":"%s","password":"%s","status":"%s","start_time":"%s","running_time":"%s","total_cost":"%s"}],
                "message":"Get instance detail successfully","status":"success"}"""
                .formatted(idJson, region, idJson.replace("\"", ""), gpuType, gpuCount, idJson.replace("\"", ""), PASSWORD,
                        PASSWORD, status, startTime, runningTime, totalCost);
    }

    public void detailOk(String id, String body) {
        server.stubFor(get(urlPathEqualTo("/api/v1/computing/instance/" + id)).willReturn(okJson(body)));
    }

    public void detail(String id, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/api/v1/computing/instance/" + id)).willReturn(response));
    }

    /** The first answer is {@code first}, every later one {@code body}. */
    public void detailAfter(String id, ResponseDefinitionBuilder first, String body) {
        String scenario = "detail-" + id;
        server.stubFor(get(urlPathEqualTo("/api/v1/computing/instance/" + id)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("answered"));
        server.stubFor(get(urlPathEqualTo("/api/v1/computing/instance/" + id)).inScenario(scenario)
                .whenScenarioStateIs("answered").willReturn(okJson(body)));
    }

    public static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"failed\",\"message\":\"HTTP " + status + "\"}");
    }

    /** The account's hourly charges, newest first, each {@code [start, start + 1 h)} with its computing amount. */
    public void creditHistory(java.util.SortedMap<java.time.Instant, java.math.BigDecimal> hours) {
        java.time.format.DateTimeFormatter wall = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.of("America/New_York"));
        List<String> items = new ArrayList<>();
        for (var hour : hours.entrySet()) {
            items.add(0, "{\"user_id\":266,\"computing_amount\":" + hour.getValue().toPlainString() + ",\"serverless_amount\":0,"
                    + "\"total\":" + hour.getValue().toPlainString() + ",\"create_time\":\"EST " + wall.format(hour.getKey())
                    + "\",\"update_time\":\"EST " + wall.format(hour.getKey().plusSeconds(3600)) + "\"}");
        }
        server.stubFor(get(urlPathEqualTo("/api/v1/users/credits/history")).willReturn(okJson(
                "{\"data\":{\"credit_history\":[" + String.join(",", items) + "],\"total_credit_histories\":" + items.size()
                        + "},\"message\":\"ok\",\"status\":\"success\"}")));
    }

    public int requestsFor(String path) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v1" + path)).build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
