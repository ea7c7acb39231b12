package com.gpuledger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import com.gpuledger.cli.LedgerCommandLine;

@SpringBootApplication
@EnableConfigurationProperties(LedgerProperties.class)
public class GpuLedgerApplication {

    public static void main(String[] args) {
        System.exit(LedgerCommandLine.execute(args, System.getenv()));
    }
}
