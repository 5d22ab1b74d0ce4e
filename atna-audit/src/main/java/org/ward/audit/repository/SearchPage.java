package org.ward.audit.repository;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search.
 *
 * @param records the matches, in repository order
 * @param next the cursor ({@code _after}) of the next page, when there may be more
 * @param scanned how many stored records were read to fill it
 */
public record SearchPage(List<StoredRecord> records, Optional<Long> next, int scanned) {

    public SearchPage {
        records = List.copyOf(records);
    }
}
