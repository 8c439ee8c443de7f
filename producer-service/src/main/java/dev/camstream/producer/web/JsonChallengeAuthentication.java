package dev.camstream.producer.web;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus's HTTP Basic authentication, unchanged, except that its challenge (a change to the cameras without
 * the credential) answers with a JSON body, like every other error of the API.
 */
@ApplicationScoped
public class JsonChallengeAuthentication implements HttpAuthenticationMechanism {

    static final String NEEDS_CREDENTIAL = "this change needs the camera-admin credential (HTTP Basic, user admin)";

    private final BasicAuthenticationMechanism basic;

    public JsonChallengeAuthentication(BasicAuthenticationMechanism basic) {
        this.basic = basic;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return basic.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return basic.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return basic.getChallenge(context).map(challenge -> {
            if (!context.response().headWritten()) {
                context.response().setStatusCode(challenge.status);
                challenge.getHeaders().forEach((name, value) -> context.response().putHeader(name, value));
                context.response().putHeader("Content-Type", "application/json")
                        .end(Json.encode(new ApiError(challenge.status, ApiError.codeOf(challenge.status), NEEDS_CREDENTIAL)));
            }
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return basic.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return basic.getPriority() + 1;
    }
}
