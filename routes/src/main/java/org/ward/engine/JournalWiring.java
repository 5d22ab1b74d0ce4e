package org.ward.engine;

import java.nio.file.Path;
import org.ward.config.JournalSettings;
import org.ward.store.JdbcMessageJournal;
import org.ward.store.JournalConfig;
import org.ward.store.MessageJournal;

/** Opens the message journal the {@code journal:} configuration describes. */
public final class JournalWiring {

    private JournalWiring() {
    }

    public static MessageJournal open(JournalSettings settings, Path dataDir) {
        JournalConfig config = switch (settings.kind()) {
            case H2 -> JournalConfig.h2(dataDir);
            case POSTGRESQL -> JournalConfig.postgresql(settings.url().orElseThrow(), settings.user().orElseThrow(),
                    settings.passwordFile().orElseThrow(), dataDir);
        };
        return JdbcMessageJournal.open(config.withGroupCommit(settings.groupCommit()));
    }
}
