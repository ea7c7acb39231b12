package com.gpuledger.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A published set: its folder, its files (for a date: those the manifest lists; the manifest itself is not among them),
 * and what recovery and clean-up did or could not do on the way (for the run's log; empty when nothing happened).
 */
public record Publication(Path directory, List<PublishedFile> files, List<String> notes) {
}
