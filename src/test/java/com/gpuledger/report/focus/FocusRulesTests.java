package com.gpuledger.report.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rule of both tables passes on a file the writer made and catches a violation planted in it. */
class FocusRulesTests {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(FocusVersion.class)
    void aWrittenFileKeepsEveryRuleAndEachPlantedViolationIsCaughtByItsRule(FocusVersion version) throws IOException {
        // given: a valid file of the version, two rows split at the month's end, a second row of one SKU price and a CPU-only row
        FocusTable valid = FocusTable.read(FocusFixtures.write(folder, FocusFixtures.day(FocusFixtures.rows(), version)));
        List<FocusRule> rules = FocusRules.of(version);
        assertThat(FocusValidator.versionOf(valid)).isEqualTo(version);
        assertThat(valid.rows()).hasSize(5);
        assertThat(FocusValidator.validate(valid, rules)).isEmpty();

        // then: each planted violation is reported by the rule it breaks
        for (FocusRule rule : rules) {
            FocusTable planted = rule.plant().apply(valid);
            assertThat(FocusValidator.validate(planted, rules)).as("planted for %s", rule.id())
                    .extracting(FocusValidator.Violation::rule).contains(rule.id());
        }
    }

    @ParameterizedTest
    @EnumSource(FocusVersion.class)
    void ruleIdsAreUniqueAndEveryRuleNamesItsSource(FocusVersion version) {
        List<FocusRule> rules = FocusRules.of(version);
        assertThat(rules.stream().map(FocusRule::id).distinct().count()).isEqualTo(rules.size());
        assertThat(rules).allSatisfy(rule -> assertThat(Stream.of(rule.source(), rule.requirement())).allMatch(s -> !s.isBlank()));
        assertThat(rules.stream().filter(rule -> rule.requirement().contains("MUST")).count()).isEqualTo(rules.size());
    }

    @org.junit.jupiter.api.Test
    void theVersionsDifferWhereTheSpecificationsDo() {
        List<String> v12 = FocusRules.V1_2.stream().map(FocusRule::id).toList();
        List<String> v13 = FocusRules.V1_3.stream().map(FocusRule::id).toList();
        assertThat(v13).contains("ServiceProviderName.present", "HostProviderName.present", "ServiceProviderName.notNull",
                "ListUnitPrice.notNullWithSkuPriceId", "PricingQuantity.nullWithoutSkuPriceId").containsAll(v12);
        assertThat(v12).doesNotContain("ServiceProviderName.present", "HostProviderName.present");
    }
}
