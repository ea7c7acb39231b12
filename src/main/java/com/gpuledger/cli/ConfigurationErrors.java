package com.gpuledger.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.validation.FieldError;

/**
 * A value Spring could not bind, or bound against a constraint, as one line naming the variable the operator wrote
 * ({@code LEDGER_FETCH_CONCURRENCY=0: must be greater than or equal to 1}), never a stack trace.
 */
final class ConfigurationErrors {

    private ConfigurationErrors() {
    }

    static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException invalid) {
                return Optional.of(invalid.getValidationErrors().getAllErrors().stream().map(error -> {
                    ConfigurationPropertyName name = invalid.getValidationErrors().getName();
                    if (error instanceof FieldError field) {
                        name = name.append(ConfigurationPropertyName.adapt(DataObjectPropertyName.toDashedForm(field.getField()), '.'));
                    }
                    ConfigurationPropertyName bound = name;
                    ConfigurationProperty property = invalid.getValidationErrors().getBoundProperties().stream()
                            .filter(candidate -> candidate.getName().equals(bound)).findFirst().orElse(null);
                    return variable(bound, property) + ": " + error.getDefaultMessage();
                }).collect(Collectors.joining("; ")));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                Throwable cause = bind.getCause();
                String reason = cause == null || cause.getMessage() == null || ConfigurationNames.secret(bind.getName().toString())
                        ? "cannot be read"
                        : "cannot be read as " + bind.getTarget().getType().resolve(Object.class).getSimpleName()
                                + " (" + rootMessage(cause) + ")";
                return Optional.of(variable(bind.getName(), bind.getProperty()) + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /** {@code LEDGER_QUERY_MAX_ROWS=0}: the variable as written, and its value; for a default, the variable that sets it. */
    private static String variable(ConfigurationPropertyName name, ConfigurationProperty property) {
        List<String> spellings = ConfigurationNames.spellings(name.toString());
        String variable = spellings.get(spellings.size() - 1);
        if (property == null) {
            return variable;
        }
        String written = variable;
        if (property.getOrigin() instanceof SystemEnvironmentOrigin environment) {
            written = environment.getProperty();
        } else if (property.getOrigin() instanceof PropertySourceOrigin source) {
            written = source.getPropertyName();
        }
        return ConfigurationNames.secret(written) ? written : written + "=" + property.getValue();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
