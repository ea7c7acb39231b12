package com.gpuledger.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.gpuledger.report.CostAllocation;

/** Every kind of bad file is refused naming the file and the line; a good one keeps its exact values. */
class AllocationFileParserTests {

    private static final String FILE = "/etc/ledger/allocation.yaml";

    @Test
    void aCompleteFileIsReadWithItsExactValues() {
        // given
        String yaml = """
                rules:
                  - name: training
                    match:
                      host_name: [train-*, LLAMA-*]
                      region: US-EAST
                    set: {cost_center: research, team: ml, project: llm, environment: production}
                  - match: {}
                    set:
                      cost_center: shared
                budgets:
                  - cost_center: research
                    monthly_usd: 12345.67890123
                    warn_at: 0.75
                    from: 2026-11
                  - team: ml
                    monthly_usd: "500"
                  - account: true
                    monthly_usd: 1e5
                """;

        // when
        AllocationRules rules = AllocationFileParser.parse(FILE, yaml);

        // then
        assertThat(rules.rules()).hasSize(2);
        AllocationRule first = rules.rules().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.label()).isEqualTo("rule 1 'training' (line 2)");
        assertThat(first.match().hostNames()).containsExactly("train-*", "LLAMA-*");
        assertThat(first.set()).isEqualTo(new CostAllocation("research", "ml", "llm", "production"));
        assertThat(rules.rules().get(1).set()).isEqualTo(new CostAllocation("shared", null, null, null));
        assertThat(rules.rules().get(1).line()).isEqualTo(7);
        Budget research = rules.budgets().get(0);
        assertThat(research.monthlyUsd()).isEqualByComparingTo("12345.67890123");
        assertThat(research.monthlyUsd().scale()).isEqualTo(8);
        assertThat(research.warnAt()).isEqualByComparingTo("0.75");
        assertThat(research.from()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(rules.budgets().get(1).warnAt()).isEqualByComparingTo("0.8");
        assertThat(rules.budgets().get(1).label()).isEqualTo("team ml");
        assertThat(rules.budgets().get(2).scope()).isEqualTo(Budget.Scope.ACCOUNT);
        assertThat(rules.budgets().get(2).monthlyUsd()).isEqualByComparingTo(new BigDecimal("100000"));
    }

    @Test
    void anEmptyFileHasNoRules() {
        assertThat(AllocationFileParser.parse(FILE, "").rules()).isEmpty();
        assertThat(AllocationFileParser.parse(FILE, "# nothing yet\n").budgets()).isEmpty();
    }

    @Test
    void aFileOfAliasesThatWouldExplodeIsRefused() {
        // "billion laughs": each level refers to the one before ten times
        StringBuilder yaml = new StringBuilder("a0: &a0 [x]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ",").repeat(9))
                    .append("*a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> AllocationFileParser.parse(FILE, yaml.toString()))
                .isInstanceOf(AllocationFileException.class).hasMessageStartingWith("allocation file " + FILE);
    }

    @Test
    void anAliasCannotSmuggleAnUnknownKey() {
        String yaml = """
                defaults: &d {cost_center: x}
                rules: []
                """;
        assertThatThrownBy(() -> AllocationFileParser.parse(FILE, yaml))
                .isInstanceOf(AllocationFileException.class).hasMessage("allocation file " + FILE
                        + ", line 1: unknown key 'defaults' in the file (known: budgets, rules)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            YAML error                  | rules:\\n  - match: {host_name: [a\\n    set: x                             | 3 | not valid YAML
            tab indentation             | rules:\\n\\t- match: {}                                                 | 2 | not valid YAML
            two documents               | rules: []\\n---\\nrules: []                                             | 2 | another document
            unknown root key            | rules: []\\nbudget:\\n  - team: a                                       | 2 | unknown key 'budget' in the file
            unknown match key           | rules:\\n  - match:\\n      hostname: a-*\\n    set: {cost_center: x}     | 3 | unknown key 'hostname' in match
            unknown set key             | rules:\\n  - match: {}\\n    set: {cost_centre: x}                        | 3 | unknown key 'cost_centre' in set
            repeated key                | rules:\\n  - match: {region: A, region: B}\\n    set: {cost_center: x}    | 2 | key 'region' is given twice
            regex that does not compile | rules:\\n  - match:\\n      host_name_regex: 'gpu-(a'\\n    set: {cost_center: x} | 3 | does not compile
            regex with a backreference  | rules:\\n  - match:\\n      host_name_regex: '(a+)\\1'\\n    set: {cost_center: x} | 3 | no backreferences
            regex with a lookahead      | rules:\\n  - match:\\n      host_name_regex: 'gpu-(?!test)'\\n    set: {cost_center: x} | 3 | no lookaround
            rule that sets nothing      | rules:\\n  - match: {region: A}\\n    set: {}                              | 3 | sets nothing
            rule without set            | rules:\\n  - match: {region: A}                                          | 2 | has no 'set:'
            rule without match          | rules:\\n  - set: {cost_center: x}                                       | 2 | has no 'match:'
            rule without cost center    | rules:\\n  - match: {}\\n    set: {team: ml}                              | 3 | sets no cost_center
            empty value                 | rules:\\n  - match: {}\\n    set: {cost_center: }                         | 3 | cost_center has no value
            reserved cost center        | rules:\\n  - match: {}\\n    set: {cost_center: Unallocated}              | 3 | is reserved
            glob with a question mark   | rules:\\n  - match: {host_name: 'gpu-?'}\\n    set: {cost_center: x}        | 2 | knows only '*'
            rules not a list            | rules:\\n  match: {}                                                     | 2 | rules must be a list
            budget without amount       | budgets:\\n  - team: ml                                                  | 2 | has no monthly_usd
            budget with two scopes      | budgets:\\n  - team: ml\\n    cost_center: r\\n    monthly_usd: 5          | 2 | exactly one of
            budget amount not a number  | budgets:\\n  - team: ml\\n    monthly_usd: 1,000                         | 3 | plain decimal number
            budget amount zero          | budgets:\\n  - team: ml\\n    monthly_usd: 0                             | 3 | must be above 0
            warn_at above 1             | budgets:\\n  - team: ml\\n    monthly_usd: 5\\n    warn_at: 80            | 4 | warn_at is a share
            from not a month            | budgets:\\n  - team: ml\\n    monthly_usd: 5\\n    from: November       | 4 | from is a month
            account not true            | budgets:\\n  - account: yes\\n    monthly_usd: 5                         | 2 | account: must be true
            a second budget             | budgets:\\n  - team: ml\\n    monthly_usd: 5\\n  - team: ml\\n    monthly_usd: 6 | 4 | a second budget for team ml
            """)
    void aBadFileNamesItsLine(String what, String yaml, int line, String problem) {
        assertThatThrownBy(() -> AllocationFileParser.parse(FILE, yaml.replace("\\n", "\n").replace("\\t", "\t")))
                .as(what)
                .isInstanceOf(AllocationFileException.class)
                .hasMessageStartingWith("allocation file " + FILE + ", line " + line + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
