package io.teatree.testkit;

/** Child-JVM main for {@link ServersDieWithTheJvmIT}: starts the servers, prints their pids, waits. */
public final class ServersHolder {

    private ServersHolder() {
    }

    public static void main(String[] args) throws Exception {
        TeatreeServers servers = TeatreeServers.get();
        System.out.println("READY " + servers.nats().pid() + " " + servers.postgres().pid() + " " + servers.s3().port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
