package io.edgegateway.uplink;

/** A real Kafka broker a test started: in the test JVM or as a child process. */
interface TestBroker extends AutoCloseable {
    /** host:port for clients. */
    String bootstrap();
}
