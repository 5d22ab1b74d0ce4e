package org.ward.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by Maven), or "development" when run from classes. */
final class WardVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = WardVersion.class.getPackage().getImplementationVersion();
        return new String[] {"Ward " + (version == null ? "development" : version)};
    }
}
