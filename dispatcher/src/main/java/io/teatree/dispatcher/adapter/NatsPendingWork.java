package io.teatree.dispatcher.adapter;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import io.teatree.dispatcher.demand.PendingWork;
import io.teatree.protocol.ModelId;
import io.teatree.protocol.Subjects;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PendingWork} from {@code TEATREE_INTENTS}' per-subject message counts (stream info with a subjects
 * filter). The stream has work-queue retention, so a message counts until its manager acknowledged it.
 */
public final class NatsPendingWork implements PendingWork {

    private final Connection connection;

    public NatsPendingWork(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Map<ModelId, Long> pending() {
        try {
            StreamInfo info = connection.jetStreamManagement()
                    .getStreamInfo(Subjects.INTENTS_STREAM, StreamInfoOptions.filterSubjects(Subjects.ALL_INTENTS));
            Map<ModelId, Long> pending = new TreeMap<>();
            for (Subject subject : info.getStreamState().getSubjects()) {
                String token = subject.getName().substring(Subjects.INTENT_PREFIX.length());
                if (subject.getCount() > 0 && ModelId.isValid(token)) {
                    pending.put(ModelId.of(token), subject.getCount());
                }
            }
            return pending;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot read pending intents from " + Subjects.INTENTS_STREAM + ": " + e.getMessage(), e);
        }
    }
}
