package com.gpuledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportPublisherTests {

    static final List<String> DAY_FILES = List.of("gpu-cost-2026-11-24.xlsx", "cost-by-region-2026-11-24.csv",
            "cost-by-gpu-type-2026-11-24.csv", "cost-by-region-gpu-type-2026-11-24.csv", "instances-2026-11-24.csv",
            "findings-2026-11-24.csv", "focus-2026-11-24.csv");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T06:30:00.250Z"), ZoneOffset.UTC);

    @TempDir
    Path reportsDir;

    @Test
    void theManifestListsEveryOtherFileWithItsRowsAndHash() throws IOException {
        // when
        Publication publication = new ReportPublisher(reportsDir, CLOCK, ReportStorage.local()).publish(ReportFixtures.daily());

        // then
        Path day = reportsDir.resolve("2026-11-24");
        assertThat(publication.directory()).isEqualTo(day);
        assertThat(names(day)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(DAY_FILES.stream(), Stream.of("manifest.json")).toList());
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(day.resolve("manifest.json")));
        assertThat(manifest.get("report_date").asString()).isEqualTo("2026-11-24");
        assertThat(manifest.get("run_id").asLong()).isEqualTo(42L);
        assertThat(manifest.get("generated_at").asString()).isEqualTo("2026-11-25T06:30:00Z");
        assertThat(manifest.get("business_time_zone").asString()).isEqualTo("America/New_York");
        assertThat(manifest.get("period").get("start").asString()).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(manifest.get("period").get("end").asString()).isEqualTo("2026-11-25T05:00:00Z");
        assertThat(manifest.get("app_version").asString()).isEqualTo("0.1.0-test");
        // amounts are strings in the CSV format, never JSON numbers
        assertThat(manifest.get("totals").get("cost_usd").isString()).isTrue();
        assertThat(manifest.get("totals").get("cost_usd").asString()).isEqualTo("1575.16345679");
        assertThat(manifest.get("totals").get("month_to_date_usd").asString()).isEqualTo("14013.7500");

        JsonNode files = manifest.get("files");
        assertThat(files.valueStream().map(file -> file.get("name").asString())).containsExactlyElementsOf(DAY_FILES);
        for (JsonNode file : files) {
            Path path = day.resolve(file.get("name").asString());
            assertThat(file.get("sha256").asString()).as(path.toString()).isEqualTo(sha256(path));
            long rows = path.toString().endsWith(".csv") ? ReportFixtures.readCsv(path).size() - 1 : workbookRows(path);
            assertThat(file.get("rows").asLong()).as(path.toString()).isEqualTo(rows);
        }
        assertThat(files.get(4).get("rows").asLong()).isEqualTo(6);
        assertThat(files.get(6).get("rows").asLong()).isEqualTo(4);
        assertThat(publication.files()).extracting(PublishedFile::name).containsExactlyElementsOf(DAY_FILES);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anEmptyDayStillWritesEveryFileWithHeadersAndZeroTotals() throws IOException {
        // when
        new ReportPublisher(reportsDir).publish(ReportFixtures.emptyDay());

        // then
        Path day = reportsDir.resolve("2026-11-24");
        assertThat(names(day)).hasSize(8);
        for (String name : DAY_FILES) {
            if (name.endsWith(".csv")) {
                assertThat(ReportFixtures.readCsv(day.resolve(name))).as(name).hasSize(1);
            }
        }
        assertThat(Files.readString(day.resolve("focus-2026-11-24.csv"))).startsWith("BilledCost,EffectiveCost,ListCost,");
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(day.resolve("manifest.json")));
        assertThat(manifest.get("totals").get("cost_usd").asString()).isEqualTo("0.0000");
        assertThat(manifest.get("files").valueStream().filter(file -> !file.get("name").asString().endsWith(".xlsx")))
                .allSatisfy(file -> assertThat(file.get("rows").asLong()).isZero());
        try (XSSFWorkbook workbook = ReportFixtures.readWorkbook(day.resolve("gpu-cost-2026-11-24.xlsx"))) {
            for (String sheet : List.of("By Region", "By GPU Type", "Region x GPU Type", "Instances")) {
                var totals = workbook.getSheet(sheet).getRow(1);
                assertThat(totals.getCell(0).getStringCellValue()).as(sheet).isEqualTo("Total");
                assertThat(totals.getLastCellNum()).as(sheet).isGreaterThan((short) 1);
                totals.forEach(cell -> {
                    if (cell.getColumnIndex() > 0) {
                        assertThat(cell.getNumericCellValue()).as(sheet).isZero();
                    }
                });
            }
            assertThat(workbook.getSheet("Findings").getLastRowNum()).isZero();
        }
    }

    @Test
    void writingTheSameInputTwiceGivesIdenticalFiles(@TempDir Path other) throws IOException {
        // given
        Clock later = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

        // when
        new ReportPublisher(reportsDir, CLOCK, ReportStorage.local()).publish(ReportFixtures.daily());
        new ReportPublisher(other, later, ReportStorage.local()).publish(ReportFixtures.daily());

        // then: CSVs byte for byte, and the workbook too (no creation date is recorded and POI zips without timestamps)
        for (String name : DAY_FILES) {
            assertThat(Files.readAllBytes(other.resolve("2026-11-24").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(reportsDir.resolve("2026-11-24").resolve(name)));
        }
        String first = Files.readString(reportsDir.resolve("2026-11-24/manifest.json"));
        String second = Files.readString(other.resolve("2026-11-24/manifest.json"));
        assertThat(second).isNotEqualTo(first)
                .isEqualTo(first.replace("2026-11-25T06:30:00Z", "2026-11-26T09:00:00Z"));
    }

    @Test
    void republishingReplacesTheSetAndLeavesNothingBehind() throws IOException {
        // given
        ReportPublisher publisher = new ReportPublisher(reportsDir);
        publisher.publish(ReportFixtures.daily());

        // when
        Publication again = publisher.publish(ReportFixtures.emptyDay());

        // then
        assertThat(Files.readString(reportsDir.resolve("2026-11-24/manifest.json"))).contains("\"run_id\" : 43");
        assertThat(again.notes()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFullDiskWhileWritingLeavesThePreviousSetIntact() throws IOException {
        for (String failing : List.of("gpu-cost-2026-11-24.xlsx", "instances-2026-11-24.csv", "focus-2026-11-24.csv", "manifest.json")) {
            // given
            new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
            Map<String, String> before = hashes(reportsDir.resolve("2026-11-24"));
            FailingStorage storage = new FailingStorage().diskFullIn(file -> file.getFileName().toString().equals(failing), 100);

            // when / then
            assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, storage).publish(ReportFixtures.emptyDay()))
                    .as(failing)
                    .isInstanceOf(ReportWriteException.class)
                    .hasMessageContaining(FailingStorage.DISK_FULL)
                    .hasMessageContaining(failing)
                    .hasMessageContaining(reportsDir.resolve("2026-11-24").toString())
                    .hasRootCauseMessage(FailingStorage.DISK_FULL);
            assertThat(hashes(reportsDir.resolve("2026-11-24"))).as(failing).isEqualTo(before);
            assertThat(leftovers()).as(failing).isEmpty();
        }
    }

    @Test
    void aFailingRowSourcePropagatesAndLeavesThePreviousSetIntact() throws IOException {
        // given
        new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
        Map<String, String> before = hashes(reportsDir.resolve("2026-11-24"));
        RowSource<InstanceCostRow> brokenDatabase = action -> {
            action.accept(ReportFixtures.instances().get(0));
            throw new IllegalStateException("connection reset");
        };

        // when / then
        assertThatThrownBy(() -> new ReportPublisher(reportsDir).publish(ReportFixtures.daily(brokenDatabase)))
                .isInstanceOf(IllegalStateException.class).hasMessage("connection reset");
        assertThat(hashes(reportsDir.resolve("2026-11-24"))).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedSwapPutsThePreviousSetBack() throws IOException {
        // given
        new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
        Map<String, String> before = hashes(reportsDir.resolve("2026-11-24"));
        // the first rename (the old set aside) works, the second (the new set in) fails
        FailingStorage storage = new FailingStorage().renameFailsAfter(1, false);

        // when / then
        assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, storage).publish(ReportFixtures.emptyDay()))
                .isInstanceOf(ReportWriteException.class).hasMessageContaining("Input/output error")
                .hasMessageContaining(reportsDir.resolve("2026-11-24").toString());
        assertThat(hashes(reportsDir.resolve("2026-11-24"))).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aCrashBetweenTheRenamesIsRecoveredByTheNextPublication() throws IOException {
        // given: the process dies after moving the old set aside, before moving the new one in
        new ReportPublisher(reportsDir).publish(ReportFixtures.daily());
        Map<String, String> previous = hashes(reportsDir.resolve("2026-11-24"));
        FailingStorage crashing = new FailingStorage().renameFailsAfter(1, true);
        assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, crashing).publish(ReportFixtures.emptyDay()))
                .isInstanceOf(FailingStorage.SimulatedCrash.class);
        assertThat(reportsDir.resolve("2026-11-24")).doesNotExist();
        assertThat(leftovers()).hasSize(2).anyMatch(name -> name.startsWith(".2026-11-24.old-"))
                .anyMatch(name -> name.startsWith(".2026-11-24.tmp-"));

        // when: the next publication fails too (disk full), after recovering
        FailingStorage full = new FailingStorage().diskFullIn(file -> file.toString().endsWith(".csv"), 10);
        assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, full).publish(ReportFixtures.emptyDay()))
                .isInstanceOf(ReportWriteException.class);

        // then: the previous set is back, whole, and nothing is left over
        assertThat(hashes(reportsDir.resolve("2026-11-24"))).isEqualTo(previous);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void recoveryRestoresACompleteOldSetAndDiscardsTheRest() throws IOException {
        // given: <D> missing, a complete .D.old-*, an incomplete .D.old-* and a .D.tmp-*
        ReportPublisher publisher = new ReportPublisher(reportsDir);
        publisher.publish(ReportFixtures.daily());
        Map<String, String> previous = hashes(reportsDir.resolve("2026-11-24"));
        Files.move(reportsDir.resolve("2026-11-24"), reportsDir.resolve(".2026-11-24.old-1a2b3c4d"));
        Path incomplete = Files.createDirectory(reportsDir.resolve(".2026-11-24.old-00000000"));
        Files.writeString(incomplete.resolve("manifest.json"), "{\"files\":[{\"name\":\"x.csv\",\"rows\":1,\"sha256\":\"00\"}]}");
        Files.writeString(incomplete.resolve("x.csv"), "a\r\nb\r\n");
        Path temporary = Files.createDirectory(reportsDir.resolve(".2026-11-24.tmp-deadbeef"));
        Files.writeString(temporary.resolve("instances-2026-11-24.csv"), "half");
        // another date's leftovers are not touched
        Path otherDate = Files.createDirectory(reportsDir.resolve(".2026-11-23.tmp-0badf00d"));

        // when
        List<String> notes = publisher.recover("2026-11-24", folder -> Files.exists(folder.resolve("manifest.json"))
                && !folder.getFileName().toString().endsWith("00000000"));

        // then
        assertThat(hashes(reportsDir.resolve("2026-11-24"))).isEqualTo(previous);
        assertThat(names(reportsDir)).containsExactlyInAnyOrder("2026-11-24", ".2026-11-23.tmp-0badf00d");
        assertThat(otherDate).exists();
        assertThat(notes).hasSize(3).first().asString().startsWith("restored ");
    }

    @Test
    void onlyAnOldSetWhoseFilesMatchItsManifestIsRestored() throws IOException {
        // given: the only old set has a file that does not match its manifest
        ReportPublisher publisher = new ReportPublisher(reportsDir);
        publisher.publish(ReportFixtures.daily());
        Path old = reportsDir.resolve(".2026-11-24.old-1a2b3c4d");
        Files.move(reportsDir.resolve("2026-11-24"), old);
        Files.writeString(old.resolve("findings-2026-11-24.csv"), "tampered", StandardCharsets.UTF_8);

        // when
        Publication publication = publisher.publish(ReportFixtures.emptyDay());

        // then: not restored (deleted as a leftover), the new set is published
        assertThat(publication.notes()).singleElement().asString().startsWith("deleted ");
        assertThat(names(reportsDir)).containsExactly("2026-11-24");
        assertThat(Files.readString(reportsDir.resolve("2026-11-24/manifest.json"))).contains("\"run_id\" : 43");
    }

    @Test
    void aReportsDirectoryBelowARegularFileFailsNamingThePath() throws IOException {
        // given
        Path file = Files.writeString(reportsDir.resolve("not-a-directory"), "x");
        Path below = file.resolve("reports");

        // when / then
        assertThatThrownBy(() -> new ReportPublisher(below).publish(ReportFixtures.daily()))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageContaining(below.toString());
        assertThatThrownBy(() -> new ReportPublisher(below).publish(ReportFixtures.month()))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageContaining(below.toString());
    }

    @Test
    void theMonthFolderIsSwappedTheSameWay() throws IOException {
        // given
        new ReportPublisher(reportsDir).publish(ReportFixtures.month());
        Map<String, String> before = hashes(reportsDir.resolve("2026-11"));
        FailingStorage full = new FailingStorage().diskFullIn(path -> true, 1000);

        // when / then
        assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, full).publish(ReportFixtures.month()))
                .isInstanceOf(ReportWriteException.class).hasMessageContaining(FailingStorage.DISK_FULL)
                .hasMessageContaining("gpu-cost-2026-11.xlsx");
        assertThat(hashes(reportsDir.resolve("2026-11"))).isEqualTo(before);
        assertThat(leftovers()).isEmpty();

        // and a crash between the renames is repaired by the next month publication
        assertThatThrownBy(() -> new ReportPublisher(reportsDir, CLOCK, new FailingStorage().renameFailsAfter(1, true))
                .publish(ReportFixtures.month())).isInstanceOf(FailingStorage.SimulatedCrash.class);
        assertThat(reportsDir.resolve("2026-11")).doesNotExist();
        Publication recovered = new ReportPublisher(reportsDir).publish(ReportFixtures.month());
        assertThat(recovered.notes()).hasSize(2).first().asString().startsWith("restored ");
        assertThat(hashes(reportsDir.resolve("2026-11"))).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    private List<String> leftovers() throws IOException {
        return names(reportsDir).stream().filter(name -> name.startsWith(".")).toList();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file of a folder by name, with its hash (the manifest included, its generated_at too). */
    private static Map<String, String> hashes(Path directory) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String name : names(directory)) {
            hashes.put(name, sha256(directory.resolve(name)));
        }
        return hashes;
    }

    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(ReportFolder.sha256().digest(Files.readAllBytes(file)));
    }

    private static long workbookRows(Path file) throws IOException {
        try (XSSFWorkbook workbook = ReportFixtures.readWorkbook(file)) {
            long rows = 0;
            for (String sheet : List.of("By Region", "By GPU Type", "Region x GPU Type", "Instances")) {
                rows += workbook.getSheet(sheet).getLastRowNum() - 1;
            }
            return rows + workbook.getSheet("Findings").getLastRowNum();
        }
    }

}
