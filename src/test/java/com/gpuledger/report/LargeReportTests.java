package com.gpuledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100,000 instances are streamed: one pass hands rows over one at a time to every writer, and no writer keeps them. */
class LargeReportTests {

    static final int INSTANCES = 100_000;

    @TempDir
    Path reportsDir;

    @Test
    void aHundredThousandInstancesAreStreamedNotCollected() throws IOException {
        // given: rows made on demand; at the middle of each pass the first row of that pass must be collectable
        List<Boolean> firstRowReleased = new ArrayList<>();
        RowSource<InstanceCostRow> instances = action -> pass(action, firstRowReleased);

        // when
        Publication publication = new ReportPublisher(reportsDir).publish(ReportFixtures.daily(instances));

        // then: one pass feeds the instances CSV, the workbook and the FOCUS file together
        assertThat(firstRowReleased).containsExactly(true);
        assertThat(publication.files()).filteredOn(file -> file.name().startsWith("instances-") || file.name().startsWith("focus-"))
                .extracting(PublishedFile::rows).containsExactly((long) INSTANCES, (long) INSTANCES);
        long otherRows = ReportFixtures.byRegion().size() + ReportFixtures.byGpuType().size()
                + ReportFixtures.byRegionGpuType().size() + ReportFixtures.findings().size();
        assertThat(publication.files().get(0).rows()).isEqualTo(INSTANCES + otherRows);
    }

    private static void pass(Consumer<? super InstanceCostRow> action, List<Boolean> firstRowReleased) {
        WeakReference<InstanceCostRow> first = null;
        for (int i = 0; i < INSTANCES; i++) {
            InstanceCostRow row = row(i);
            if (i == 0) {
                first = new WeakReference<>(row);
            }
            action.accept(row);
            if (i == INSTANCES / 2) {
                firstRowReleased.add(released(first));
            }
        }
    }

    private static boolean released(WeakReference<InstanceCostRow> reference) {
        for (int attempt = 0; attempt < 20 && reference.get() != null; attempt++) {
            System.gc();
        }
        return reference.get() == null;
    }

    private static InstanceCostRow row(int i) {
        BigDecimal hours = new BigDecimal("24.0000");
        BigDecimal price = new BigDecimal("23.96").add(BigDecimal.valueOf(i % 100, 4));
        return new InstanceCostRow(ReportFixtures.DATE, "inst-" + i, "gpu-node-" + i, i % 2 == 0 ? "US-EAST" : "EU-NORTH",
                "8x-H100", "H100-80G-SXM", 8, "Running", Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i),
                ReportFixtures.PERIOD_START, ReportFixtures.PERIOD_END, new BigDecimal("1000.5"), new BigDecimal("23960.12345678"),
                "DELTA", hours, price.multiply(hours), price, price.multiply(hours), null, 24);
    }
}
