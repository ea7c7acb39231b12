package com.gpuledger.snapshot;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the date's pending work list into contiguous ranges of instance ids, one per worker. The first range is
 * open below and the last open above, so the ranges cover every id: a restart reuses them and still finds everything
 * left to fetch.
 */
class PendingTargetPartitioner implements Partitioner {

    static final String FROM_ID = "fromId";
    static final String TO_ID = "toId";

    private final SnapshotRepository snapshots;
    private final LocalDate reportDate;

    PendingTargetPartitioner(SnapshotRepository snapshots, LocalDate reportDate) {
        this.snapshots = snapshots;
        this.reportDate = reportDate;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> ids = snapshots.pendingIds(reportDate);
        int partitions = Math.max(1, Math.min(gridSize, ids.size()));
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            ExecutionContext context = new ExecutionContext();
            if (i > 0) {
                context.putString(FROM_ID, ids.get(ids.size() * i / partitions));
            }
            if (i < partitions - 1) {
                context.putString(TO_ID, ids.get(ids.size() * (i + 1) / partitions));
            }
            contexts.put("partition" + i, context);
        }
        return contexts;
    }
}
