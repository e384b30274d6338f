package dev.flyback.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apiguardian.api.API;

/** PostgreSQL's privilege letters ({@code arwdDxtm…}, as ACL items print them) and the words SQL writes for them. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Privileges {
    private static final String[][] KNOWN = {{"r", "SELECT"}, {"a", "INSERT"}, {"w", "UPDATE"}, {"d", "DELETE"},
            {"D", "TRUNCATE"}, {"x", "REFERENCES"}, {"t", "TRIGGER"}, {"m", "MAINTAIN"}, {"X", "EXECUTE"},
            {"U", "USAGE"}, {"C", "CREATE"}, {"c", "CONNECT"}, {"T", "TEMPORARY"}};

    private Privileges() {
    }

    /**
     * The privilege letters of each grantee of an ACL as PostgreSQL prints it ({@code grantee=letters/grantor},
     * comma separated; {@code ""} for PUBLIC), grant options left out.
     */
    public static Map<String, String> byGrantee(String acl) {
        Map<String, String> items = new TreeMap<>();
        for (String item : acl.split(",")) {
            int slash = item.indexOf('/') < 0 ? item.length() : item.indexOf('/');
            int equals = item.lastIndexOf('=', slash);
            if (equals >= 0) {
                items.merge(item.substring(0, equals).replace("\"", ""), item.substring(equals + 1, slash)
                        .replace("*", ""), String::concat);
            }
        }
        return items;
    }

    /** {@code SELECT, INSERT} for {@code ra}; grant options ({@code *}) are left out. */
    public static String names(String letters) {
        List<String> names = new ArrayList<>();
        for (String[] privilege : KNOWN) {
            if (letters.contains(privilege[0])) {
                names.add(privilege[1]);
            }
        }
        return String.join(", ", names);
    }
}
