package io.teatree.dispatcher.podclass;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of one model's manager: vCPUs, memory and volume size. DuckDB gets about 75% of the memory and
 * one thread per vCPU; the JVM heap gets 15% (at least 256 MiB); the rest is left to the JVM's own
 * overhead (metaspace, threads, Arrow's direct buffers).
 *
 * @param name    {@code small}, {@code medium}, {@code large} or {@code xlarge}
 * @param cpus    vCPUs, at least 1
 * @param memory  memory as a Kubernetes quantity, e.g. {@code 2Gi}
 * @param storage volume size as a Kubernetes quantity, e.g. {@code 10Gi}
 */
public record PodClass(String name, int cpus, String memory, String storage) {

    private static final Pattern QUANTITY = Pattern.compile("^([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$");
    private static final long MIB = 1024L * 1024L;
    private static final long MIN_HEAP_MIB = 256;

    public PodClass {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("pod class name must not be empty");
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("pod class " + name + ": cpus must be at least 1, not " + cpus);
        }
        if (bytes(memory) < 512 * MIB) {
            throw new IllegalArgumentException("pod class " + name + ": memory must be at least 512Mi, not " + memory);
        }
        if (bytes(storage) <= 0) {
            throw new IllegalArgumentException("pod class " + name + ": storage must be positive, not " + storage);
        }
    }

    /** Memory in bytes. */
    public long memoryBytes() {
        return bytes(memory);
    }

    /** DuckDB's {@code memory_limit}: 75% of the memory, e.g. {@code 1536MiB} for 2Gi. */
    public String duckdbMemoryLimit() {
        return (memoryBytes() * 3 / 4 / MIB) + "MiB";
    }

    /** DuckDB's {@code threads}: one per vCPU. */
    public int duckdbThreads() {
        return cpus;
    }

    /** The JVM's maximum heap in MiB: 15% of the memory, at least 256. */
    public long heapMib() {
        return Math.max(MIN_HEAP_MIB, memoryBytes() * 15 / 100 / MIB);
    }

    /** Bytes of a Kubernetes quantity (binary or decimal suffix, integer amount); -1 when malformed. */
    static long bytes(String quantity) {
        if (quantity == null) {
            return -1;
        }
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            return -1;
        }
        long amount = Long.parseLong(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        return amount * switch (suffix) {
            case "Ki" -> 1024L;
            case "Mi" -> MIB;
            case "Gi" -> 1024L * MIB;
            case "Ti" -> 1024L * 1024L * MIB;
            case "k" -> 1000L;
            case "M" -> 1000L * 1000L;
            case "G" -> 1000L * 1000L * 1000L;
            case "T" -> 1000L * 1000L * 1000L * 1000L;
            default -> 1L;
        };
    }
}
