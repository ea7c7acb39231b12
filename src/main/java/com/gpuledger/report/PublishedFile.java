package com.gpuledger.report;

/** A file of a published set, as listed in {@code manifest.json}: its data rows (header excluded) and hex SHA-256. */
public record PublishedFile(String name, long rows, String sha256) {
}
