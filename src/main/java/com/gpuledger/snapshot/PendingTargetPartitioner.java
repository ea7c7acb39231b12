package com.gpuledger.snapshot;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits what the date's work list still has pending into contiguous ranges of instance ids, one per worker. The
 * first range is open below and the last open above, so the ranges cover every id.
 * <p>
 * Each call makes partitions of its own, named after the fetch step's execution and the pass: Batch never restarts
 * a worker of an earlier execution with that worker's old range and state. The database's work list is the only
 * state a restart goes on from; a killed run's partitions are simply forgotten.
 */
class PendingTargetPartitioner implements Partitioner {

    static final String FROM_ID = "fromId";
    static final String TO_ID = "toId";

    private final SnapshotRepository snapshots;
    private final LocalDate reportDate;
    private final long stepExecutionId;
    private int pass;

    PendingTargetPartitioner(SnapshotRepository snapshots, LocalDate reportDate, long stepExecutionId) {
        this.snapshots = snapshots;
        this.reportDate = reportDate;
        this.stepExecutionId = stepExecutionId;
    }

    @Override
    public synchronized Map<String, ExecutionContext> partition(int gridSize) {
        pass++;
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
            contexts.put("e" + stepExecutionId + "-pass" + pass + "-worker" + i, context);
        }
        return contexts;
    }
}
