package dev.flyback.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/** PostgreSQL's privilege letters ({@code arwdDxtm…}, as ACL items print them) and the words SQL writes for them. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Privileges {
    private static final String[][] KNOWN = {{"r", "SELECT"}, {"a", "INSERT"}, {"w", "UPDATE"}, {"d", "DELETE"},
            {"D", "TRUNCATE"}, {"x", "REFERENCES"}, {"t", "TRIGGER"}, {"m", "MAINTAIN"}, {"X", "EXECUTE"},
            {"U", "USAGE"}, {"C", "CREATE"}, {"c", "CONNECT"}, {"T", "TEMPORARY"}};

    private Privileges() {
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
