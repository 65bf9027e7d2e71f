package io.teatree.api.infra;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;

/**
 * A request body of unknown length that the uploading thread writes itself
 * ({@link AsyncRequestBody#forBlockingInputStream}), and that can be {@linkplain #abandon() abandoned} when its upload
 * fails. The SDK's multipart client stops reading the body of a failed upload without cancelling it, so a writer
 * blocked on the full buffer would wait for good; abandoning cancels the body's subscription, which fails the write.
 */
final class StreamedBody implements AsyncRequestBody {

    private final BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream(null);
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private volatile boolean abandoned;

    @Override
    public Optional<Long> contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> downstream) {
        body.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                downstream.onSubscribe(s);
                if (abandoned) {
                    s.cancel();
                }
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                downstream.onNext(buffer);
            }

            @Override
            public void onError(Throwable t) {
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                downstream.onComplete();
            }
        });
    }

    /**
     * Writes {@code in} to the upload on the calling thread, blocking while the upload's buffer is full.
     *
     * @return the number of bytes written
     * @throws java.io.UncheckedIOException when reading {@code in} fails; the upload then fails too
     * @throws RuntimeException             when the upload failed or was abandoned first
     */
    long write(InputStream in) {
        return body.writeInputStream(in);
    }

    /** Ends a write in progress (or the next one) with an exception; safe from any thread. */
    void abandon() {
        abandoned = true;
        Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }
}
