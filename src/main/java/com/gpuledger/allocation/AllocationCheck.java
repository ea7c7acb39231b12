package com.gpuledger.allocation;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.gpuledger.report.CostAllocation;
import com.gpuledger.run.UsageException;

/**
 * {@code allocation check}: the allocation file as it is now against the instances of a stored date, so a change of
 * the rules can be reviewed before a run adopts it. Writes nothing.
 */
@Component
public class AllocationCheck {

    private final AllocationRepository repository;
    private final AllocationFile file;

    AllocationCheck(AllocationRepository repository, AllocationFile file) {
        this.repository = repository;
        this.file = file;
    }

    /** @return the number of instances no rule matches (the command exits 3 when it is not 0) */
    @Transactional(readOnly = true)
    public int check(LocalDate requested, PrintStream out) {
        LocalDate date = requested != null ? requested : repository.latestReportDate()
                .orElseThrow(() -> new UsageException("no report date has costs yet: run first, then check the rules"));
        List<Subject> subjects = repository.subjects(date);
        if (subjects.isEmpty()) {
            throw new UsageException("no costs are stored for " + date + " (see 'report --help' for the dates there are)");
        }
        AllocationRules rules = file.rules();
        out.println("allocation check of " + date + ": " + (file.present() ? file.path() : "no file at " + file.path())
                + " (sha256 " + AllocationLedger.shortHash(file.sha256()) + "), " + rules.rules().size() + " rules, "
                + rules.budgets().size() + " budgets; " + subjects.size() + " instances");

        Map<Integer, Integer> wins = new TreeMap<>();
        Map<Integer, Map<Integer, Integer>> takenFrom = new LinkedHashMap<>();
        List<Subject> unmatched = new ArrayList<>();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"instance_id", "host_name", "rule", "cost_center", "team", "project", "environment"});
        for (Subject subject : subjects) {
            Optional<AllocationRule> winner = rules.firstMatch(subject);
            CostAllocation set = winner.map(AllocationRule::set).orElse(CostAllocation.NONE);
            lines.add(new String[] {subject.instanceId(), subject.hostName(),
                    winner.map(rule -> String.valueOf(rule.number())).orElse("-"), set.costCenter(), set.team(), set.project(),
                    set.environment()});
            winner.ifPresentOrElse(rule -> wins.merge(rule.number(), 1, Integer::sum), () -> unmatched.add(subject));
            for (AllocationRule rule : rules.rules()) {
                if (winner.isPresent() && rule.number() > winner.get().number() && rule.match().matches(subject)) {
                    takenFrom.computeIfAbsent(rule.number(), n -> new TreeMap<>()).merge(winner.get().number(), 1, Integer::sum);
                }
            }
        }
        out.println();
        table(lines, out);

        out.println();
        out.println("rules (first match wins):");
        for (AllocationRule rule : rules.rules()) {
            out.println("  " + rule.label() + ": " + wins.getOrDefault(rule.number(), 0) + " instances");
        }
        out.println();
        out.println("unmatched (" + unmatched.size() + "):" + (unmatched.isEmpty() ? " none" : ""));
        for (Subject subject : unmatched) {
            out.println("  " + subject.instanceId() + "  host_name " + shown(subject.hostName()) + ", region " + shown(subject.region())
                    + ", gpu_type " + shown(subject.gpuType()) + ", instance_type " + shown(subject.instanceType()));
        }
        List<AllocationRule> nothing = rules.rules().stream()
                .filter(rule -> !wins.containsKey(rule.number()) && !takenFrom.containsKey(rule.number())).toList();
        out.println();
        out.println("rules that match nothing on " + date + " (" + nothing.size() + "):" + (nothing.isEmpty() ? " none" : ""));
        nothing.forEach(rule -> out.println("  " + rule.label()));
        List<AllocationRule> shadowed = rules.rules().stream()
                .filter(rule -> !wins.containsKey(rule.number()) && takenFrom.containsKey(rule.number())).toList();
        out.println();
        out.println("rules shadowed by an earlier one (" + shadowed.size() + "):" + (shadowed.isEmpty() ? " none" : ""));
        for (AllocationRule rule : shadowed) {
            List<String> by = new ArrayList<>();
            takenFrom.get(rule.number()).forEach((number, count) -> by.add(rules.rules().get(number - 1).label() + ": " + count));
            out.println("  " + rule.label() + " matches only instances an earlier rule takes (" + String.join(", ", by) + ")");
        }
        out.println();
        out.println(unmatched.isEmpty() ? "every instance of " + date + " is allocated"
                : unmatched.size() + " of " + subjects.size() + " instances of " + date + " are unallocated (exit 3)");
        return unmatched.size();
    }

    private static void table(List<String[]> lines, PrintStream out) {
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], shown(line[i]).length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String cell = shown(line[i]);
                text.append(i == 0 ? "" : "  ").append(i == line.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length()));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** A provider's text on a terminal: control characters shown as '?', nothing shown as '-'. */
    private static String shown(String value) {
        return value == null ? "-" : value.replaceAll("\\p{Cntrl}", "?");
    }
}
