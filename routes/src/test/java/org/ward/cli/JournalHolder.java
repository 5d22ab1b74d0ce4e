package org.ward.cli;

import java.nio.file.Path;
import org.ward.store.JdbcMessageJournal;
import org.ward.store.JournalConfig;
import org.ward.store.MessageJournal;

/** A second process holding an H2 journal open, as a running Ward does, until its stdin closes. */
public final class JournalHolder {

    private JournalHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (MessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(Path.of(args[0])))) {
            journal.count();
            System.out.println("open");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the journal until the test closes our stdin
            }
        }
    }
}
