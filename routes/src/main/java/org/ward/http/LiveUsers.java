package org.ward.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.users.UserAccount;
import org.ward.users.UserDirectory;
import org.ward.users.Users;
import org.ward.users.UsersFile;
import org.ward.users.UsersFileException;

/**
 * users.yaml as the API sees it: looked at again at most once a second and parsed again when its
 * bytes changed, so {@code ward users disable} takes effect on the next request. A file that no
 * longer parses keeps the last good version and is logged; a missing file means nobody.
 */
final class LiveUsers implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUsers.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Path file;
    private final Set<String> knownRoles;
    private Users users = Users.of();
    private byte[] loaded;
    private long checkedAt;
    private boolean checkedOnce;

    LiveUsers(Path file, Set<String> knownRoles) {
        this.file = file;
        this.knownRoles = Set.copyOf(knownRoles);
        reloadIfChanged();
    }

    @Override
    public synchronized Optional<UserAccount> find(String principal) {
        if (!checkedOnce || System.nanoTime() - checkedAt > CHECK_NANOS) {
            reloadIfChanged();
        }
        return users.find(principal);
    }

    private void reloadIfChanged() {
        checkedOnce = true;
        checkedAt = System.nanoTime();
        try {
            if (!Files.exists(file)) {
                if (loaded != null) {
                    LOG.warn("users file {} is gone: nobody may use the API", file);
                }
                users = Users.of();
                loaded = null;
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (Arrays.equals(bytes, loaded)) {
                return;
            }
            users = UsersFile.read(file, knownRoles);
            loaded = bytes;
            LOG.info("users file {} loaded: {} user(s)", file, users.all().size());
        } catch (UsersFileException e) {
            LOG.error("users file {} has errors, keeping the previous version: {}", file, e.getMessage());
        } catch (IOException e) {
            LOG.error("users file {} cannot be read, keeping the previous version: {}", file, e.toString());
        }
    }
}
