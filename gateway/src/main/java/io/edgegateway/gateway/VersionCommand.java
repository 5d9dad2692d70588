package io.edgegateway.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edge-gateway version}: the version of this build, from the jar manifest when packaged. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("edge-gateway " + version() + " (Java " + Runtime.version() + ")");
    }

    /** Feeds {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"edge-gateway " + version()};
        }
    }
}
