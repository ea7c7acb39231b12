package com.gpuledger.provider;

import java.net.http.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import com.gpuledger.LedgerProperties;

@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    /**
     * The JDK client keeps connections alive and reuses them (N in flight = N sockets). HTTP/1.1 explicitly: the
     * default HTTP/2 sends an {@code Upgrade: h2c} header on every plain-http request.
     */
    @Bean
    ProviderClient providerClient(LedgerProperties properties) {
        LedgerProperties.Api api = properties.api();
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(api.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(api.readTimeout());
        RestClient restClient = RestClient.builder()
                .baseUrl(api.url())
                .requestFactory(requestFactory)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + api.token())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        LedgerProperties.Fetch fetch = properties.fetch();
        return new ProviderClient(restClient, fetch.attempts(), fetch.backoff(), fetch.rateLimit(), fetch.maxRetryAfter());
    }

    @Bean
    ChargeHistoryLister chargeHistoryLister(ProviderClient providerClient, LedgerProperties properties) {
        return new ChargeHistoryLister(providerClient, properties.pageSize());
    }

    @Bean
    InstanceLister instanceLister(ProviderClient providerClient, LedgerProperties properties) {
        return new InstanceLister(providerClient, properties.pageSize());
    }
}
