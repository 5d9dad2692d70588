package io.edgegateway.uplink;

import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.PlaintextAuthenticationContext;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;

/**
 * For the test broker (loaded by {@code kafka.Kafka} from the test class path): without SASL or TLS every
 * connection is {@code User:ANONYMOUS}, so ACLs could not tell the gateway from the broker itself. Here
 * connections on the EXTERNAL listener are {@code User:gateway}; the broker's own stay anonymous (a super
 * user), so a test can deny the gateway one topic.
 */
public final class ListenerPrincipalBuilder extends DefaultKafkaPrincipalBuilder {
    public ListenerPrincipalBuilder() {
        super(null, null);
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        if (context instanceof PlaintextAuthenticationContext p && "EXTERNAL".equals(p.listenerName())) {
            return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "gateway");
        }
        return super.build(context);
    }
}
