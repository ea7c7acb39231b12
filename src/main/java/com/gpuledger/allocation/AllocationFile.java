package com.gpuledger.allocation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The allocation file as read when the command started ({@code LEDGER_ALLOCATION_FILE}): its exact text, the text's
 * SHA-256 and the rules parsed from it. An absent file is an empty text: no rules, every instance unallocated. The
 * command line reads it before it starts anything, so a bad file costs one line and exit 64, not a migration.
 */
public record AllocationFile(Path path, boolean present, String content, String sha256, AllocationRules rules) {

    /** The variable naming the file; the default is {@value #DEFAULT_NAME} under {@code LEDGER_HOME}. */
    public static final String VARIABLE = "LEDGER_ALLOCATION_FILE";

    public static final String DEFAULT_NAME = "allocation.yaml";

    /** @throws AllocationFileException for a file that cannot be read or is not a valid allocation file */
    public static AllocationFile load(Path path) {
        if (!Files.exists(path)) {
            return new AllocationFile(path, false, "", sha256(""), AllocationRules.NONE);
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new AllocationFileException(path.toString(), 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new AllocationFileException(path.toString(), 0, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        return new AllocationFile(path, true, content, sha256(content), AllocationFileParser.parse(path.toString(), content));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
