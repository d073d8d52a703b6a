package dev.switchboard.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives each test a fresh, empty {@link MailServer} as a parameter and stops it afterwards. */
public final class MailServerExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MailServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MailServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> new MailServer(), MailServer.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MailServer server = context.getStore(NAMESPACE).remove("server", MailServer.class);
        if (server != null) {
            server.close();
        }
    }
}
