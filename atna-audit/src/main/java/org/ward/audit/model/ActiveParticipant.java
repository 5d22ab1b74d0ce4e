package org.ward.audit.model;

import java.util.List;

/**
 * {@code ActiveParticipant}, DICOM PS3.15 A.5.1: a user, process or node that took part.
 *
 * @param userId             {@code UserID}, required
 * @param alternativeUserId  {@code AlternativeUserID}, or null
 * @param userName           {@code UserName}, or null
 * @param userIsRequestor    {@code UserIsRequestor}
 * @param roleIdCodes        {@code RoleIDCode}s, DICOM CID 402 or open
 * @param networkAccessPoint {@code NetworkAccessPointID} and its type code, or null
 */
public record ActiveParticipant(String userId, String alternativeUserId, String userName,
                                boolean userIsRequestor, List<CodedValue> roleIdCodes,
                                NetworkAccessPoint networkAccessPoint) {

    public ActiveParticipant {
        Checks.requireText(userId, "UserID");
        Checks.optionalText(alternativeUserId, "AlternativeUserID");
        Checks.optionalText(userName, "UserName");
        roleIdCodes = List.copyOf(roleIdCodes);
    }

    public boolean hasRole(CodedValue role) {
        return roleIdCodes.contains(role);
    }
}
