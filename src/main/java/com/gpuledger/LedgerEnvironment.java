package com.gpuledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import jakarta.validation.Validation;

/**
 * The property sources every command binds from (contracts section 2): what the command line resolved itself, over the
 * effective environment (files and process variables), over {@code application.properties}. The environment is a
 * {@link SystemEnvironmentPropertySource} named {@code *-systemEnvironment}, the one kind of source where Spring binds
 * {@code LEDGER_FETCH_RATE_LIMIT} to {@code ledger.fetch.rate-limit}.
 */
public final class LedgerEnvironment {

    private static final String ENVIRONMENT_SOURCE = "ledger-systemEnvironment";

    private LedgerEnvironment() {
    }

    /** @param resolved values the command line worked out (an absolute {@code ledger.home}, the token read from its file) */
    public static MutablePropertySources sources(Map<String, String> environment, Map<String, Object> resolved) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("ledgerResolved", new LinkedHashMap<>(resolved)));
        sources.addLast(new SystemEnvironmentPropertySource(ENVIRONMENT_SOURCE, new LinkedHashMap<>(environment)));
        return sources;
    }

    /**
     * A binder over {@link #sources} and {@code application.properties}, with the same conversions and placeholders as
     * the context's: for {@code query}, which starts no context, and for checking every record before a context starts.
     */
    public static Binder binder(Map<String, String> environment, Map<String, Object> resolved) {
        MutablePropertySources sources = sources(environment, resolved);
        sources.addLast(new PropertiesPropertySource("applicationProperties", applicationProperties()));
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    /** Checks the jakarta constraints of what it binds, as {@code @Validated} does in a context. */
    public static BindHandler validating() {
        // outside a context nothing has set the log levels yet: Hibernate Validator would announce itself
        LoggingSystem.get(LedgerEnvironment.class.getClassLoader()).setLogLevel("org.hibernate.validator", LogLevel.WARN);
        // constraint messages name their parameters ("must be greater than or equal to {value}"): no EL engine to load
        return new ValidationBindHandler(new SpringValidatorAdapter(Validation.byDefaultProvider().configure()
                .ignoreXmlConfiguration().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator()));
    }

    private static Properties applicationProperties() {
        try {
            return PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
    }
}
