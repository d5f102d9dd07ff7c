package io.pinpointimport.emulator.pinpoint.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lean mode's state of one application, instead of an {@link EndpointStore}: endpoint ids (in lower case) with
 * their user and channel, the endpoints per user and the custom attribute names. Enough to check every later row as
 * the full store would, at a small part of its memory.
 */
final class EndpointLedger {

    /** What a lean emulator knows of one endpoint: just what the checks of later rows need. */
    record Known(@Nullable String userId, String channelType) {}

    final Map<String, Known> endpoints = new HashMap<>();
    final Map<String, Integer> userCounts = new HashMap<>();
    final Set<String> attributeNames = new HashSet<>();

    /**
     * One job's view of an {@link EndpointLedger}. A job that registers its endpoints writes straight into the
     * ledger (jobs are processed one at a time under the engine's lock, and such a job's work always replaces the
     * store, so this is what copying and replacing would give, without the copy); a job that does not keeps its
     * changes in overlay maps that are dropped at its end.
     */
    static final class View implements RowState {
        final @Nullable EndpointLedger base; // null when writing straight into the ledger
        final Map<String, Known> endpoints;
        final Map<String, Integer> userCounts;
        final Set<String> attributeNames; // direct: all names; overlay: only names the ledger does not have

        View(EndpointLedger ledger, boolean direct) {
            this.base = direct ? null : ledger;
            this.endpoints = direct ? ledger.endpoints : new HashMap<>();
            this.userCounts = direct ? ledger.userCounts : new HashMap<>();
            this.attributeNames = direct ? ledger.attributeNames : new HashSet<>();
        }

        @Override
        public boolean hasEndpoint(String key) {
            return get(key) != null;
        }

        @Override
        public @Nullable String userOf(String key) {
            Known known = get(key);
            return known == null ? null : known.userId();
        }

        @Nullable
        Known get(String key) {
            Known known = endpoints.get(key);
            return known != null || base == null ? known : base.endpoints.get(key);
        }

        @Override
        public int userCount(String user) {
            Integer count = userCounts.get(user);
            if (count != null) {
                return count;
            }
            return base == null ? 0 : base.userCounts.getOrDefault(user, 0);
        }

        void setUserCount(String user, int count) {
            if (count <= 0 && base == null) {
                userCounts.remove(user);
            } else {
                userCounts.put(user, count); // an overlay keeps 0 to hide the ledger's count
            }
        }

        @Override
        public boolean hasName(String name) {
            return attributeNames.contains(name) || base != null && base.attributeNames.contains(name);
        }

        @Override
        public int nameCount() {
            return attributeNames.size() + (base == null ? 0 : base.attributeNames.size());
        }
    }
}
