package io.teatree.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The formats of a bulk payload, by their wire names ({@code csv}, {@code ndjson}, ...) and media types. */
public enum PayloadFormat {
    /** Comma-separated values with a header row. */
    CSV("text/csv"),
    /** One JSON object per line. */
    NDJSON("application/x-ndjson"),
    /** A JSON array of objects. */
    JSON("application/json"),
    /** An Arrow IPC stream. */
    ARROW("application/vnd.apache.arrow.stream"),
    /** A Parquet file. */
    PARQUET("application/vnd.apache.parquet");

    private final String mediaType;

    PayloadFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code Content-Type} (without parameters) a payload of this format is uploaded with. */
    public String mediaType() {
        return mediaType;
    }

    /** The format uploaded as {@code mediaType} (any case, without parameters), if there is one. */
    public static Optional<PayloadFormat> forMediaType(String mediaType) {
        for (PayloadFormat format : values()) {
            if (format.mediaType.equalsIgnoreCase(mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format called {@code name} (any case), or an {@link InvalidFieldException} naming {@code field}. */
    public static PayloadFormat fromWire(String name, String field) {
        InvalidFieldException.require(name, field);
        for (PayloadFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new InvalidFieldException(field, "unknown payload format '" + name + "'; known: csv, ndjson, json, arrow, parquet");
    }

    @JsonCreator
    static PayloadFormat fromJson(String name) {
        return fromWire(name, "payloadRef.format");
    }
}
