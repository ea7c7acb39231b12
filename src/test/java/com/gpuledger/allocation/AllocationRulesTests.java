package com.gpuledger.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Matching: globs and regexes, order, case, and fields the provider did not give. */
class AllocationRulesTests {

    private static final AllocationRules RULES = AllocationFileParser.parse("test.yaml", """
            rules:
              - match: {instance_id: [i-42, I-43]}
                set: {cost_center: pinned}
              - match: {host_name: 'TRAIN-*-gpu'}
                set: {cost_center: training}
              - match: {host_name_regex: 'eval-[0-9]+'}
                set: {cost_center: evaluation}
              - match: {region: us-east, gpu_type: [h100-80g-sxm, a100-80g]}
                set: {cost_center: big-east}
              - match: {host_name: '*'}
                set: {cost_center: named}
              - match: {instance_type: CPU.small}
                set: {cost_center: cpu}
            """);

    @Test
    void theFirstMatchingRuleWinsEvenWhenALaterOneMatchesToo() {
        assertThat(winner(new Subject("i-42", "train-7-gpu", "US-EAST", "H100-80G-SXM", null, null))).contains(1);
        assertThat(winner(new Subject("i-1", "train-7-gpu", "US-EAST", "H100-80G-SXM", null, null))).contains(2);
        assertThat(winner(new Subject("i-1", "web", "US-EAST", "H100-80G-SXM", null, null))).contains(4);
        assertThat(winner(new Subject("i-1", "web", "EU-NORTH", "H100-80G-SXM", null, null))).contains(5);
    }

    @Test
    void globsIgnoreCaseAndSpanTheWholeName() {
        assertThat(winner(new Subject("i-1", "Train-A-B-GPU", null, null, null, null))).contains(2);
        assertThat(winner(new Subject("i-1", "xtrain-a-gpu", null, null, null, null))).contains(5);
        assertThat(winner(new Subject("i-1", "train-a-gpu2", null, null, null, null))).contains(5);
    }

    @Test
    void regexesAreCaseSensitiveAndAnchored() {
        assertThat(winner(new Subject("i-1", "eval-12", null, null, null, null))).contains(3);
        assertThat(winner(new Subject("i-1", "EVAL-12", null, null, null, null))).contains(5);
        assertThat(winner(new Subject("i-1", "pre-eval-12", null, null, null, null))).contains(5);
        assertThat(winner(new Subject("i-1", "eval-12b", null, null, null, null))).contains(5);
    }

    @Test
    void instanceIdsAreExactAndRegionsGpuTypesAndInstanceTypesIgnoreCase() {
        assertThat(winner(new Subject("I-42", null, null, null, null, null))).isEmpty();
        assertThat(winner(new Subject("I-43", null, null, null, null, null))).contains(1);
        assertThat(winner(new Subject("i-1", null, "us-EAST", "A100-80g", null, null))).contains(4);
        assertThat(winner(new Subject("i-1", null, null, null, "cpu.SMALL", null))).contains(6);
    }

    @Test
    void aFieldTheProviderDidNotGiveNeverMatches() {
        // every key of rule 4 must match: no region, no match, even with a matching GPU type
        assertThat(winner(new Subject("i-1", null, null, "H100-80G-SXM", null, null))).isEmpty();
        // no host name matches no glob, not even '*', and no regex
        assertThat(winner(new Subject("i-1", null, "EU-NORTH", "L40S", null, null))).isEmpty();
        assertThat(winner(new Subject("i-1", "", "EU-NORTH", "L40S", null, null))).contains(5);
    }

    @Test
    void anEmptyMatchTakesEveryInstance() {
        AllocationRules catchAll = AllocationFileParser.parse("test.yaml", """
                rules:
                  - match: {}
                    set: {cost_center: shared}
                """);
        assertThat(catchAll.firstMatch(new Subject("i-1", null, null, null, null, null))).isPresent();
    }

    @Test
    void aRegexThatWouldBacktrackForHoursMatchesInLinearTime() {
        // given: nested quantifiers, and host names that almost match (a backtracking engine tries ~C(41, 20) ways each)
        AllocationRules pathological = AllocationFileParser.parse("test.yaml", """
                rules:
                  - match: {host_name_regex: '(.*a){20}'}
                    set: {cost_center: a-lot}
                """);
        String almost = "a".repeat(41) + "b";

        // when: a night's worth of such names
        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            assertThat(pathological.firstMatch(new Subject("i-" + i, almost, null, null, null, null))).isEmpty();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: milliseconds, and the same answers as any regex engine
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(pathological.firstMatch(new Subject("i-1", "a".repeat(42), null, null, null, null))).isPresent();
    }

    @Test
    void caseInsensitivityIsWrittenInTheRegex() {
        AllocationRules rules = AllocationFileParser.parse("test.yaml", """
                rules:
                  - match: {host_name_regex: '(?i)eval-[0-9]+'}
                    set: {cost_center: evaluation}
                """);

        assertThat(rules.firstMatch(new Subject("i-1", "EVAL-12", null, null, null, null))).isPresent();
    }

    private static Optional<Integer> winner(Subject subject) {
        return RULES.firstMatch(subject).map(AllocationRule::number);
    }
}
