package com.gpuledger.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Before anything uses the job's pool (Flyway first): an embedded H2 file is this process's to serve and its files
 * the OS user's ({@link H2Ownership}), and readers' locks are watched for the whole command ({@link ReaderLockWatchdog}).
 */
@Component
class DatabaseOwnership implements BeanPostProcessor, DisposableBean {

    private final Environment environment;
    private ReaderLockWatchdog watchdog;
    private H2Ownership h2;

    DatabaseOwnership(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof HikariDataSource dataSource && watchdog == null) {
            Optional<Path> h2File = H2Files.databasePath(dataSource.getJdbcUrl());
            String password = dataSource.getPassword();
            if (h2File.isPresent() && (password == null || password.isEmpty())) {
                try {
                    h2 = new H2Ownership(dataSource, h2File.get());
                    h2.take();
                } catch (IOException | SQLException e) {
                    throw new IllegalStateException("cannot open the database " + h2File.get() + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while opening the database " + h2File.get(), e);
                }
            }
            watchdog = ReaderLockWatchdog.start(dataSource, environment.getProperty("ledger.query.username", ""));
        }
        return bean;
    }

    @Override
    public void destroy() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (h2 != null) {
            h2.tightenFilesH2Created();
        }
    }
}
