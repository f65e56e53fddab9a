package io.gpuagent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback in front of a server a test wants to take away and bring back on the same
 * address: {@link #cut()} closes the listener and every connection through it (clients then get
 * "connection refused", as from an API server that is down), {@link #restore()} listens again on the same
 * port, and {@link #dropConnections()} breaks the open connections only (a watch cut off mid-stream).
 */
final class LoopbackProxy implements AutoCloseable {

    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private int port;

    private LoopbackProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    /** Forwards an ephemeral loopback port to {@code targetPort} on loopback. */
    static LoopbackProxy start(int targetPort) throws IOException {
        LoopbackProxy proxy = new LoopbackProxy(targetPort);
        proxy.listen(0);
        return proxy;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening and closes every connection through the proxy. */
    synchronized void cut() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
        dropConnections();
    }

    /** Listens again on the same port (retrying for up to 5 s while the port is still being released). */
    synchronized void restore() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                listen(port);
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Closes every open connection through the proxy; new ones are still accepted. */
    void dropConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        port = s.getLocalPort();
        listener = s;
        Thread.ofPlatform().daemon().name("proxy-accept-" + port).start(() -> accept(s));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException closed) {
                return;
            }
            Socket upstream;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(upstream);
            if (listener != s) { // cut while connecting
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Thread.ofVirtual().start(() -> pump(client, upstream));
            Thread.ofVirtual().start(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // either side closed, or the test cut the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
