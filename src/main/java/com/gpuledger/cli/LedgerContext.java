package com.gpuledger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

import com.gpuledger.GpuLedgerApplication;
import com.gpuledger.LedgerEnvironment;
import com.gpuledger.allocation.AllocationFile;
import com.gpuledger.provider.ProviderProperties;
import com.gpuledger.run.UsageException;

/**
 * Starts the Spring context of a command from the effective environment (files and process variables, contracts
 * section 2), with the values the command line resolves itself: an absolute {@code ledger.home}, the token read from
 * {@code LEDGER_API_TOKEN_FILE}, the log format. {@code overrides} win over everything (the demo uses them).
 */
final class LedgerContext {

    private LedgerContext() {
    }

    static ConfigurableApplicationContext start(Map<String, String> environment, Path workingDirectory,
                                                Map<String, Object> overrides, Clock clock) {
        return start(environment, workingDirectory, overrides, clock, Map.of());
    }

    /** @param singletons beans registered before the context refreshes (the demo's clock; tests' fault injectors) */
    static ConfigurableApplicationContext start(Map<String, String> environment, Path workingDirectory,
                                                Map<String, Object> overrides, Clock clock, Map<String, Object> singletons) {
        Map<String, Object> resolved = resolved(environment, workingDirectory);
        resolved.putAll(overrides);
        ProviderProperties provider = bound(bindRecords(environment, resolved), ProviderProperties.class);
        if (!environment.containsKey("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE")
                && !environment.containsKey("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")) {
            // every fetch worker commits its own chunks: a connection each, and some to spare
            resolved.put("spring.datasource.hikari.maximum-pool-size", Math.max(10, provider.fetch().concurrency() + 4));
        }
        StandardEnvironment springEnvironment = new StandardEnvironment();
        List<PropertySource<?>> ours = LedgerEnvironment.sources(environment, resolved).stream().toList();
        for (int i = ours.size() - 1; i >= 0; i--) {
            springEnvironment.getPropertySources().addFirst(ours.get(i));
        }

        // a bad allocation file is a usage error before anything starts: no migration, no API call
        AllocationFile allocation = AllocationFile.load(allocationFile(environment, workingDirectory, overrides));
        SpringApplication application = new SpringApplication(GpuLedgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(springEnvironment);
        application.setRegisterShutdownHook(false);
        application.addInitializers(context -> {
            if (clock != null) {
                context.getBeanFactory().registerSingleton("clock", clock);
            }
            context.getBeanFactory().registerSingleton("allocationFile", allocation);
            singletons.forEach(context.getBeanFactory()::registerSingleton);
        });
        return application.run();
    }

    /**
     * The simulator's HTTP server (Jetty) announces its start and stop at INFO, before the job's logging is set up
     * and in another format: only its warnings are worth a line in the demo's or the simulator's output.
     */
    static void quietSimulatorServer() {
        LoggingSystem.get(LedgerContext.class.getClassLoader()).setLogLevel("org.eclipse.jetty", LogLevel.WARN);
    }

    static Path home(Map<String, String> environment, Path workingDirectory) {
        String home = environment.get("LEDGER_HOME");
        return (home == null || home.isBlank() ? workingDirectory : workingDirectory.resolve(home)).toAbsolutePath().normalize();
    }

    /** LEDGER_ALLOCATION_FILE (relative to the working directory), or the override the demo sets; else under the home. */
    static Path allocationFile(Map<String, String> environment, Path workingDirectory, Map<String, Object> overrides) {
        Object override = overrides.get("ledger.allocation.file");
        String named = override != null ? override.toString() : environment.get(AllocationFile.VARIABLE);
        return named == null || named.isBlank() ? home(environment, workingDirectory).resolve(AllocationFile.DEFAULT_NAME)
                : workingDirectory.resolve(named).toAbsolutePath().normalize();
    }

    /** The API token from LEDGER_API_TOKEN, else from the file LEDGER_API_TOKEN_FILE names; null when neither is set. */
    static String token(Map<String, String> environment, Path workingDirectory) {
        String token = environment.get("LEDGER_API_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String file = environment.get("LEDGER_API_TOKEN_FILE");
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = workingDirectory.resolve(file);
        try {
            String fromFile = Files.readString(path, StandardCharsets.UTF_8).strip();
            return fromFile.isEmpty() ? null : fromFile;
        } catch (IOException e) {
            throw new UsageException("LEDGER_API_TOKEN_FILE names " + path + ", which cannot be read");
        }
    }

    /**
     * Binds and validates every {@code @ConfigurationProperties} record of the application that the configuration
     * metadata lists, before the context starts: a bad value is exit 64 before any database is opened or migrated.
     */
    private static Map<Class<?>, Object> bindRecords(Map<String, String> environment, Map<String, Object> resolved) {
        Binder binder = LedgerEnvironment.binder(environment, resolved);
        BindHandler validating = LedgerEnvironment.validating();
        Map<Class<?>, Object> records = new LinkedHashMap<>();
        for (Map.Entry<String, String> record : ConfigurationNames.fromClasspath().records().entrySet()) {
            Class<?> type;
            try {
                type = ClassUtils.forName(record.getKey(), LedgerContext.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the configuration metadata names " + record.getKey() + ", which is not in the jar", e);
            }
            records.put(type, binder.bindOrCreate(record.getValue(), Bindable.of(type), validating));
        }
        return records;
    }

    /** A record {@link #bindRecords} bound; the metadata must list it (the annotation processor writes it). */
    private static <T> T bound(Map<Class<?>, Object> records, Class<T> type) {
        Object record = records.get(type);
        if (record == null) {
            throw new IllegalStateException("the configuration metadata does not name " + type.getName());
        }
        return type.cast(record);
    }

    private static Map<String, Object> resolved(Map<String, String> environment, Path workingDirectory) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("ledger.home", home(environment, workingDirectory).toString());
        String token = token(environment, workingDirectory);
        if (token != null) {
            resolved.put("ledger.api.token", token);
        }
        if ("json".equalsIgnoreCase(environment.get("LEDGER_LOG_FORMAT"))) {
            resolved.put("logging.structured.format.console", "ecs");
        }
        return resolved;
    }
}
