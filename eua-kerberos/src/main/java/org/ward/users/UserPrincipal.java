package org.ward.users;

import java.util.regex.Pattern;

/**
 * The syntax of a person's Kerberos principal as users.yaml names it: {@code name@REALM}, one
 * component (no {@code /instance}: that is a service or an admin identity, not a person),
 * case-sensitive as Kerberos compares them (RFC 4120 §6.2).
 */
public final class UserPrincipal {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1,128}@[A-Za-z0-9]([A-Za-z0-9.-]{0,254}[A-Za-z0-9])?");

    private UserPrincipal() {
    }

    public static boolean isValid(String principal) {
        return principal != null && SYNTAX.matcher(principal).matches();
    }

    /** Returns {@code principal} or throws {@link IllegalArgumentException} saying what a principal looks like. */
    public static String check(String principal) {
        if (!isValid(principal)) {
            throw new IllegalArgumentException("not a user principal (user@REALM, letters, digits, '.', '_', '-'): "
                    + principal);
        }
        return principal;
    }
}
