package com.gpuledger;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GpuLedgerApplication {
    public static void main(String[] args) {
    }
}
