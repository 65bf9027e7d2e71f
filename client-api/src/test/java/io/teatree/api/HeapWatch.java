package io.teatree.api;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures how much the heap grows while something runs: the heap left after each collection the JVM runs
 * meanwhile (an upper bound of the live heap: a young collection leaves old garbage in place) is compared
 * with the live heap before. A body held whole in memory would survive those collections and show up as
 * growth of the part of it received so far. Forcing full collections often would stall a loaded two-core
 * machine, so callers force one at a chosen moment.
 */
final class HeapWatch implements AutoCloseable {

    private final List<Runnable> unregister = new ArrayList<>();
    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    HeapWatch() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        System.gc();
        this.baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                if (info.getGcAction().contains("concurrent")) {
                    // pauses of a concurrent cycle collect nothing; their numbers include the whole eden
                    return;
                }
                long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                peak.accumulateAndGet(after, Math::max);
                collections.incrementAndGet();
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            emitter.addNotificationListener(listener, null, null);
            unregister.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
    }

    /** The largest heap after a collection, above the starting live heap, in bytes. */
    long growth() {
        return Math.max(0, peak.get() - baseline);
    }

    /** How many collections were observed. */
    long collections() {
        return collections.get();
    }

    @Override
    public void close() {
        unregister.forEach(Runnable::run);
    }
}
