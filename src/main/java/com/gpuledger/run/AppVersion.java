package com.gpuledger.run;

/** The version written into {@code ledger_run} and the report manifests. */
public final class AppVersion {

    private AppVersion() {
    }

    public static String current() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
