package io.teatree.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 exchange on a plain socket, so a test decides exactly when the answer's body is read: nothing is
 * read ahead beyond what the socket buffers hold. Handles chunked answers only.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Sends a POST with a JSON body and reads the status line and headers; returns the status line. */
    static RawHttp post(int port, String path, String key, String accept, String json) throws IOException {
        RawHttp http = new RawHttp(new Socket("127.0.0.1", port));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = http.socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\nAccept: " + accept
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return http;
    }

    /** The status line and headers, up to the empty line. */
    String head() throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = line(); !line.isEmpty(); line = line()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }

    /** The next chunk's data, or null after the last chunk. */
    byte[] chunk() throws IOException {
        int size = Integer.parseInt(line().trim(), 16);
        if (size == 0) {
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new IOException("the answer ended inside a chunk");
        }
        line();
        return data;
    }

    /** Every remaining chunk's data until the last chunk. */
    byte[] rest() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] data = chunk(); data != null; data = chunk()) {
            all.write(data);
        }
        return all.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the answer ended early");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
