package com.gpuledger.provider;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriComponentsBuilder;


@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
class ProviderConfiguration {

    /**
     * The JDK's keep-alive cache keeps 5 idle connections per host unless told otherwise, and reads the setting once,
     * before the first connection: the fetch workers need one each.
     */
    static final String KEEP_ALIVE_CONNECTIONS = "256";

    /**
     * {@code HttpURLConnection} through Spring's simple factory, each request under a total deadline (RequestDeadline):
     * blocking calls on the fetch workers, HTTP/1.1,
     * connections kept alive and reused. Measured against the JDK {@code HttpClient} at 32 in flight on 2 cores, it
     * costs much less CPU per request (fetch step 18.3 s instead of 20.7 s for 20,000 instances; bench/results.md).
     */
    @Bean
    ProviderClock providerClock(ObjectProvider<Clock> clock) {
        return new ProviderClock(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ProviderClient providerClient(ProviderProperties properties, ProviderClock providerClock) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
        }
        ProviderProperties.Api api = properties.api();
        SecretMasking.hide(api.token());
        // user-info in the URL is never sent (the token is), but the message of a failed request quotes its URL
        SecretMasking.hide(UriComponentsBuilder.fromUriString(api.url()).build().getUserInfo());
        RequestDeadline deadline = new RequestDeadline(api.requestDeadline());
        // each URI variable is encoded whole, '/', '?', '#' and '%' included: an id is always one path segment
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(api.url());
        uris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.VALUES_ONLY);
        RestClient restClient = RestClient.builder()
                .uriBuilderFactory(uris)
                .requestFactory(deadline.requestFactory(api.connectTimeout(), api.readTimeout()))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + api.token())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        ProviderProperties.Fetch fetch = properties.fetch();
        return new ProviderClient(restClient, deadline, (int) api.maxBody().toBytes(), fetch.attempts(), fetch.backoff(),
                fetch.rateLimit(), fetch.concurrency(), fetch.maxRetryAfter(), providerClock);
    }

    @Bean
    ChargeHistoryLister chargeHistoryLister(ProviderClient providerClient, ProviderProperties properties) {
        return new ChargeHistoryLister(providerClient, properties.pageSize());
    }

    @Bean
    InstanceLister instanceLister(ProviderClient providerClient, ProviderProperties properties) {
        return new InstanceLister(providerClient, properties.pageSize(), properties.fetch().concurrency(), properties.api().url());
    }
}
