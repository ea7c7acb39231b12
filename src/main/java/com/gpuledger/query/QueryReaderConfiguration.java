package com.gpuledger.query;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers migration 4 with Flyway (Spring Boot hands every {@code JavaMigration} bean to it). */
@Configuration(proxyBeanMethods = false)
class QueryReaderConfiguration {

    @Bean
    QueryReaderMigration queryReaderMigration(@Value("${ledger.query.username:}") String postgresRole) {
        return new QueryReaderMigration(postgresRole);
    }
}
