package dev.flyback.verifier.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and rewrites PostgreSQL JDBC URLs without ever printing a password. */
final class JdbcUrls {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password|sslpassword)=[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*:[^/@]*@");

    private JdbcUrls() {
    }

    /** The URL with every password replaced by {@code ****}. */
    static String redact(String url) {
        String withoutParams = SECRET_PARAM.matcher(url).replaceAll("$1=****");
        return USER_INFO.matcher(withoutParams).replaceAll("//****@");
    }

    /** The same server, another database. */
    static String withDatabase(String url, String database) {
        Matcher matcher = matcher(url);
        String query = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + query;
    }

    /** The database the URL names, {@code postgres} when it names none. */
    static String database(String url) {
        Matcher matcher = matcher(url);
        String database = matcher.group(2);
        return database == null || database.isEmpty() ? "postgres" : database;
    }

    private static Matcher matcher(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: '" + redact(url)
                    + "'; expected jdbc:postgresql://host:port/database");
        }
        return matcher;
    }
}
